import {
  checkPlaybook,
  DEFAULT_PLAYBOOK_V1,
  DEFAULT_PLAYBOOK_V2,
  diffPlaybooks,
  PLAYBOOKS,
  type Playbook,
  type StepDefinition,
} from '@terugkeer/domain';

/** A deep copy of version 2 with `change` applied: each test breaks one rule. */
function broken(change: (p: Playbook) => void): Playbook {
  const copy = structuredClone(DEFAULT_PLAYBOOK_V2) as Playbook;
  change(copy);
  return copy;
}
const step = (p: Playbook, id: string): StepDefinition => p.steps.find((s) => s.id === id)!;
const indexOf = (id: string) => DEFAULT_PLAYBOOK_V2.steps.findIndex((s) => s.id === id);

describe('checkPlaybook: the semantic rules of a playbook definition', () => {
  it.each(PLAYBOOKS.map((p) => [p.version, p]))('accepts the shipped version %i', (_v, playbook) => {
    expect(checkPlaybook(playbook)).toEqual([]);
  });

  it('refuses an offset before an anchor that is known only when it happens, naming step and field', () => {
    const i = indexOf('debt-help-referral');
    expect(checkPlaybook(broken((p) => (step(p, 'debt-help-referral').at.offset = { weeks: -2 })))).toEqual([
      `steps[${i}] (debt-help-referral).at.offset: −2w before screening can never fire on time: ` +
        'that moment has passed when screening becomes known',
    ]);
    // Before the expected release date is what the table is made of.
    expect(checkPlaybook(broken((p) => (step(p, 'care-continuity').at.offset = { weeks: -10 })))).toEqual([]);
  });

  it('refuses a repeat that never advances and one that can never repeat', () => {
    const i = indexOf('trajectory-meeting');
    expect(checkPlaybook(broken((p) => (step(p, 'trajectory-meeting').repeat!.every = { weeks: 0 })))).toEqual([
      `steps[${i}] (trajectory-meeting).repeat.every: must be positive`,
    ]);
    const j = indexOf('aftercare-check-4w');
    const afterRelease = broken((p) => {
      step(p, 'aftercare-check-4w').repeat = { every: { weeks: 4 }, until: { anchor: 'expectedRelease' } };
    });
    expect(checkPlaybook(afterRelease)).toEqual([
      `steps[${j}] (aftercare-check-4w).repeat.until: a step after the actual release never repeats until the expected one`,
    ]);
  });

  it('refuses a due date before the step fires, and a notBefore equal to its own anchor', () => {
    const i = indexOf('aftercare-check-48h');
    expect(
      checkPlaybook(broken((p) => (step(p, 'aftercare-check-48h').due = { from: 'fire', offset: { days: -1 } }))),
    ).toEqual([`steps[${i}] (aftercare-check-48h).due.offset: a due date before the step fires can never be met`]);
    const j = indexOf('housing-request');
    expect(checkPlaybook(broken((p) => (step(p, 'housing-request').notBefore = 'expectedRelease')))).toEqual([
      `steps[${j}] (housing-request).notBefore: the step already counts from expectedRelease`,
    ]);
  });

  it('refuses references that lead nowhere: an undefined request type, a mismatched kind, a duplicate id', () => {
    const i = indexOf('care-continuity');
    expect(
      checkPlaybook(
        broken((p) => {
          delete (p.requestTypes as Partial<Playbook['requestTypes']>)['care-continuity'];
        }),
      ),
    ).toEqual([
      `steps[${i}] (care-continuity).action.requests[0].request: care-continuity is not defined in requestTypes`,
    ]);
    expect(checkPlaybook(broken((p) => (step(p, 'care-continuity').kind = 'task')))).toEqual([
      `steps[${i}] (care-continuity).kind: a task step cannot have an action of type requests`,
    ]);
    const dup = broken((p) => p.steps.push({ ...step(p, 'care-continuity') }));
    expect(checkPlaybook(dup)).toEqual([
      `steps[${dup.steps.length - 1}] (care-continuity).id: the same id as steps[${i}]`,
    ]);
    expect(checkPlaybook(broken((p) => (p.requestTypes['care-continuity'].type = 'housing-request')))).toEqual([
      'requestTypes.care-continuity.type: must be care-continuity, the key it is listed under',
    ]);
  });

  it('refuses SLAs that are not positive', () => {
    expect(checkPlaybook(broken((p) => (p.sla.acknowledgeWithin = { workingDays: 0 })))).toEqual([
      'sla.acknowledgeWithin: must be positive (0)',
    ]);
    expect(checkPlaybook(broken((p) => (p.requestTypes['id-application'].dueAfterSent = { days: -3 })))).toEqual([
      'requestTypes.id-application.dueAfterSent: must be positive',
    ]);
    expect(checkPlaybook(broken((p) => (p.requestTypes['benefit-pre-application'].milestones![0].after = {})))).toEqual(
      ['requestTypes.benefit-pre-application.milestones[0].after: must be positive'],
    );
  });

  it('keeps the screening within 10 working days of intake, always, from intake', () => {
    const i = indexOf('screening');
    expect(checkPlaybook(broken((p) => (step(p, 'screening').due!.offset = { workingDays: 11 })))).toEqual([
      `steps[${i}] (screening).due.offset: +11wd loosens the legal minimum (the screening within 10 working days of intake)`,
    ]);
    // Three weeks can be more than 10 working days; two weeks never are; tightening is fine.
    expect(checkPlaybook(broken((p) => (step(p, 'screening').due!.offset = { weeks: 3 })))).toHaveLength(1);
    expect(checkPlaybook(broken((p) => (step(p, 'screening').due!.offset = { weeks: 2 })))).toEqual([]);
    expect(checkPlaybook(broken((p) => (step(p, 'screening').due!.offset = { workingDays: 5 })))).toEqual([]);
    expect(checkPlaybook(broken((p) => (step(p, 'screening').when = [{ kind: 'stayLongerThan', days: 10 }])))).toEqual([
      `steps[${i}] (screening).when: the screening applies always`,
    ]);
    expect(checkPlaybook(broken((p) => (step(p, 'screening').due = { from: 'screening' })))).toEqual([
      `steps[${i}] (screening).due: the screening is due within 10 working days of intake`,
    ]);
    expect(checkPlaybook(broken((p) => (p.steps = p.steps.filter((s) => s.id !== 'screening'))))).toContain(
      'steps: a screening task (due within 10 working days of intake) is required',
    );
  });

  it('keeps the detention-start and release notices on the day, always, for short stays too', () => {
    const i = indexOf('detention-start-notice');
    expect(
      checkPlaybook(broken((p) => (step(p, 'detention-start-notice').at = { anchor: 'intake', offset: { days: 3 } }))),
    ).toEqual([`steps[${i}] (detention-start-notice).at: the detention-start-notice is sent at intake, on the day`]);
    const j = indexOf('release-notice');
    expect(checkPlaybook(broken((p) => (step(p, 'release-notice').shortStayEssential = false)))).toEqual([
      `steps[${j}] (release-notice).shortStayEssential: the release-notice is sent for short stays too`,
    ]);
    expect(checkPlaybook(broken((p) => (p.steps = p.steps.filter((s) => s.id !== 'release-notice'))))).toEqual([
      'steps: a step sending the release-notice at actualRelease is required',
    ]);
  });

  it('keeps debt help within 4 weeks, 3 working days when debts are threatening (Wgs)', () => {
    const debt = (p: Playbook) => p.requestTypes['debt-help-referral'];
    expect(checkPlaybook(broken((p) => (debt(p).dueAfterSent = { weeks: 5 })))).toEqual([
      'requestTypes.debt-help-referral.dueAfterSent: debt help answers within 4 weeks (Wgs)',
    ]);
    expect(checkPlaybook(broken((p) => delete debt(p).threateningDueAfterSent))).toEqual([
      'requestTypes.debt-help-referral.threateningDueAfterSent: debt help answers within 3 working days when debts are threatening (Wgs)',
    ]);
    expect(checkPlaybook(broken((p) => (debt(p).threateningDueAfterSent = { days: 3 })))).toEqual([]);
    expect(checkPlaybook(broken((p) => (debt(p).dueAfterSent = { workingDays: 15 })))).toEqual([]);
  });
});

describe('diffPlaybooks: what changes between two versions', () => {
  it('shows what version 2 adds to version 1', () => {
    expect(diffPlaybooks(DEFAULT_PLAYBOOK_V1, DEFAULT_PLAYBOOK_V2)).toEqual({
      added: [
        { id: 'first-place-to-stay', title: expect.any(String) },
        { id: 'aftercare-close', title: expect.any(String) },
      ],
      removed: [],
      changed: [
        { id: 'trajectory-meeting', title: 'Trajectory meeting', fields: ['action.participants'] },
        { id: 'exit-meeting', title: 'Exit meeting', fields: ['action.participants'] },
      ],
      settings: ['requestTypes.debt-help-referral.milestones', 'requestTypes.id-application.milestones', 'title'],
    });
  });

  it('is empty between a version and itself whatever the key order, and mirrors when reversed', () => {
    // jsonb does not keep key order: a definition read back has its keys in another order.
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    expect(diffPlaybooks(DEFAULT_PLAYBOOK_V2, reversed(DEFAULT_PLAYBOOK_V2) as Playbook)).toEqual({
      added: [],
      removed: [],
      changed: [],
      settings: [],
    });
    const back = diffPlaybooks(DEFAULT_PLAYBOOK_V2, DEFAULT_PLAYBOOK_V1);
    expect(back.removed.map((s) => s.id)).toEqual(['first-place-to-stay', 'aftercare-close']);
    expect(back.added).toEqual([]);
  });
});
