import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CalendarDate,
  Consent,
  EndingReason,
  PartnerResponseStatus,
  PlanChanges,
  PlannedStep,
} from '@terugkeer/domain';
import type { Actor, ContactDetails, DetentionState, HumanTask } from './detention.types';

/** Every update that changes facts answers with what that did to the plan. */
export interface FactsChangeResult {
  changes: PlanChanges;
}

export const changeExpectedReleaseUpdate = defineUpdate<
  FactsChangeResult,
  [{ expectedReleaseDate: CalendarDate | null; reason: string; actor: Actor }]
>('changeExpectedRelease');

export const recordReleaseUpdate = defineUpdate<
  FactsChangeResult,
  [{ releaseDate: CalendarDate; releaseAddressKnown: boolean; actor: Actor }]
>('recordRelease');

/** A change of prison; it may carry the new casemanager's contact details (rule 8). */
export const transferUpdate = defineUpdate<
  FactsChangeResult,
  [{ prison: string; date: CalendarDate; casemanager?: ContactDetails; actor: Actor }]
>('transfer');

/** The casemanager to contact now: later messages to partners name them (rule 8). */
export const changeCasemanagerUpdate = defineUpdate<FactsChangeResult, [{ casemanager: ContactDetails; actor: Actor }]>(
  'changeCasemanager',
);

export const changeMunicipalityUpdate = defineUpdate<
  FactsChangeResult,
  [{ municipality: string; reason: string; actor: Actor }]
>('changeMunicipality');

export const setConsentUpdate = defineUpdate<FactsChangeResult, [{ consent: Consent; actor: Actor }]>('setConsent');

export const endDetentionUpdate = defineUpdate<
  FactsChangeResult,
  [{ reason: EndingReason; date: CalendarDate; note?: string; actor: Actor }]
>('endDetention');

export const claimTaskUpdate = defineUpdate<HumanTask, [{ taskId: string; actor: Actor }]>('claimTask');
export const unclaimTaskUpdate = defineUpdate<HumanTask, [{ taskId: string; actor: Actor }]>('unclaimTask');
export const completeTaskUpdate = defineUpdate<
  HumanTask,
  [{ taskId: string; outcome: string; data: Record<string, unknown>; expectedVersion?: number; actor: Actor }]
>('completeTask');

/**
 * A partner's answer, after the API checked it against the request ledger. A signal, so that partners can
 * answer while workers are down; the workflow applies each response id once.
 */
export interface PartnerResponse {
  responseId: string;
  requestId: string;
  partnerId: string;
  status: PartnerResponseStatus;
  reference?: string;
  reason?: string;
  note?: string;
  receivedAt: string;
}
export const partnerResponseSignal = defineSignal<[PartnerResponse]>('partnerResponse');

export const stateQuery = defineQuery<DetentionState>('state');
export const planQuery = defineQuery<PlannedStep[]>('plan');

/**
 * Failure types of rejected updates; the API maps them to HTTP statuses. Messages never hold personal data.
 */
export const DETENTION_ERRORS = {
  notFound: 'NotFound', // 404
  forbidden: 'Forbidden', // 403
  conflict: 'Conflict', // 409
  invalid: 'Invalid', // 400
} as const;
export type DetentionErrorType = (typeof DETENTION_ERRORS)[keyof typeof DETENTION_ERRORS];
