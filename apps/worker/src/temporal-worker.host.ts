import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { AppConfig } from '@terugkeer/config';
import {
  activeTracing,
  temporalConnectionOptions,
  workerDataConverter,
  workflowTracingSinks,
} from '@terugkeer/temporal';
import { workflowBundleOptions } from '@terugkeer/temporal/workflow-bundle';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DetentionActivities } from '@terugkeer/contracts';
import { ACTIVITIES } from './activities/activities.provider';

const CONNECT_ATTEMPTS = 30;
const CONNECT_DELAY_MS = 2000;

/** Hosts the Temporal Worker inside the Nest application context: creation, run, graceful shutdown. */
@Injectable()
export class TemporalWorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerHost.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    @Inject(ACTIVITIES) private readonly activities: DetentionActivities,
  ) {}

  /** Connects and creates the worker (bundling the workflows unless a prebuilt bundle is configured). */
  async create(): Promise<Worker> {
    this.connection = await this.connect();
    const { interceptors, ...source } = this.workflowSource();
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: { ...this.activities },
      dataConverter: workerDataConverter(this.config),
      ...source,
      // The workflow's tracing interceptors are always in the bundle, the activities' only with tracing on; the
      // sink sends the workflow's spans on, or drops them.
      interceptors: { ...interceptors, activity: activeTracing()?.activityInterceptors ?? [] },
      sinks: workflowTracingSinks(),
      maxCachedWorkflows: this.config.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: this.config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      maxConcurrentActivityTaskExecutions: this.config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      shutdownGraceTime: this.config.WORKER_SHUTDOWN_GRACE_TIME as WorkerOptions['shutdownGraceTime'],
    });
    return this.worker;
  }

  /** Creates the worker if needed and polls until shutdown; resolves once the worker has drained. */
  async run(): Promise<void> {
    const worker = this.worker ?? (await this.create());
    this.logger.log(`polling task queue '${this.config.TEMPORAL_TASK_QUEUE}' on ${this.config.TEMPORAL_ADDRESS}`);
    this.running = worker.run();
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }

  private workflowSource(): Pick<
    WorkerOptions,
    'workflowBundle' | 'workflowsPath' | 'bundlerOptions' | 'interceptors'
  > {
    const prebuilt = this.config.WORKFLOW_BUNDLE_PATH ?? defaultBundlePath();
    if (prebuilt) {
      if (!existsSync(prebuilt)) throw new Error(`WORKFLOW_BUNDLE_PATH '${prebuilt}' does not exist`);
      return { workflowBundle: { codePath: prebuilt } };
    }
    const { workflowsPath, webpackConfigHook, workflowInterceptorModules } = workflowBundleOptions();
    return {
      workflowsPath,
      bundlerOptions: { webpackConfigHook },
      interceptors: { workflowModules: workflowInterceptorModules },
    };
  }

  private async connect(): Promise<NativeConnection> {
    // Certificates are read once, outside the retries: a missing file is a configuration error, not an outage.
    const options = temporalConnectionOptions(this.config);
    for (let attempt = 1; ; attempt++) {
      try {
        return await NativeConnection.connect(options);
      } catch (error) {
        if (attempt >= CONNECT_ATTEMPTS) {
          throw new Error(`Temporal at ${this.config.TEMPORAL_ADDRESS} did not answer: ${(error as Error).message}`);
        }
        this.logger.warn(`waiting for Temporal at ${this.config.TEMPORAL_ADDRESS} (attempt ${attempt})`);
        await new Promise((r) => setTimeout(r, CONNECT_DELAY_MS));
      }
    }
  }
}

/** When running compiled from dist/, the bundle that `npm run build` wrote next to it. */
function defaultBundlePath(): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  const candidate = path.resolve(__dirname, '../../../workflow-bundle.js');
  return existsSync(candidate) ? candidate : undefined;
}
