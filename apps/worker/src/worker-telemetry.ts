import type { AppConfig } from '@terugkeer/config';
import type { TelemetryOptions } from '@temporalio/worker';

/**
 * The Temporal SDK's own worker metrics (task slots, poll and schedule-to-start latencies, sticky cache, activity
 * and workflow task outcomes), served by the SDK's runtime at `/metrics` on WORKER_METRICS_PORT when
 * METRICS_ENABLED; with seconds for durations and `_total` counters, as Prometheus names them.
 */
export function workerMetricsTelemetry(config: AppConfig): Pick<TelemetryOptions, 'metrics'> {
  if (!config.metricsEnabled) return {};
  const host = config.METRICS_HOST.includes(':') ? `[${config.METRICS_HOST}]` : config.METRICS_HOST;
  return {
    metrics: {
      prometheus: {
        bindAddress: `${host}:${config.WORKER_METRICS_PORT}`,
        countersTotalSuffix: true,
        useSecondsForDurations: true,
      },
    },
  };
}
