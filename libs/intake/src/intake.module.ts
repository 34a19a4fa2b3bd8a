import { Module } from '@nestjs/common';
import { DetentionStarter } from './detention-starter';

/**
 * Getting an accepted intake to its workflow: the starter the API calls right after registering, and the worker's
 * intake relay for registrations whose start was interrupted. Needs the Temporal client and the read-model database.
 */
@Module({
  providers: [DetentionStarter],
  exports: [DetentionStarter],
})
export class IntakeModule {}
