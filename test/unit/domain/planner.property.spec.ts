import {
  addDays,
  amsterdamInstant,
  BASIC_CONDITIONS,
  DEFAULT_PLAYBOOK,
  onOrAfterWorkingDay,
  plan,
  type Consent,
  type DetentionFacts,
  type Progress,
  type StepProgress,
} from '@terugkeer/domain';
import fc from 'fast-check';

const playbook = DEFAULT_PLAYBOOK;
const DAY = 86_400_000;
const releaseRelative = new Set(
  playbook.steps.filter((s) => s.at.anchor === 'expectedRelease' || s.notBefore === 'expectedRelease').map((s) => s.id),
);

const dateArb = fc.integer({ min: 0, max: 3 * 365 }).map((d) => addDays('2025-01-01', d));
const consentArb: fc.Arbitrary<Consent> = fc
  .tuple(...BASIC_CONDITIONS.map(() => fc.constantFrom(true, false, undefined)))
  .map((values) =>
    Object.fromEntries(BASIC_CONDITIONS.flatMap((c, i) => (values[i] === undefined ? [] : [[c, values[i]]]))),
  );

const factsArb: fc.Arbitrary<DetentionFacts> = fc
  .record({
    intakeDate: dateArb,
    stay: fc.option(fc.integer({ min: 0, max: 500 })),
    screeningAfter: fc.option(fc.integer({ min: 0, max: 40 })),
    releasedAfter: fc.option(fc.integer({ min: 0, max: 500 })),
    needs: fc.record({
      id: fc.boolean(),
      housing: fc.boolean(),
      income: fc.boolean(),
      debts: fc.boolean(),
      care: fc.boolean(),
      bankAccount: fc.boolean(),
      digid: fc.boolean(),
    }),
    consent: consentArb,
    idDocumentExpiry: fc.option(dateArb),
  })
  .map(({ intakeDate, stay, screeningAfter, releasedAfter, ...rest }) => ({
    prison: 'PI-ALMELO',
    municipality: 'GM0363',
    probation: 'RN' as const,
    intakeDate,
    expectedReleaseDate: stay === null ? null : addDays(intakeDate, stay),
    screeningCompletedDate: screeningAfter === null ? null : addDays(intakeDate, screeningAfter),
    actualReleaseDate: releasedAfter === null ? null : addDays(intakeDate, releasedAfter),
    ending: null,
    ...rest,
  }));

/** Runs the plan like the workflow does: at each moment, fire what is due and record it. */
function simulate(facts: DetentionFacts, hops: number[], start: number) {
  const progress: Record<string, StepProgress> = {};
  let now = start;
  const firedTwice: string[] = [];
  for (const hop of hops) {
    now += hop;
    const result = plan({ playbook, facts, progress, now });
    for (const step of result.toFire) {
      if (progress[step.instanceId]) firedTwice.push(step.instanceId);
      progress[step.instanceId] = { firedAt: now, plannedDate: step.plannedDate!, late: step.late };
    }
  }
  return { progress: progress as Progress, now, firedTwice };
}

const hopsArb = fc.array(fc.integer({ min: 1, max: 40 * DAY }), { minLength: 1, maxLength: 30 });

describe('planner invariants (property-based)', () => {
  it('nothing fires before intake, nor before its moment', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: -30, max: 700 }), (facts, day) => {
        const now = amsterdamInstant(facts.intakeDate, '00:00') + day * DAY;
        for (const step of plan({ playbook, facts, progress: {}, now }).toFire) {
          expect(step.plannedDate! >= facts.intakeDate).toBe(true);
          expect(step.fireAt!).toBeGreaterThanOrEqual(amsterdamInstant(facts.intakeDate, playbook.fireAtLocalTime));
          expect(step.fireAt!).toBeLessThanOrEqual(now);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nothing done fires again', () => {
    fc.assert(
      fc.property(factsArb, hopsArb, (facts, hops) => {
        const { firedTwice } = simulate(facts, hops, amsterdamInstant(facts.intakeDate, '00:00') - DAY);
        expect(firedTwice).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('after the actual release no meeting is planned, and what is still needed fires at release (late)', () => {
    fc.assert(
      fc.property(
        factsArb.filter((f) => f.actualReleaseDate !== null),
        fc.integer({ min: 0, max: 300 }),
        (facts, day) => {
          const now = amsterdamInstant(facts.actualReleaseDate!, '00:00') + day * DAY;
          const fired = plan({ playbook, facts, progress: {}, now }).toFire.filter((s) =>
            releaseRelative.has(s.stepId),
          );
          expect(fired.filter((s) => s.kind === 'reminder')).toEqual([]);
          for (const step of fired) {
            expect(step).toMatchObject({
              atRelease: true,
              late: true,
              plannedDate: onOrAfterWorkingDay(facts.actualReleaseDate!),
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('moving the release date later never un-does a done step', () => {
    fc.assert(
      fc.property(
        factsArb.filter((f) => f.expectedReleaseDate !== null),
        hopsArb,
        fc.integer({ min: 1, max: 300 }),
        (facts, hops, later) => {
          const { progress, now } = simulate(facts, hops, amsterdamInstant(facts.intakeDate, '00:00') - DAY);
          const moved = { ...facts, expectedReleaseDate: addDays(facts.expectedReleaseDate!, later) };
          const after = plan({ playbook, facts: moved, progress, now });
          for (const instanceId of Object.keys(progress)) {
            const step = after.steps.find((s) => s.instanceId === instanceId);
            expect(step?.state).toBe('done');
          }
          expect(after.toFire.filter((s) => progress[s.instanceId])).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is deterministic, with unique instances in date order', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: -30, max: 700 }), (facts, day) => {
        const now = amsterdamInstant(facts.intakeDate, '00:00') + day * DAY;
        const a = plan({ playbook, facts, progress: {}, now });
        expect(plan({ playbook, facts, progress: {}, now })).toEqual(a);
        const ids = a.steps.map((s) => s.instanceId);
        expect(new Set(ids).size).toBe(ids.length);
        const dated = a.steps.map((s) => s.plannedDate ?? '9999');
        expect([...dated].sort()).toEqual(dated);
        if (a.nextFireAt !== null) expect(a.nextFireAt).toBeGreaterThan(now);
      }),
      { numRuns: 300 },
    );
  });
});
