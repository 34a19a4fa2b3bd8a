import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { TemporalWorkerHost } from '../../apps/worker/src/temporal-worker.host';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { AppConfig, loadConfig } from '@terugkeer/config';
import { TEST_JWT_SECRET, TEST_PAYLOAD_KEY } from './tokens';

export interface StackOptions {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue?: string;
  env?: Record<string, string>;
}

export function testConfig(options: StackOptions): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue ?? 'terugkeer-test',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    TEMPORAL_PAYLOAD_KEY: TEST_PAYLOAD_KEY,
    ...options.env,
  });
}

/** The real API app, listening on a random local port. */
export async function startApi(options: StackOptions): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(testConfig(options))
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

/** The real worker app (Nest context + Temporal Worker), polling until `close()`. */
export async function startWorker(options: StackOptions) {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(testConfig(options))
    .compile();
  const app = await moduleRef.init();
  const host = app.get(TemporalWorkerHost);
  await host.create();
  const running = host.run();
  return {
    app,
    running,
    close: async () => {
      await app.close();
      await running;
    },
  };
}
