import { Module } from '@nestjs/common';
import { AuthModule } from '@terugkeer/auth';
import { ConfigModule, LoggingModule } from '@terugkeer/config';
import { PersistenceModule } from '@terugkeer/persistence';
import { TemporalClientModule } from '@terugkeer/temporal';
import { HealthModule } from './health/health.module';
import { SessionController } from './session/session.controller';

@Module({
  imports: [ConfigModule, LoggingModule, AuthModule, PersistenceModule, TemporalClientModule, HealthModule],
  controllers: [SessionController],
})
export class AppModule {}
