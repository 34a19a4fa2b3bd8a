import type { TimelineEvent } from '@terugkeer/contracts';
import { isOpenRequest, type CalendarDate, type Consent, type EndingReason } from '@terugkeer/domain';
import type { DetentionCase } from './detention-case';

/**
 * A change of the facts a message asks for: what it changes, the timeline entry it leaves, and what else must
 * happen before the case re-plans. The event is built before the change, so it can say what the facts were.
 */
export interface FactChange {
  mutate(): void;
  event: Omit<TimelineEvent, 'seq' | 'at' | 'actor'>;
  afterwards?: () => Promise<void>;
}

export function expectedReleaseChange(
  c: DetentionCase,
  { expectedReleaseDate, reason }: { expectedReleaseDate: CalendarDate | null; reason: string },
): FactChange {
  const { facts } = c.state;
  return {
    mutate: () => (facts.expectedReleaseDate = expectedReleaseDate),
    event: {
      type: 'expected-release-changed',
      summary: `Expected release ${expectedReleaseDate ?? 'unknown'} (was ${facts.expectedReleaseDate ?? 'unknown'}): ${reason}`,
      data: { from: facts.expectedReleaseDate, to: expectedReleaseDate },
    },
    // Open requests whose due date follows the release date get the new date (an update to the partner).
    afterwards: async () => c.requests.refreshDueDates(),
  };
}

export function releaseChange(
  c: DetentionCase,
  { releaseDate, releaseAddressKnown }: { releaseDate: CalendarDate; releaseAddressKnown: boolean },
): FactChange {
  return {
    mutate: () => {
      c.state.facts.actualReleaseDate = releaseDate;
      c.state.phase = 'aftercare';
      // The prison's part is over: what it still had open no longer applies.
      for (const task of c.tasks.all) {
        if (task.role === 'casemanager') c.tasks.cancel(task, `released on ${releaseDate}`);
      }
    },
    event: {
      type: 'released',
      summary: `Released on ${releaseDate}${releaseAddressKnown ? '' : ' without a known address'}`,
      data: { releaseDate, releaseAddressKnown },
    },
  };
}

export function transferChange(c: DetentionCase, { prison, date }: { prison: string; date: CalendarDate }): FactChange {
  const from = c.state.facts.prison;
  return {
    mutate: () => {
      c.state.facts.prison = prison;
      c.tasks.moveOpen('casemanager', from, prison);
    },
    event: {
      type: 'transferred',
      summary: `Transferred from ${from} to ${prison} on ${date}`,
      data: { from, to: prison, date },
    },
  };
}

export function municipalityChange(
  c: DetentionCase,
  { municipality, reason }: { municipality: string; reason: string },
): FactChange {
  const from = c.state.facts.municipality;
  return {
    mutate: () => {
      c.state.facts.municipality = municipality;
      c.tasks.moveOpen('municipality', from, municipality);
    },
    event: {
      type: 'municipality-changed',
      summary: `Responsible municipality ${municipality} (was ${from}): ${reason}`,
      data: { from, to: municipality },
    },
    afterwards: async () => {
      // Pending requests follow the new municipality: withdrawn at the old partner, sent to the new one.
      const pending = Object.values(c.state.requests).filter(
        (r) => r.recipient === 'residenceMunicipality' && isOpenRequest(r.status),
      );
      const steps = c.currentPlan().steps;
      for (const request of pending) {
        c.requests.withdraw(request, 're-routed', `re-routed to ${municipality}`);
        const step = steps.find((s) => s.instanceId === request.stepInstanceId)!;
        await c.requests.send(request.type, request.recipient, step, true);
      }
    },
  };
}

export function consentChange(c: DetentionCase, { consent }: { consent: Consent }): FactChange {
  return {
    mutate: () => (c.state.facts.consent = { ...c.state.facts.consent, ...consent }),
    event: {
      type: 'consent-changed',
      summary: `Consent: ${Object.entries(consent)
        .map(([condition, given]) => `${condition} ${given ? 'given' : 'refused'}`)
        .join(', ')}`,
      data: { consent },
    },
  };
}

export function endingChange(
  c: DetentionCase,
  { reason, date, note }: { reason: EndingReason; date: CalendarDate; note?: string },
): FactChange {
  return {
    mutate: () => {
      c.state.facts.ending = { reason, date };
      c.close(reason, date);
    },
    event: {
      type: 'ended',
      summary: `Detention ended: ${reason} on ${date}`,
      data: { reason, date, ...(note ? { note } : {}) },
    },
  };
}
