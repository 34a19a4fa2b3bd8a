import {
  addDays,
  amsterdamDate,
  amsterdamInstant,
  DEFAULT_PLAYBOOK,
  isWorkingDay,
  onOrBeforeWorkingDay,
  plan,
  type DetentionFacts,
  type Needs,
  type Progress,
} from '@terugkeer/domain';
import { stepsOfTodayFireNow } from '../../support/clock';
import { intakeBody } from '../../support/intake';

/**
 * The e2e and browser tests run on the wall clock, so the facts they register must do what they rely on whatever the
 * day: this plans them, as the workflow would, on every day of two years (weekends, Mondays, Dutch public
 * holidays and the days after them), before six and after it. A step at the screening (`S`, today) waits for six on
 * a working day (rule 10); a step whose moment is past goes out at once.
 */
const playbook = DEFAULT_PLAYBOOK;
const days = Array.from({ length: 2 * 365 }, (_, i) => addDays('2026-01-01', i));
const moments = days.flatMap((day) => ['03:00', '10:00'].map((time) => amsterdamInstant(day, time)));

function registered(body: ReturnType<typeof intakeBody>, overrides: Partial<DetentionFacts> = {}): DetentionFacts {
  return {
    prison: body.prison,
    municipality: body.municipality,
    probation: 'RN',
    intakeDate: body.intakeDate,
    expectedReleaseDate: body.expectedReleaseDate,
    actualReleaseDate: null,
    screeningCompletedDate: null,
    needs: { ...body.needs },
    consent: {},
    idDocumentExpiry: body.idDocumentExpiry,
    ending: null,
    ...overrides,
  };
}

/** Fires what is due at `now`, as the workflow does after each change. */
function fireDue(facts: DetentionFacts, progress: Progress, now: number): Progress {
  const { toFire } = plan({ playbook, facts, progress, now });
  return {
    ...progress,
    ...Object.fromEntries(
      toFire.map((s) => [s.instanceId, { firedAt: now, plannedDate: s.plannedDate!, late: s.late }]),
    ),
  };
}

/** Registered by `intakeBody` and screened at `now` with these needs and every consent. */
function screened(now: number, releaseInDays: number, needs: Partial<Needs>, intakeDate?: string) {
  const body = intakeBody({ releaseInDays });
  const atIntake = registered(body, intakeDate ? { intakeDate } : {});
  const progress = fireDue(atIntake, {}, now);
  const facts: DetentionFacts = {
    ...atIntake,
    screeningCompletedDate: amsterdamDate(now),
    needs: { ...atIntake.needs, ...needs },
    consent: { id: true, housing: true, income: true, debts: true, care: true },
  };
  return { facts, progress, fired: fireDue(facts, progress, now) };
}

describe('the facts the e2e and browser tests register, on every day and hour', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('intakeBody: the intake steps go out at once, even on a Monday (intake on Friday) or after a holiday', () => {
    for (const now of moments) {
      jest.setSystemTime(now);
      const body = intakeBody();
      expect(isWorkingDay(body.intakeDate) && body.intakeDate < amsterdamDate(now)).toBe(true);
      const { toFire, steps } = plan({ playbook, facts: registered(body), progress: {}, now });
      expect(toFire.map((s) => s.stepId).sort()).toEqual([
        'detention-start-notice',
        'insurance-suspension',
        'screening',
      ]);
      // Release-relative steps wait for the screening (or their moment): none goes out at intake.
      expect(steps.filter((s) => s.stepId === 'housing-request')).toMatchObject([{ state: 'planned' }]);
    }
  });

  it('a step at the screening goes out at once exactly when stepsOfTodayFireNow says so', () => {
    for (const now of moments) {
      jest.setSystemTime(now);
      const { fired } = screened(now, 90, { debts: true });
      expect({ day: amsterdamDate(now), fired: 'debt-help-referral' in fired }).toEqual({
        day: amsterdamDate(now),
        fired: stepsOfTodayFireNow(now),
      });
    }
  });

  it('consent tests: the care-continuity request (R−6w, released in 30 days) goes out at the screening', () => {
    for (const now of moments) {
      jest.setSystemTime(now);
      const { fired } = screened(now, 30, { care: true, debts: true });
      expect({ day: amsterdamDate(now), care: 'care-continuity' in fired }).toEqual({
        day: amsterdamDate(now),
        care: true,
      });
    }
  });

  it('inspector: released yesterday before the ID application went out, it is skipped for the short stay', () => {
    for (const now of moments) {
      jest.setSystemTime(now);
      const today = amsterdamDate(now);
      const { facts, fired } = screened(now, 30, { id: true, care: true }, onOrBeforeWorkingDay(addDays(today, -7)));
      expect('care-continuity' in fired).toBe(true);
      expect('id-application' in fired).toBe(stepsOfTodayFireNow(now));
      const released = { ...facts, actualReleaseDate: addDays(today, -1), releaseAddressKnown: true };
      const id = plan({ playbook, facts: released, progress: fired, now }).steps.find(
        (s) => s.stepId === 'id-application',
      )!;
      if (stepsOfTodayFireNow(now)) expect(id).toMatchObject({ state: 'done' });
      else
        expect({ today, id }).toMatchObject({
          today,
          id: { state: 'skipped', reason: expect.stringMatching(/^short stay/) },
        });
    }
  });
});
