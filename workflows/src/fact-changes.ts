import type { ContactDetails, PartnerRequest, TimelineEvent } from '@terugkeer/contracts';
import { isOpenRequest, type CalendarDate, type Consent, type EndingReason } from '@terugkeer/domain';
import type { DetentionCase } from './detention-case';
import { handOverPrisonTasks, takeReleaseMeasurement } from './release';

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
    // Before the rules at the edges, only open requests whose due date follows R heard of it; now every
    // partner holding the date does, as the case re-plans (rule 4).
    afterwards: c.edgeRules ? undefined : async () => c.requests.updates.refreshDueDates(),
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
      if (c.edgeRules) {
        c.state.facts.releaseAddressKnown = releaseAddressKnown;
        handOverPrisonTasks(c, releaseDate);
        return;
      }
      // Before the rules at the edges: what the prison still had open no longer applied.
      for (const task of c.tasks.all) {
        if (task.role === 'casemanager') c.tasks.cancel(task, `released on ${releaseDate}`);
      }
    },
    event: {
      type: 'released',
      summary: `Released on ${releaseDate}${releaseAddressKnown ? '' : ' without a known address'}`,
      data: { releaseDate, releaseAddressKnown },
    },
    // The release measurement is what stood at X, before the release-day steps fire (rule 12).
    afterwards: c.edgeRules ? async () => takeReleaseMeasurement(c) : undefined,
  };
}

export function transferChange(
  c: DetentionCase,
  { prison, date, casemanager }: { prison: string; date: CalendarDate; casemanager?: ContactDetails },
): FactChange {
  const from = c.state.facts.prison;
  return {
    mutate: () => {
      c.state.facts.prison = prison;
      c.tasks.moveOpen('casemanager', from, prison);
      if (casemanager) c.state.casemanager = { ...casemanager };
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
      const steps = c.currentPlan().steps;
      for (const request of toReRoute(c, municipality)) {
        if (isOpenRequest(request.status)) c.requests.withdraw(request, 're-routed', `re-routed to ${municipality}`);
        const step = steps.find((s) => s.instanceId === request.stepInstanceId)!;
        await c.requests.send(request.type, request.recipient, step, true);
      }
    },
  };
}

/**
 * What follows a new municipality: its open requests; with the rules at the edges also the notices it received
 * (the new municipality gets its own detention-start notice, rule 8) — the latest of each step only.
 */
function toReRoute(c: DetentionCase, municipality: string): PartnerRequest[] {
  const own = Object.values(c.state.requests).filter((r) => r.recipient === 'residenceMunicipality');
  if (!c.edgeRules) return own.filter((r) => isOpenRequest(r.status));
  const latest = new Map<string, PartnerRequest>();
  for (const request of own) {
    const known = latest.get(request.stepInstanceId);
    if (!known || known.sentAt <= request.sentAt) latest.set(request.stepInstanceId, request);
  }
  return [...latest.values()].filter((r) => {
    const notice = c.playbook.requestTypes[r.type].notice;
    return r.routedTo !== municipality && (isOpenRequest(r.status) || (notice && r.status !== 'withdrawn'));
  });
}

/** A new casemanager to contact (rule 8): later messages, and updates of what partners hold, name them. */
export function casemanagerChange(c: DetentionCase, { casemanager }: { casemanager: ContactDetails }): FactChange {
  return {
    mutate: () => (c.state.casemanager = { ...casemanager }),
    event: { type: 'casemanager-changed', summary: `Casemanager contact changed at ${c.state.facts.prison}` },
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
