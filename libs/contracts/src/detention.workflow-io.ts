import type { CalendarDate } from '@terugkeer/domain';
import type { PartnerResponse } from './detention.messages';
import type { DetentionRegistration, DetentionState } from './detention.types';

/** The detention workflow's input: an accepted intake and its playbook, or the state a previous run carried over. */
export interface DetentionWorkflowInput {
  registration: DetentionRegistration;
  playbook: { id: string; version: number };
  /** State carried over by continue-as-new. */
  carried?: DetentionState;
  /** Partner answers that arrived while the previous run handed over (continue-as-new), still to be applied. */
  responses?: PartnerResponse[];
  /** Continue-as-new once the history holds this many events (the server's suggestion counts too). */
  continueAsNewAfterEvents?: number;
}

/** What a detention workflow returns once its case is closed. */
export interface DetentionOutcome {
  detentionId: string;
  closed: { reason: string; date: CalendarDate };
}
