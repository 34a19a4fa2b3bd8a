import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { AppConfig, loadConfig } from '@terugkeer/config';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { TemporalWorkerHost } from '../../apps/worker/src/temporal-worker.host';
import { workerMetricsTelemetry } from '../../apps/worker/src/worker-telemetry';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase } from './database';
import { localTemporal } from './dev-server';
import { TEST_JWT_SECRET, TEST_PAYLOAD_KEY, tokenFor } from './tokens';

export interface StackOptions {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue?: string;
  env?: Record<string, string>;
}

export function testConfig(options: StackOptions): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue ?? 'terugkeer-test',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    TEMPORAL_PAYLOAD_KEY: TEST_PAYLOAD_KEY,
    // The partner simulator of the tests listens on this machine.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // Tests make many calls from one address; the limits have a test of their own.
    RATE_LIMIT_PER_TOKEN: '100000',
    RATE_LIMIT_PER_IP: '100000',
    // A loaded CI machine may take a while to run an update; the deadlines have a test of their own. (Starts keep
    // the default: an intake's start must give up well within the relay's grace.)
    TEMPORAL_UPDATE_TIMEOUT: '30s',
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

let runtimeInstalled = false;

/**
 * SDK logs at WARN and above only; must run before anything touches the Temporal runtime. The runtime is one per
 * process: the first stack's settings decide whether it serves the worker's Temporal metrics (METRICS_ENABLED).
 */
export function quietRuntime(options?: StackOptions) {
  if (runtimeInstalled) return;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) },
      ...(options ? workerMetricsTelemetry(testConfig(options)) : {}),
    },
  });
  runtimeInstalled = true;
}

/** The real worker app (Nest context + Temporal Worker), polling until `close()`. */
export async function startWorker(options: StackOptions) {
  quietRuntime(options);
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(testConfig(options))
    .compile();
  moduleRef.useLogger(false);
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

/**
 * A whole Terugkeer on real parts: a Temporal dev server (with the search attributes registered), a fresh
 * migrated PostgreSQL database, the worker and the API. `http` is a supertest agent on the API.
 */
export async function startStack(options: { env?: Record<string, string>; temporalUiPort?: number } = {}) {
  // Before the dev server, which touches the runtime; only the metrics settings of this configuration count.
  quietRuntime({ databaseUrl: 'postgres://not-yet', temporalAddress: '127.0.0.1:7233', env: options.env });
  const [temporal, db] = await Promise.all([localTemporal({ uiPort: options.temporalUiPort }), createTestDatabase()]);
  const stackOptions = {
    databaseUrl: db.url,
    temporalAddress: temporal.address,
    taskQueue: `e2e-${randomUUID()}`,
    env: options.env,
  };
  const api = await startApi(stackOptions);
  // Partners answer at the API under test: the respondUrl of the webhooks points there.
  const apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
  const worker = await startWorker({ ...stackOptions, env: { PUBLIC_BASE_URL: apiUrl, ...options.env } });
  const pg = new PgClient({ connectionString: db.url });
  await pg.connect();
  return {
    temporal,
    db,
    pg,
    api,
    worker,
    options: stackOptions,
    http: () => request(api.getHttpServer()),
    as: async (role: string, org: string, sub = `${role}-${org}`) => `Bearer ${await tokenFor(role, org, { sub })}`,
    close: async () => {
      await api.close();
      await worker.close();
      await pg.end();
      await temporal.teardown();
      await db.drop();
    },
  };
}
export type Stack = Awaited<ReturnType<typeof startStack>>;

/** Partners of the demo and the tests: municipal desks of Amsterdam, Almelo and Rotterdam, probation, care. */
export async function seedPartners(pg: PgClient) {
  const partners: [string, string, string[], string[], boolean][] = [
    [
      'gm0363-nazorg',
      'Amsterdam aftercare desk',
      ['detention-start-notice', 'release-notice', 'housing-request', 'debt-help-referral', 'benefit-pre-application'],
      ['GM0363'],
      true,
    ],
    [
      'gm0599-nazorg',
      'Rotterdam aftercare desk',
      ['detention-start-notice', 'release-notice', 'housing-request', 'debt-help-referral', 'benefit-pre-application'],
      ['GM0599'],
      true,
    ],
    ['gm0141-burgerzaken', 'Almelo civil affairs', ['id-application'], ['GM0141'], true],
    ['gm0193-burgerzaken', 'Zwolle civil affairs', ['id-application'], ['GM0193'], true],
    ['RN', 'Reclassering Nederland', ['detention-start-notice', 'release-notice'], ['*'], true],
    ['zorg-nl', 'Care continuity network', ['care-continuity'], ['*'], false],
  ];
  for (const [id, name, types, municipalities, government] of partners) {
    await pg.query(
      'INSERT INTO partners (id, name, types, municipalities, government) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [id, name, types, municipalities, government],
    );
  }
}

export { eventually } from './eventually';
