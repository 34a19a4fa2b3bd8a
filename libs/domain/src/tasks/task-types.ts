import type { BasicCondition, ConditionStatus, Needs } from '../detention/detention-facts';
import { amsterdamDate, amsterdamInstant } from '../calendar';
import { applyOffset } from '../playbook/offsets';
import type { Playbook, TaskType } from '../playbook/playbook';

export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A task still waiting for someone: open in a role's inbox, or claimed by a person. */
export const OPEN_TASK_STATUSES = ['open', 'claimed'] as const;
export const isOpenTask = (status: string): boolean => (OPEN_TASK_STATUSES as readonly string[]).includes(status);

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
  'first-place-to-stay': ['arranged', 'not-possible'],
  'meeting-invitation': ['will-attend', 'cannot-attend'],
  'record-incomplete': ['repaired', 'accepted-as-is'],
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

export interface TaskFollowUpInput {
  status: TaskStatus;
  dueDate: string | null;
  remindedAt: number | null;
  escalatedAt: number | null;
}

/**
 * Overdue tasks are followed up by timers: the morning after `taskReminderAfterDue` past the due date a reminder
 * goes to the assignee (or the role's inbox), and `taskEscalateAfterReminder` later the supervisor is flagged.
 */
export function nextTaskFollowUp(
  playbook: Playbook,
  task: TaskFollowUpInput,
): { action: 'remind' | 'escalate'; at: number } | null {
  if (task.dueDate === null || !isOpenTask(task.status) || task.escalatedAt !== null) {
    return null;
  }
  if (task.remindedAt === null) {
    return {
      action: 'remind',
      at: amsterdamInstant(applyOffset(task.dueDate, playbook.sla.taskReminderAfterDue), playbook.fireAtLocalTime),
    };
  }
  const reminded = amsterdamDate(task.remindedAt);
  return {
    action: 'escalate',
    at: amsterdamInstant(applyOffset(reminded, playbook.sla.taskEscalateAfterReminder), playbook.fireAtLocalTime),
  };
}
