import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@terugkeer/config';
import { dataSourceOptions } from './data-source-options';
import { AuditLog } from './audit-log';
import { DetentionProjector } from './detention-projector';

/** The read-model database: TypeORM with the entities, and the projector the worker writes through. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
        // Wait up to a minute for the database at start-up, then fail with the driver's message.
        retryAttempts: 20,
        retryDelay: 3000,
      }),
    }),
  ],
  providers: [DetentionProjector, AuditLog],
  exports: [TypeOrmModule, DetentionProjector, AuditLog],
})
export class PersistenceModule {}
