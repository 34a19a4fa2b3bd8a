import { amsterdamDate } from '@terugkeer/domain';
import type { TimelineEventEntity } from '@terugkeer/persistence';
import { SharedConditions } from '../common/shared-conditions';

/** Fact events whose data names the day they are about (a release recorded later happened on its own day). */
const BUSINESS_DAY: Record<string, string> = { released: 'releaseDate', transferred: 'date', ended: 'date' };

/**
 * The day an event is about: the one its data names, the intake date for the registration, else the day it was
 * processed (Europe/Amsterdam).
 */
export function businessDay(
  event: { type: string; at: Date | string; data: object | null },
  intakeDate?: string | null,
): string {
  if (event.type === 'registered' && intakeDate) return intakeDate;
  const named = (event.data as Record<string, unknown> | null)?.[BUSINESS_DAY[event.type]];
  return typeof named === 'string' ? named : amsterdamDate(new Date(event.at).getTime());
}

/** The text after `marker` in an event's summary, where the workflow put what a person wrote. */
const after = (summary: string, marker: string) => {
  const at = summary.indexOf(marker);
  return at < 0 ? null : summary.slice(at + marker.length) || null;
};

/**
 * What a person wrote that an event records — a partner's reason, the reason for a new date or municipality, a
 * note on an ending — for a reader in any language; null where the event records none.
 */
export function writtenReason(event: { type: string; summary: string; data: object | null }): string | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'request-response': {
      const reason = after(event.summary, `: ${String(data.status)} (`);
      return reason && reason.endsWith(')') ? reason.slice(0, -1) : null;
    }
    case 'expected-release-changed':
    case 'municipality-changed':
      return after(event.summary, '): ');
    case 'ended':
      return typeof data.note === 'string' ? data.note : null;
    default:
      return null;
  }
}

export function timelineEventView(
  event: TimelineEventEntity,
  shared = new SharedConditions(true, {}),
  intakeDate?: string | null,
) {
  return {
    seq: event.seq,
    at: new Date(event.at).toISOString(),
    on: businessDay(event, intakeDate),
    type: event.type,
    summary: event.summary,
    by: { kind: event.actorKind, id: event.actorId, label: event.actorLabel },
    stepInstanceId: event.stepInstanceId,
    taskId: event.taskId,
    requestId: event.requestId,
    data: event.data,
    reason: writtenReason(event),
    conditions: shared.conditionsOf(event),
    subject: shared.subjectOf(event),
    ...shared.timelineEntry(event),
  };
}
