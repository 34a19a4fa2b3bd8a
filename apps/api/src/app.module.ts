import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@terugkeer/auth';
import { ConfigModule, LoggingModule } from '@terugkeer/config';
import { PersistenceModule } from '@terugkeer/persistence';
import { TemporalClientModule } from '@terugkeer/temporal';
import { AuditModule } from './audit/audit.module';
import { CodecModule } from './codec/codec.module';
import { DatabaseUnavailableFilter } from './common/database-unavailable.filter';
import { RateLimitModule } from './common/rate-limit';
import { DashboardModule } from './dashboard/dashboard.module';
import { DetentionsModule } from './detentions/detentions.module';
import { ErasuresModule } from './erasures/erasures.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotesModule } from './notes/notes.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PartnersModule } from './partners/partners.module';
import { PlaybooksModule } from './playbooks/playbooks.module';
import { ReadinessModule } from './readiness/readiness.module';
import { RequestsModule } from './requests/requests.module';
import { TasksModule } from './tasks/tasks.module';
import { UiController } from './ui/ui.controller';
import { SessionController } from './session/session.controller';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    MetricsModule,
    // Before authentication: guessing tokens is rate limited too.
    RateLimitModule,
    AuthModule,
    PersistenceModule,
    TemporalClientModule,
    HealthModule,
    DetentionsModule,
    NotesModule,
    TasksModule,
    RequestsModule,
    PartnersModule,
    AuditModule,
    CodecModule,
    DashboardModule,
    ErasuresModule,
    ReadinessModule,
    OrganisationsModule,
    PlaybooksModule,
  ],
  controllers: [SessionController, UiController],
  providers: [{ provide: APP_FILTER, useClass: DatabaseUnavailableFilter }],
})
export class AppModule {}
