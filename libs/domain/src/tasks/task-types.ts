import type { BasicCondition, ConditionStatus, Needs } from '../detention/detention-facts';
import type { TaskType } from '../playbook/playbook';

export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The outcomes a task of each type can be completed with. */
export const TASK_OUTCOMES: Record<TaskType, readonly string[]> = {
  'insurance-suspension': ['suspended', 'not-insured', 'not-possible'],
  screening: ['completed'],
  'trajectory-meeting': ['held', 'not-held'],
  'exit-meeting': ['held', 'not-held'],
  'bank-account-digid': ['arranged', 'not-needed', 'not-possible'],
  'insurance-resumption': ['resumed', 'not-possible'],
  'aftercare-check': ['completed', 'unreachable'],
  'request-follow-up': ['resolved', 'other-route', 'abandoned'],
};

/** Completion data per task type (validated in the API with class-validator, re-checked in the workflow). */
export interface ScreeningData {
  needs: Needs;
  consent: Record<BasicCondition, boolean>;
  conditions: Record<BasicCondition, ConditionStatus>;
  idDocumentExpiry: string | null;
  note?: string;
}
export interface MeetingData {
  heldOn?: string;
  participants?: ('detainee' | 'municipality' | 'probation' | 'mentor')[];
  reason?: string;
  note?: string;
}
export interface ConditionsCheckData {
  conditions?: Record<BasicCondition, ConditionStatus>;
  note?: string;
}
export interface InsuranceResumptionData {
  careAllowanceApplied?: boolean;
  conditions?: Record<BasicCondition, ConditionStatus>;
  note?: string;
}
export interface BankAccountDigidData {
  bankAccount?: boolean;
  digid?: boolean;
  note?: string;
}
export interface NoteData {
  note?: string;
}

export type TaskData =
  ScreeningData | MeetingData | ConditionsCheckData | InsuranceResumptionData | BankAccountDigidData | NoteData;
