import { Module } from '@nestjs/common';
import { DetentionsController } from './detentions.controller';
import { DetentionsService } from './detentions.service';
import { RegisterIntakeService } from './register-intake.service';

@Module({
  controllers: [DetentionsController],
  providers: [DetentionsService, RegisterIntakeService],
  exports: [DetentionsService],
})
export class DetentionsModule {}
