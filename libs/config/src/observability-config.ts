import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';
import { HttpSettings } from './http-config';
import { toInt } from './to-int';

/**
 * Prometheus metrics and OpenTelemetry tracing, each off unless asked for. Each app serves its metrics on a port
 * of its own, bound to the loopback interface unless METRICS_HOST says otherwise: never on the API's public port,
 * behind no token, so that nothing about the load reaches whoever can reach the API. Traces are pushed to an
 * OTLP/HTTP collector. Part of {@link AppConfig}.
 */
export class ObservabilitySettings extends HttpSettings {
  @IsIn(['true', 'false'], { message: 'METRICS_ENABLED must be true or false' })
  METRICS_ENABLED = 'false';

  /** The interface both apps' metrics listen on; `0.0.0.0` in a container that Prometheus scrapes from outside. */
  @Matches(/^[A-Za-z0-9.:[\]-]{1,253}$/, { message: 'METRICS_HOST must be a host name or an IP address' })
  METRICS_HOST = '127.0.0.1';

  /** The API's metrics: `http://METRICS_HOST:METRICS_PORT/metrics`. */
  @Transform(toInt)
  @IsInt({ message: 'METRICS_PORT must be a port number' })
  @Min(1, { message: 'METRICS_PORT must be a port number' })
  @Max(65535, { message: 'METRICS_PORT must be a port number' })
  METRICS_PORT = 9464;

  /** The worker's Temporal SDK metrics (served by the SDK's runtime): `http://METRICS_HOST:WORKER_METRICS_PORT/metrics`. */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_METRICS_PORT must be a port number' })
  @Min(1, { message: 'WORKER_METRICS_PORT must be a port number' })
  @Max(65535, { message: 'WORKER_METRICS_PORT must be a port number' })
  WORKER_METRICS_PORT = 9465;

  /** Traces (HTTP request, Temporal client call, workflow, activity) sent over OTLP/HTTP; off: no SDK at all. */
  @IsIn(['true', 'false'], { message: 'OTEL_ENABLED must be true or false' })
  OTEL_ENABLED = 'false';

  /** The collector's OTLP/HTTP base URL, as the OpenTelemetry variable means it: the traces go to `/v1/traces`. */
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, such as http://localhost:4318' },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT = 'http://localhost:4318';

  /** The `service.name` of the spans; unset: `terugkeer-api` and `terugkeer-worker`, one per app. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, {
    message: 'OTEL_SERVICE_NAME must be letters, digits, dots, dashes or underscores',
  })
  OTEL_SERVICE_NAME?: string;

  get metricsEnabled(): boolean {
    return this.METRICS_ENABLED === 'true';
  }

  get tracingEnabled(): boolean {
    return this.OTEL_ENABLED === 'true';
  }
}

export const OBSERVABILITY_CONFIG_KEYS = [
  'METRICS_ENABLED',
  'METRICS_HOST',
  'METRICS_PORT',
  'WORKER_METRICS_PORT',
  'OTEL_ENABLED',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_SERVICE_NAME',
] as const;
