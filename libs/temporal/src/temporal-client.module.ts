import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@terugkeer/config';
import { temporalConnectionOptions } from './connection-options';
import { dataConverter } from './data-converter';

/**
 * The Temporal client for the API. The connection is lazy: the API starts (and reports Temporal as down
 * on /health) even while the Temporal server is not reachable yet.
 */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      useFactory: (config: AppConfig) => Connection.lazy(temporalConnectionOptions(config)),
      inject: [AppConfig],
    },
    {
      provide: Client,
      useFactory: (connection: Connection, config: AppConfig) =>
        new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config) }),
      inject: [Connection, AppConfig],
    },
  ],
  exports: [Connection, Client],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
