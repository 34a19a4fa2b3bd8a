/**
 * The closed loop of a partner request: sent → received → acknowledged → accepted / waitlisted / declined →
 * completed, or withdrawn by us. Partners may skip steps forward; a response that arrives after a later one
 * (out of order) is stale and has no effect; a step back off the path is illegal.
 */
export const REQUEST_STATUSES = [
  'sent',
  'received',
  'acknowledged',
  'accepted',
  'waitlisted',
  'declined',
  'completed',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const PARTNER_RESPONSE_STATUSES = [
  'received',
  'acknowledged',
  'accepted',
  'waitlisted',
  'declined',
  'completed',
] as const;
export type PartnerResponseStatus = (typeof PARTNER_RESPONSE_STATUSES)[number];

const NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  sent: ['received', 'acknowledged', 'accepted', 'waitlisted', 'declined'],
  received: ['acknowledged', 'accepted', 'waitlisted', 'declined'],
  acknowledged: ['accepted', 'waitlisted', 'declined'],
  waitlisted: ['accepted', 'declined'],
  accepted: ['completed'],
  declined: [],
  completed: [],
  withdrawn: [],
};
/** Notices are informational: a partner may mark them done without accepting them first. */
const NOTICE_NEXT: Partial<Record<RequestStatus, readonly RequestStatus[]>> = {
  sent: [...NEXT.sent, 'completed'],
  received: [...NEXT.received, 'completed'],
  acknowledged: [...NEXT.acknowledged, 'completed'],
};

export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = [
  'sent',
  'received',
  'acknowledged',
  'accepted',
  'waitlisted',
];
export const isOpenRequest = (status: RequestStatus) => OPEN_REQUEST_STATUSES.includes(status);
/**
 * Why a request was withdrawn, as the partner is told (webhook and inbox): enough to stop working on it, nothing
 * about the person — not that they died or escaped. `consent-withdrawn` says only that the detainee withdrew
 * consent for what this request is about: stop processing it. The case's own timeline keeps the full reason.
 */
export const WITHDRAWAL_REASONS = ['case-closed', 're-routed', 'no-longer-needed', 'consent-withdrawn'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** The partner has confirmed it took the request in (the SLA's acknowledgement). */
export const isAcknowledged = (status: RequestStatus) => !['sent', 'received'].includes(status);

function successors(status: RequestStatus, notice: boolean): readonly RequestStatus[] {
  return (notice ? NOTICE_NEXT[status] : undefined) ?? NEXT[status];
}

function reachable(from: RequestStatus, to: RequestStatus, notice: boolean): boolean {
  const seen = new Set<RequestStatus>();
  const queue = [from];
  while (queue.length) {
    const current = queue.shift()!;
    for (const next of successors(current, notice)) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

export type ResponseVerdict =
  /** Moves the request to the new status. */
  | { kind: 'apply' }
  /** The same status again: no second effect. */
  | { kind: 'duplicate' }
  /** An earlier step arriving after a later one: no effect. */
  | { kind: 'stale' }
  /** The request was withdrawn: the response is recorded but does not revive it. */
  | { kind: 'withdrawn' }
  | { kind: 'illegal'; message: string };

export function judgeResponse(current: RequestStatus, next: PartnerResponseStatus, notice = false): ResponseVerdict {
  if (current === 'withdrawn') return { kind: 'withdrawn' };
  if (next === current) return { kind: 'duplicate' };
  if (successors(current, notice).includes(next)) return { kind: 'apply' };
  if (reachable(next, current, notice)) return { kind: 'stale' };
  return { kind: 'illegal', message: `a ${current} request cannot become ${next}` };
}
