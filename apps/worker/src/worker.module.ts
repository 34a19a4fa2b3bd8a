import { Module } from '@nestjs/common';
import { PartnerSecrets } from '@terugkeer/auth';
import { ConfigModule, LoggingModule } from '@terugkeer/config';
import { IntakeModule } from '@terugkeer/intake';
import { PersistenceModule } from '@terugkeer/persistence';
import { TemporalClientModule } from '@terugkeer/temporal';
import { ACTIVITY_SERVICES, activitiesProvider } from './activities/activities.provider';
import { IntakeRelay } from './intake-relay.service';
import { Mailer } from './notifications/mailer';
import { NotificationSweep } from './notifications/notification-sweep.service';
import { DetentionEraser } from './retention/detention-eraser';
import { RetentionSweep } from './retention/retention-sweep.service';
import { WorkflowHistoryEraser } from './retention/workflow-history-eraser';
import { TemporalWorkerHost } from './temporal-worker.host';

@Module({
  imports: [ConfigModule, LoggingModule, PersistenceModule, TemporalClientModule, IntakeModule],
  providers: [
    PartnerSecrets,
    ...ACTIVITY_SERVICES,
    activitiesProvider,
    TemporalWorkerHost,
    IntakeRelay,
    DetentionEraser,
    WorkflowHistoryEraser,
    RetentionSweep,
    Mailer,
    NotificationSweep,
  ],
})
export class WorkerModule {}
