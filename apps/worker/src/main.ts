import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, type LogLevel as TemporalLogLevel } from '@temporalio/worker';
import { AppConfig, ConfigValidationError, loadConfig, safeLogMeta } from '@terugkeer/config';
import { startTracing } from '@terugkeer/temporal/tracing';
import { Logger, PinoLogger } from 'nestjs-pino';
import { TemporalWorkerHost } from './temporal-worker.host';
import { workerMetricsTelemetry } from './worker-telemetry';
import { WorkerModule } from './worker.module';

const TEMPORAL_LEVELS: Record<string, TemporalLogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

async function bootstrap() {
  try {
    // With OTEL_ENABLED, before the worker and its Temporal client are made: they take the tracing's interceptors.
    await startTracing(loadConfig(), 'worker');
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(`terugkeer worker: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);

  // SDK and workflow logs (`log` from @temporalio/workflow) go through the same pino logger.
  const pino = await app.resolve(PinoLogger);
  pino.setContext('temporal');
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVELS[config.LOG_LEVEL], ({ level, message, meta }) => {
      const method = ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const)[level];
      pino[method](safeLogMeta(meta), message);
    }),
    telemetryOptions: workerMetricsTelemetry(config),
    // The Runtime drains the worker on these signals; `run()` below then resolves and the app closes.
    shutdownSignals: ['SIGINT', 'SIGTERM', 'SIGQUIT'],
  });

  const host = app.get(TemporalWorkerHost);
  try {
    await host.run();
  } finally {
    await app.close();
  }
}

bootstrap().catch((error: unknown) => {
  console.error(`terugkeer worker stopped: ${(error as Error).message}`);
  process.exit(1);
});
