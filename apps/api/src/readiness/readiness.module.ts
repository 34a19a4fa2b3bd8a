import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { ReadinessController } from './readiness.controller';
import { ReadinessService } from './readiness.service';

@Module({ imports: [TasksModule], controllers: [ReadinessController], providers: [ReadinessService] })
export class ReadinessModule {}
