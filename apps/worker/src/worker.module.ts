import { Module } from '@nestjs/common';
import { ConfigModule, LoggingModule } from '@terugkeer/config';
import { activitiesProvider } from './activities/activities.provider';
import { TemporalWorkerHost } from './temporal-worker.host';

@Module({
  imports: [ConfigModule, LoggingModule],
  providers: [activitiesProvider, TemporalWorkerHost],
})
export class WorkerModule {}
