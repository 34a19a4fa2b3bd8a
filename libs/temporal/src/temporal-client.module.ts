import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@terugkeer/config';
import { temporalConnectionOptions } from './connection-options';
import { dataConverter } from './data-converter';
import { deadlineAwareRetry } from './deadline-retry';
import { TemporalDeadlines } from './temporal-deadlines';
import { activeTracing } from './tracing';

/**
 * The Temporal client for the API (and the worker's own calls: the intake relay, retention). The connection is
 * lazy: the API starts (and reports Temporal as down on /health) even while the Temporal server is not reachable
 * yet. The API's calls are made under a deadline ({@link TemporalDeadlines}); the retries of a failed call stop
 * at its deadline.
 */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      useFactory: (config: AppConfig) =>
        Connection.lazy({ ...temporalConnectionOptions(config), interceptors: [deadlineAwareRetry()] }),
      inject: [AppConfig],
    },
    {
      provide: Client,
      useFactory: (connection: Connection, config: AppConfig) =>
        new Client({
          connection,
          namespace: config.TEMPORAL_NAMESPACE,
          dataConverter: dataConverter(config),
          // With tracing on, starts, updates and signals carry the caller's trace to the workflow (in their headers).
          interceptors: { workflow: activeTracing()?.clientInterceptors ?? [] },
        }),
      inject: [Connection, AppConfig],
    },
    TemporalDeadlines,
  ],
  exports: [Connection, Client, TemporalDeadlines],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
    // The last spans (the Temporal calls are the last things the apps make) go out before the process ends.
    await activeTracing()?.shutdown();
  }
}
