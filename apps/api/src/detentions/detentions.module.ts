import { Module } from '@nestjs/common';
import { IntakeModule } from '@terugkeer/intake';
import { DetentionsController } from './detentions.controller';
import { DetentionsService } from './detentions.service';
import { RegisterIntakeService } from './register-intake.service';

@Module({
  imports: [IntakeModule],
  controllers: [DetentionsController],
  providers: [DetentionsService, RegisterIntakeService],
  exports: [DetentionsService],
})
export class DetentionsModule {}
