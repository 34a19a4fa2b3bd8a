import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@terugkeer/config';
import { dataSourceOptions } from './data-source-options';

/** The read-model database. Connection problems surface on /health rather than crashing the app. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
        retryAttempts: Number.MAX_SAFE_INTEGER,
        retryDelay: 2000,
      }),
    }),
  ],
  exports: [TypeOrmModule],
})
export class PersistenceModule {}
