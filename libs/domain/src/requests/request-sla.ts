import { amsterdamDate, amsterdamInstant, type CalendarDate } from '../calendar';
import type { DetentionFacts } from '../detention/detention-facts';
import { anchorDate } from '../planner/planner';
import { applyOffset } from '../playbook/offsets';
import type { Offset, Playbook, RequestType } from '../playbook/playbook';
import { isAcknowledged, isOpenRequest, type RequestStatus } from './request-status';

/** The date by which the partner should be done with a request: from sending, or anchored (e.g. by release). */
export function requestDueDate(
  playbook: Playbook,
  type: RequestType,
  sentOn: CalendarDate,
  facts: DetentionFacts,
): CalendarDate | null {
  const definition = playbook.requestTypes[type];
  if (definition.dueAt) {
    const base = anchorDate(facts, definition.dueAt.anchor);
    return base && applyOffset(base, definition.dueAt.offset);
  }
  const window =
    type === 'debt-help-referral' && facts.needs.debtsThreatening
      ? definition.threateningDueAfterSent
      : definition.dueAfterSent;
  return window ? applyOffset(sentOn, window) : null;
}

/** The first working-day morning after a window of working days has passed. */
function afterWindow(playbook: Playbook, from: number, window: Offset): number {
  const lastDay = applyOffset(amsterdamDate(from), window);
  return amsterdamInstant(applyOffset(lastDay, { workingDays: 1 }), playbook.fireAtLocalTime);
}

export interface FollowUpInput {
  type: RequestType;
  status: RequestStatus;
  sentAt: number;
  chasedAt: number | null;
  escalatedAt: number | null;
}

/**
 * The acknowledgement SLA: a request not acknowledged within the window is chased once; still not acknowledged
 * a window after the chase, it is escalated to the municipality coordinator. Notices are not chased.
 */
export function nextFollowUp(
  playbook: Playbook,
  request: FollowUpInput,
): { action: 'chase' | 'escalate'; at: number } | null {
  if (playbook.requestTypes[request.type].notice) return null;
  if (!isOpenRequest(request.status) || isAcknowledged(request.status) || request.escalatedAt !== null) return null;
  if (request.chasedAt === null) {
    return { action: 'chase', at: afterWindow(playbook, request.sentAt, playbook.sla.acknowledgeWithin) };
  }
  return { action: 'escalate', at: afterWindow(playbook, request.chasedAt, playbook.sla.escalateAfterChase) };
}
