import {
  amsterdamInstant,
  DEFAULT_PLAYBOOK,
  diffPlans,
  plan,
  type DetentionFacts,
  type PlannedStep,
  type Progress,
} from '@terugkeer/domain';

const playbook = DEFAULT_PLAYBOOK;
const at = (date: string, time = '12:00') => amsterdamInstant(date, time);

function facts(overrides: Partial<DetentionFacts> = {}): DetentionFacts {
  return {
    prison: 'PI-ALMELO',
    municipality: 'GM0363',
    probation: 'RN',
    intakeDate: '2026-01-05',
    expectedReleaseDate: '2026-05-04',
    actualReleaseDate: null,
    screeningCompletedDate: '2026-01-12',
    needs: { id: true, housing: true, income: true, debts: true, care: true, bankAccount: true, digid: false },
    consent: { id: true, housing: true, income: true, debts: true, care: true },
    idDocumentExpiry: null,
    ending: null,
    ...overrides,
  };
}

const byId = (steps: PlannedStep[]) => Object.fromEntries(steps.map((s) => [s.instanceId, s]));
const dates = (steps: PlannedStep[]) =>
  Object.fromEntries(steps.filter((s) => s.state !== 'skipped').map((s) => [s.instanceId, s.plannedDate]));

describe('planner: a 120-day detention', () => {
  const result = plan({ playbook, facts: facts(), progress: {}, now: at('2026-01-01') });

  it('plans every step at its offset', () => {
    expect(dates(result.steps)).toEqual({
      'detention-start-notice': '2026-01-05',
      'insurance-suspension': '2026-01-05',
      screening: '2026-01-05',
      'trajectory-meeting#1': '2026-01-12',
      'id-application': '2026-01-12',
      'debt-help-referral': '2026-01-12',
      'housing-request': '2026-02-09', // R−12w
      'trajectory-meeting#2': '2026-02-23', // S+6w
      'benefit-pre-application': '2026-03-09', // R−8w
      'care-continuity': '2026-03-23', // R−6w
      // S+12w ≤ R−2w (2026-04-20), and R−4w: Easter Monday, so the working day before (rule 10).
      'trajectory-meeting#3': '2026-04-03',
      'exit-meeting': '2026-04-03',
      'bank-account-digid': '2026-04-03',
      'release-notice': null,
      'insurance-resumption': null,
      'aftercare-check-48h': null,
      'aftercare-check-4w': null,
      'aftercare-check-6m': null,
      'aftercare-close': null,
    });
  });

  it('fires at 06:00 Amsterdam time and sets due dates', () => {
    const steps = byId(result.steps);
    expect(steps['housing-request'].fireAt).toBe(amsterdamInstant('2026-02-09', '06:00'));
    expect(steps['insurance-suspension'].dueDate).toBe('2026-01-12'); // I+5wd
    expect(steps.screening.dueDate).toBe('2026-01-19'); // I+10wd
    expect(steps['trajectory-meeting#2'].dueDate).toBe('2026-03-09'); // +10wd
    expect(steps['exit-meeting'].dueDate).toBe('2026-04-20'); // R−2w
    expect(steps['exit-meeting'].rule).toBe('R−4w');
    expect(steps['trajectory-meeting#2'].rule).toBe('S+6w');
    expect(steps['trajectory-meeting#3'].rule).toBe('S+12w');
  });

  it('waits for the actual release with the aftercare steps', () => {
    const steps = byId(result.steps);
    expect(steps['aftercare-check-6m']).toMatchObject({ state: 'planned', waitingFor: 'actualRelease', fireAt: null });
    expect(result.nextFireAt).toBe(amsterdamInstant('2026-01-05', '06:00'));
  });

  it('marks steps due on their day, and late after it (catch-up)', () => {
    const onTime = plan({ playbook, facts: facts(), progress: {}, now: at('2026-01-05', '07:00') });
    expect(onTime.toFire.map((s) => [s.instanceId, s.state])).toEqual([
      ['detention-start-notice', 'due'],
      ['insurance-suspension', 'due'],
      ['screening', 'due'],
    ]);
    const beforeSix = plan({ playbook, facts: facts(), progress: {}, now: at('2026-01-05', '05:59') });
    expect(beforeSix.toFire).toEqual([]);
    const later = plan({ playbook, facts: facts(), progress: {}, now: at('2026-01-08') });
    expect(later.toFire.every((s) => s.state === 'late' || s.plannedDate === '2026-01-08')).toBe(true);
    expect(byId(later.steps).screening).toMatchObject({ state: 'late', late: true, dueDate: '2026-01-19' }); // I+10wd stays
  });
});

describe('planner: dates that move', () => {
  it('keeps release-relative steps waiting while the release date is unknown (remand)', () => {
    const remand = plan({
      playbook,
      facts: facts({ expectedReleaseDate: null }),
      progress: {},
      now: at('2026-03-01'),
    });
    const steps = byId(remand.steps);
    for (const id of ['housing-request', 'benefit-pre-application', 'care-continuity', 'exit-meeting']) {
      expect(steps[id]).toMatchObject({ state: 'planned', waitingFor: 'expectedReleaseDate', fireAt: null });
    }
    expect(steps['id-application'].state).toBe('late');
    // Meetings recur every six weeks, planned up to the first one still to come.
    expect(remand.steps.filter((s) => s.stepId === 'trajectory-meeting').map((s) => [s.plannedDate, s.state])).toEqual([
      ['2026-01-12', 'late'],
      ['2026-02-23', 'late'],
      ['2026-04-03', 'planned'], // S+12w is Easter Monday: the working day before (rule 10)
    ]);
  });

  it('waits for the screening with "or S if later" steps, then fires at S', () => {
    const unscreened = facts({ screeningCompletedDate: null, expectedReleaseDate: '2026-03-02' });
    expect(
      byId(plan({ playbook, facts: unscreened, progress: {}, now: at('2026-01-06') }).steps)['housing-request'],
    ).toMatchObject({
      state: 'planned',
      waitingFor: 'screening',
    });
    const screened = facts({ screeningCompletedDate: '2026-01-16', expectedReleaseDate: '2026-03-02' });
    // R−12w = 2025-12-08 is before S, so S.
    expect(
      byId(plan({ playbook, facts: screened, progress: {}, now: at('2026-01-06') }).steps)['housing-request']
        .plannedDate,
    ).toBe('2026-01-16');
  });

  it('reports what moved, became late and was withdrawn when the release date changes', () => {
    const progress: Progress = {
      'housing-request': { firedAt: at('2026-02-09', '06:00'), plannedDate: '2026-02-09', late: false },
    };
    const now = at('2026-02-20');
    const before = plan({ playbook, facts: facts(), progress, now });
    const earlier = plan({ playbook, facts: facts({ expectedReleaseDate: '2026-04-06' }), progress, now });
    const changes = diffPlans(before.steps, earlier.steps);
    expect(changes.late.map((c) => c.instanceId)).toEqual(['benefit-pre-application']); // R−8w = 2026-02-09
    expect(changes.moved.map((c) => [c.instanceId, c.from, c.to])).toEqual(
      expect.arrayContaining([
        ['care-continuity', '2026-03-23', '2026-02-23'],
        ['exit-meeting', '2026-04-03', '2026-03-09'],
      ]),
    );
    // S+12w (2026-04-06) no longer falls before R−2w (2026-03-23).
    expect(changes.skipped.map((c) => c.instanceId)).toContain('trajectory-meeting#3');
    expect(byId(earlier.steps)['housing-request'].state).toBe('done');

    // Moving to a 9-day stay removes the premise of the housing request that was sent: withdraw it.
    const shortStay = plan({ playbook, facts: facts({ expectedReleaseDate: '2026-01-14' }), progress, now });
    expect(shortStay.toWithdraw.map((s) => s.instanceId)).toEqual(['housing-request']);
    expect(diffPlans(before.steps, shortStay.steps).withdrawn.map((c) => c.instanceId)).toEqual(['housing-request']);
  });

  it('anchors aftercare on the actual release; preparation still needed fires at release, meetings do not', () => {
    const released = plan({
      playbook,
      facts: facts({ actualReleaseDate: '2026-03-02' }),
      progress: {},
      now: at('2026-03-02', '08:00'),
    });
    const steps = byId(released.steps);
    // Rule 1: released before its moment, the care request goes out at X, late.
    expect(steps['care-continuity']).toMatchObject({ state: 'late', plannedDate: '2026-03-02', atRelease: true });
    expect(steps['care-continuity'].reason).toMatch(/released on 2026-03-02/);
    expect(steps['exit-meeting']).toMatchObject({ state: 'skipped' });
    expect(steps['release-notice']).toMatchObject({ state: 'due', plannedDate: '2026-03-02' });
    expect(steps['insurance-resumption']).toMatchObject({ state: 'due', dueDate: '2026-03-04' });
    expect(steps['aftercare-check-48h'].plannedDate).toBe('2026-03-04');
    expect(steps['aftercare-check-4w'].plannedDate).toBe('2026-03-30');
    expect(steps['aftercare-check-6m'].plannedDate).toBe('2026-09-02');
    expect(released.steps.some((s) => s.stepId === 'trajectory-meeting' && s.plannedDate! > '2026-03-02')).toBe(false);
  });
});

describe('planner: short stays', () => {
  it('≤ 10 days: no re-integration plan, only the essential steps', () => {
    const result = plan({
      playbook,
      facts: facts({ expectedReleaseDate: '2026-01-12', screeningCompletedDate: null }),
      progress: {},
      now: at('2026-01-05', '08:00'),
    });
    const applying = result.steps.filter((s) => s.state !== 'skipped').map((s) => s.instanceId);
    expect(applying).toEqual([
      'detention-start-notice',
      'insurance-suspension',
      'release-notice',
      'insurance-resumption',
      'aftercare-check-48h',
      'aftercare-check-4w',
      'aftercare-check-6m',
      'aftercare-close',
    ]);
    expect(byId(result.steps).screening.reason).toMatch(/short stay \(7 days\)/);
  });

  it('≤ 4 weeks: release-relative steps that fall before intake fire at intake, without waiting for S', () => {
    const result = plan({
      playbook,
      facts: facts({ expectedReleaseDate: '2026-01-26', screeningCompletedDate: null }),
      progress: {},
      now: at('2026-01-05', '08:00'),
    });
    const steps = byId(result.steps);
    for (const id of ['housing-request', 'benefit-pre-application', 'care-continuity', 'bank-account-digid']) {
      expect(steps[id]).toMatchObject({ state: 'due', plannedDate: '2026-01-05', late: false });
    }
    expect(steps['exit-meeting'].state).toBe('skipped'); // stay > 4 weeks only
    expect(steps['id-application']).toMatchObject({ waitingFor: 'screening' });
  });

  it('a past intake date: steps whose moment passed fire at once and are late', () => {
    const result = plan({ playbook, facts: facts(), progress: {}, now: at('2026-01-09') });
    expect(byId(result.steps)['detention-start-notice']).toMatchObject({ state: 'late', late: true });
  });
});

describe('planner: conditions and consent', () => {
  it('skips steps whose need was not reported, saying why', () => {
    const result = plan({
      playbook,
      facts: facts({
        needs: { id: false, housing: false, income: true, debts: false, care: false, bankAccount: false, digid: false },
      }),
      progress: {},
      now: at('2026-01-01'),
    });
    const steps = byId(result.steps);
    expect(steps['housing-request']).toMatchObject({ state: 'skipped', reason: 'no housing need reported' });
    expect(steps['id-application']).toMatchObject({ state: 'skipped', reason: 'valid ID document' });
    expect(steps['bank-account-digid'].reason).toBe('no bankAccount or digid need reported');
    expect(steps['benefit-pre-application'].state).toBe('planned');
  });

  it('applies for an ID when the document expires before R + 6 months', () => {
    const needs = { ...facts().needs, id: false };
    const expiring = plan({
      playbook,
      facts: facts({ needs, idDocumentExpiry: '2026-08-01' }),
      progress: {},
      now: at('2026-01-01'),
    });
    expect(byId(expiring.steps)['id-application'].state).toBe('planned');
    const valid = plan({
      playbook,
      facts: facts({ needs, idDocumentExpiry: '2026-12-01' }),
      progress: {},
      now: at('2026-01-01'),
    });
    expect(byId(valid.steps)['id-application'].state).toBe('skipped');
  });

  it('shares nothing about a condition without consent: waits while unasked, skips when refused', () => {
    const unasked = plan({ playbook, facts: facts({ consent: { id: true } }), progress: {}, now: at('2026-02-10') });
    expect(byId(unasked.steps)['housing-request']).toMatchObject({
      state: 'planned',
      waitingFor: 'consent',
      fireAt: null,
    });
    const refused = plan({
      playbook,
      facts: facts({ consent: { id: true, housing: false, income: true, debts: true, care: true } }),
      progress: {},
      now: at('2026-02-10'),
    });
    expect(byId(refused.steps)['housing-request']).toMatchObject({
      state: 'skipped',
      reason: 'no consent to share housing information',
    });
  });

  it('withdraws a sent request when consent for its condition is revoked', () => {
    const progress: Progress = {
      'debt-help-referral': { firedAt: at('2026-01-12', '06:00'), plannedDate: '2026-01-12', late: false },
    };
    const revoked = plan({
      playbook,
      facts: facts({ consent: { ...facts().consent, debts: false } }),
      progress,
      now: at('2026-01-20'),
    });
    expect(revoked.toWithdraw.map((s) => s.instanceId)).toEqual(['debt-help-referral']);
  });

  it('skips everything still to come once the case has ended', () => {
    const ended = plan({
      playbook,
      facts: facts({ ending: { reason: 'deceased', date: '2026-02-01' } }),
      progress: {},
      now: at('2026-02-01'),
    });
    expect(ended.toFire).toEqual([]);
    expect(byId(ended.steps)['care-continuity']).toMatchObject({ state: 'skipped', reason: 'case closed: deceased' });
  });
});
