import {
  BASIC_CONDITIONS,
  CONDITION_REQUEST,
  measureAtRelease,
  type BasicCondition,
  type TaskType,
} from '@terugkeer/domain';
import { systemActor } from './actors';
import type { DetentionCase } from './detention-case';

/** Meetings are held in prison: after release they cannot be, and their invitations go with them. */
const MEETINGS: readonly TaskType[] = ['trajectory-meeting', 'exit-meeting'];

/**
 * Rule 1: at release the prison's open tasks (screening, bank account / DigiD, a follow-up of the ID
 * application…) go to the municipality coordinator, never cancelled silently; a meeting that can no longer be
 * held in prison is cancelled, saying so, with its invitations.
 */
export function handOverPrisonTasks(c: DetentionCase, releaseDate: string): void {
  for (const task of c.tasks.all) {
    if (task.role !== 'casemanager' || (task.status !== 'open' && task.status !== 'claimed')) continue;
    if (MEETINGS.includes(task.type)) {
      for (const invitation of c.tasks.invitationsTo(task)) c.tasks.cancel(invitation, `released on ${releaseDate}`);
      c.tasks.cancel(task, `released on ${releaseDate}: the meeting can no longer be held in prison`);
    } else {
      c.tasks.handOver(task, releaseDate);
    }
  }
}

/**
 * Rule 12: the release measurement — the five conditions and what was arranged for each — taken at X and never
 * changed afterwards.
 */
export function takeReleaseMeasurement(c: DetentionCase): void {
  const { state } = c;
  if (state.measurements.release) return;
  const latest = (condition: BasicCondition) =>
    Object.values(state.requests)
      .filter((r) => r.type === CONDITION_REQUEST[condition])
      .sort((a, b) => b.sentAt.localeCompare(a.sentAt))[0] ?? null;
  const measurement = measureAtRelease({
    needs: state.facts.needs,
    requests: Object.fromEntries(BASIC_CONDITIONS.map((condition) => [condition, latest(condition)])),
    idDocumentExpiry: state.facts.idDocumentExpiry,
    releaseDate: state.facts.actualReleaseDate!,
  });
  state.measurements.release = { ...measurement.conditions };
  c.outbox.event({
    type: 'measurement-taken',
    summary: `Release measurement: ${BASIC_CONDITIONS.map((k) => `${k} ${measurement.conditions[k]}`).join(', ')}`,
    actor: systemActor('release'),
    data: { moment: 'release', conditions: measurement.conditions, arranged: measurement.arranged },
  });
}
