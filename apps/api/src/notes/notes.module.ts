import { Module } from '@nestjs/common';
import { AuditLog } from '@terugkeer/persistence';
import { DetentionsModule } from '../detentions/detentions.module';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';

@Module({
  imports: [DetentionsModule],
  controllers: [NotesController],
  providers: [NotesService, AuditLog],
})
export class NotesModule {}
