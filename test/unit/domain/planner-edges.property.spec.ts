import {
  addDays,
  amsterdamDate,
  amsterdamInstant,
  BASIC_CONDITIONS,
  DEFAULT_PLAYBOOK,
  isPendingStep,
  isWorkingDay,
  maxDate,
  plan,
  premiseFails,
  type BasicCondition,
  type CalendarDate,
  type Consent,
  type DetentionFacts,
  type StepProgress,
} from '@terugkeer/domain';
import fc from 'fast-check';

// Property tests of the rules at the edges (DOMAIN.md): convergence (rule 3), sent is sent (rule 2) and the
// calendar (rule 10), on the pure planner driven the way the workflow drives it.
const playbook = DEFAULT_PLAYBOOK;
const DAY = 86_400_000;
const requestSteps = new Set(playbook.steps.filter((s) => s.kind === 'request').map((s) => s.id));

/** The workflow's reconcile: fire what is due and withdraw what lost its premise, until nothing is left. */
function reconcile(facts: DetentionFacts, progress: Record<string, StepProgress>, now: number) {
  for (let round = 0; round < 10; round++) {
    const result = plan({ playbook, facts, progress, now });
    if (!result.toFire.length && !result.toWithdraw.length) return result;
    for (const step of result.toFire) {
      const previous = progress[step.instanceId];
      progress[step.instanceId] = {
        firedAt: now,
        plannedDate: step.plannedDate!,
        late: step.late,
        ...(previous?.withdrawnAt ? { attempt: (previous.attempt ?? 1) + 1 } : {}),
      };
    }
    for (const step of result.toWithdraw) {
      progress[step.instanceId] = { ...progress[step.instanceId], withdrawnAt: now, withdrawReason: step.reason };
    }
  }
  throw new Error('reconcile did not settle');
}

/** The request steps that stand: fired and not withdrawn. */
const standing = (progress: Record<string, StepProgress>) =>
  Object.entries(progress)
    .filter(([id, p]) => requestSteps.has(id) && !p.withdrawnAt)
    .map(([id]) => id)
    .sort();

const needsArb = fc.record({
  id: fc.boolean(),
  housing: fc.boolean(),
  income: fc.boolean(),
  debts: fc.boolean(),
  care: fc.boolean(),
  bankAccount: fc.boolean(),
  digid: fc.boolean(),
});
const consentArb: fc.Arbitrary<Consent> = fc
  .tuple(...BASIC_CONDITIONS.map(() => fc.constantFrom(true, false, undefined)))
  .map((values) =>
    Object.fromEntries(BASIC_CONDITIONS.flatMap((c, i) => (values[i] === undefined ? [] : [[c, values[i]]]))),
  );

const baseArb = fc
  .record({
    intakeDay: fc.integer({ min: 0, max: 2 * 365 }),
    stay: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
    screeningAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    needs: needsArb,
    consent: consentArb,
    idDocumentExpiry: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  })
  .map(({ intakeDay, stay, screeningAfter, needs, consent, idDocumentExpiry }) => {
    const intakeDate = addDays('2026-01-01', intakeDay);
    const facts: DetentionFacts = {
      prison: 'PI-ALMELO',
      municipality: 'GM0363',
      probation: 'RN',
      intakeDate,
      expectedReleaseDate: stay === null ? null : addDays(intakeDate, stay),
      actualReleaseDate: null,
      screeningCompletedDate: screeningAfter === null ? null : addDays(intakeDate, screeningAfter),
      needs,
      consent,
      idDocumentExpiry: idDocumentExpiry === null ? null : addDays(intakeDate, idDocumentExpiry),
      ending: null,
    };
    return facts;
  });

type Change = { after: number } & (
  | { kind: 'release'; days: number | null }
  | { kind: 'consent'; condition: BasicCondition; given: boolean }
  | { kind: 'settle'; pick: number }
);
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  // A partner closes one of the requests that stand (completes or declines it).
  fc.record({
    after: fc.integer({ min: 0, max: 20 * DAY }),
    kind: fc.constant('settle' as const),
    pick: fc.nat(),
  }),
  fc.record({
    after: fc.integer({ min: 0, max: 20 * DAY }),
    kind: fc.constant('release' as const),
    days: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
  }),
  fc.record({
    after: fc.integer({ min: 0, max: 20 * DAY }),
    kind: fc.constant('consent' as const),
    condition: fc.constantFrom(...BASIC_CONDITIONS),
    given: fc.boolean(),
  }),
);

/** Applies a change at `now`: a new expected release date is never in the past while detained (rule 10). */
function applyChange(facts: DetentionFacts, change: Change, now: number): DetentionFacts {
  if (change.kind === 'settle') return facts;
  if (change.kind === 'consent') return { ...facts, consent: { ...facts.consent, [change.condition]: change.given } };
  if (change.days === null) return { ...facts, expectedReleaseDate: null };
  const earliest = maxDate(facts.intakeDate, amsterdamDate(now));
  return { ...facts, expectedReleaseDate: addDays(earliest, change.days) };
}

describe('planner: rules at the edges (property-based)', () => {
  it('convergence: after any sequence of date and consent changes ending in facts F, the requests that stand are those of a detention registered with F (what was done stays done)', () => {
    fc.assert(
      fc.property(baseArb, fc.array(changeArb, { minLength: 1, maxLength: 8 }), (base, changes) => {
        let facts = base;
        let now = amsterdamInstant(base.intakeDate, '08:00');
        const progress: Record<string, StepProgress> = {};
        const moments = [now];
        reconcile(facts, progress, now);
        const settled = new Map<string, number>(); // step → when it fired
        for (const change of changes) {
          now += change.after;
          facts = applyChange(facts, change, now);
          const open = standing(progress);
          if (change.kind === 'settle' && open.length) {
            const id = open[change.pick % open.length];
            progress[id] = { ...progress[id], settled: true };
            settled.set(id, progress[id].firedAt);
          }
          moments.push(now);
          reconcile(facts, progress, now);
        }
        // A detention registered with F from the start, woken at the same moments.
        const fresh: Record<string, StepProgress> = {};
        for (const moment of moments) reconcile(facts, fresh, moment);

        const changed = standing(progress);
        for (const id of standing(fresh)) expect(changed).toContain(id);
        // What a partner closed stays done: never withdrawn, never sent again.
        for (const [id, firedAt] of settled) {
          expect(progress[id]).toMatchObject({ settled: true, firedAt });
          expect(progress[id].withdrawnAt).toBeUndefined();
          expect(changed).toContain(id);
        }
        // Whatever else stands beyond that stands because it was sent earlier and is still needed under F.
        for (const id of changed.filter((s) => !settled.has(s))) {
          const step = playbook.steps.find((s) => s.id === id)!;
          expect(premiseFails(step, playbook, facts)).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sent is sent: an actual release never withdraws a request that was sent', () => {
    fc.assert(
      fc.property(baseArb, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (base, until, x) => {
        const progress: Record<string, StepProgress> = {};
        const start = amsterdamInstant(base.intakeDate, '08:00');
        for (let day = 0; day <= until; day += 7) reconcile(base, progress, start + day * DAY);
        const sent = standing(progress);
        const releaseDate = addDays(base.intakeDate, Math.min(x, until));
        const released = { ...base, actualReleaseDate: releaseDate };
        const now = Math.max(start + until * DAY, amsterdamInstant(releaseDate, '09:00'));
        const result = plan({ playbook, facts: released, progress, now });
        expect(result.toWithdraw.map((s) => s.instanceId).filter((id) => sent.includes(id))).toEqual([]);
        reconcile(released, progress, now);
        for (const id of sent) expect(progress[id].withdrawnAt).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('no step falls on a non-working day', () => {
    fc.assert(
      fc.property(
        baseArb,
        fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
        fc.integer({ min: -5, max: 400 }),
        fc.boolean(),
        (base, releasedAfter, day, addressKnown) => {
          const facts: DetentionFacts = {
            ...base,
            actualReleaseDate: releasedAfter === null ? null : addDays(base.intakeDate, releasedAfter),
            releaseAddressKnown: releasedAfter === null ? null : addressKnown,
          };
          const now = amsterdamInstant(base.intakeDate, '08:00') + day * DAY;
          const result = plan({ playbook, facts, progress: {}, now });
          for (const step of result.steps.filter((s) => isPendingStep(s.state) && s.plannedDate !== null)) {
            const days = [step.plannedDate, step.dueDate].filter((d): d is CalendarDate => d !== null);
            expect({ step: step.instanceId, working: days.every(isWorkingDay) }).toEqual({
              step: step.instanceId,
              working: true,
            });
            // Nothing is due before it fires.
            if (step.dueDate !== null) expect(step.dueDate >= step.plannedDate!).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
