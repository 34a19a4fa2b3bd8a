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
  const window = (facts.needs.debtsThreatening && definition.threateningDueAfterSent) || definition.dueAfterSent;
  return window ? applyOffset(sentOn, window) : null;
}

export interface RequestDeadline {
  name: string;
  dueDate: CalendarDate;
  metWhen: RequestStatus[];
  state: 'open' | 'met' | 'missed';
  /** When it was met or missed (ISO instant). */
  at: string | null;
}

/**
 * The tracked deadlines of a request type that count from an event (`sent` by default, or `accepted`), e.g. a
 * benefit advance 4 weeks after sending, an ID issued 5 working days after acceptance. Threatening debts take
 * the milestone's shorter term.
 */
export function requestDeadlines(
  playbook: Playbook,
  type: RequestType,
  on: CalendarDate,
  { from = 'sent', threatening = false }: { from?: 'sent' | 'accepted'; threatening?: boolean } = {},
): RequestDeadline[] {
  return (playbook.requestTypes[type].milestones ?? [])
    .filter((m) => (m.from ?? 'sent') === from)
    .map((m) => ({
      name: m.name,
      dueDate: applyOffset(on, (threatening && m.threateningAfter) || m.after),
      metWhen: [...m.metWhen],
      state: 'open' as const,
      at: null,
    }));
}

/** The first working-day morning after a window of working days has passed. */
function afterWindow(playbook: Playbook, from: number, window: Offset): number {
  const lastDay = applyOffset(amsterdamDate(from), window);
  return amsterdamInstant(applyOffset(lastDay, { workingDays: 1 }), playbook.fireAtLocalTime);
}

export interface FollowUpInput {
  type: RequestType;
  status: RequestStatus;
  /** When the partner got it (webhook accepted, or put in its inbox); null while undelivered. */
  deliveredAt: number | null;
  chasedAt: number | null;
  escalatedAt: number | null;
  deadlines: RequestDeadline[];
}

export type FollowUp =
  | { action: 'chase'; at: number }
  | { action: 'escalate'; at: number }
  | { action: 'deadline-missed'; at: number; deadline: string };

/**
 * What a request waits for next, earliest first. The acknowledgement SLA: not acknowledged within the window
 * (per type, else the playbook's) it is chased once; still not acknowledged a window after the chase, it is
 * escalated. Tracked deadlines are marked missed the morning after their date. Notices are not followed up.
 */
export function nextFollowUp(playbook: Playbook, request: FollowUpInput): FollowUp | null {
  const definition = playbook.requestTypes[request.type];
  if (definition.notice || !isOpenRequest(request.status)) return null;
  const candidates: FollowUp[] = [];
  if (request.deliveredAt !== null && !isAcknowledged(request.status) && request.escalatedAt === null) {
    candidates.push(
      request.chasedAt === null
        ? {
            action: 'chase',
            at: afterWindow(
              playbook,
              request.deliveredAt,
              definition.acknowledgeWithin ?? playbook.sla.acknowledgeWithin,
            ),
          }
        : { action: 'escalate', at: afterWindow(playbook, request.chasedAt, playbook.sla.escalateAfterChase) },
    );
  }
  for (const deadline of request.deadlines) {
    if (deadline.state !== 'open') continue;
    const at = amsterdamInstant(applyOffset(deadline.dueDate, { days: 1 }), playbook.fireAtLocalTime);
    candidates.push({ action: 'deadline-missed', at, deadline: deadline.name });
  }
  return candidates.sort((a, b) => a.at - b.at)[0] ?? null;
}

/** The moment an undeliverable webhook (an outage) is escalated, counted from the request's creation. */
export function deliveryEscalationAt(playbook: Playbook, createdAt: number): number {
  return afterWindow(playbook, createdAt, playbook.sla.deliveryEscalateAfter);
}
