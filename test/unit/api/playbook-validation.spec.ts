import { DEFAULT_PLAYBOOK_V2, PLAYBOOKS } from '@terugkeer/domain';
import { playbookProblems } from '../../../apps/api/src/playbooks/playbook-validation';

// A definition as a client sends it: loose JSON that the tests break on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Version 2 as JSON (what a client sends), with `change` applied. */
function sent(change: (p: Record<string, Json>) => void = () => {}): Record<string, Json> {
  const copy = JSON.parse(JSON.stringify(DEFAULT_PLAYBOOK_V2));
  change(copy);
  return copy;
}
const at = (id: string) => DEFAULT_PLAYBOOK_V2.steps.findIndex((s) => s.id === id);

describe('playbookProblems: the JSON Schema (ajv), then the domain rules, each problem naming step and field', () => {
  it.each(PLAYBOOKS.map((p) => [p.version, p]))('accepts the shipped version %i as JSON', (_v, playbook) => {
    expect(playbookProblems(JSON.parse(JSON.stringify(playbook)))).toEqual([]);
  });

  it('refuses what is not an object, and names every missing field', () => {
    expect(playbookProblems(null)).toEqual(['body: must be object']);
    expect(playbookProblems([])).toEqual(['body: must be object']);
    expect(playbookProblems({ matrixProbe: true })).toEqual([
      'title: is required',
      'fireAtLocalTime: is required',
      'shortStay: is required',
      'sla: is required',
      'steps: is required',
      'requestTypes: is required',
      'matrixProbe: is not a known field',
    ]);
  });

  it('names the step by index and id and the field, for wrong types, unknown fields and unknown values', () => {
    const i = at('debt-help-referral');
    expect(
      playbookProblems(
        sent((p) => {
          p.steps[i].at.offset = { weeks: 'two', hours: 3 };
        }),
      ),
    ).toEqual([
      `steps[${i}] (debt-help-referral).at.offset.hours: is not a known field`,
      `steps[${i}] (debt-help-referral).at.offset.weeks: must be integer`,
    ]);
    const j = at('exit-meeting');
    expect(playbookProblems(sent((p) => (p.steps[j].action.task = 'teleport')))).toEqual([
      `steps[${j}] (exit-meeting).action.task: must be one of ${[
        'insurance-suspension',
        'screening',
        'trajectory-meeting',
        'exit-meeting',
        'bank-account-digid',
        'insurance-resumption',
        'aftercare-check',
        'request-follow-up',
        'first-place-to-stay',
        'meeting-invitation',
        'record-incomplete',
      ].join(', ')}`,
    ]);
    expect(playbookProblems(sent((p) => (p.steps[j].when = [{ kind: 'moonPhase' }])))).toEqual([
      `steps[${j}] (exit-meeting).when[0].kind: is not a known kind here`,
    ]);
    expect(playbookProblems(sent((p) => (p.steps[j].action.requests = [])))).toEqual([
      `steps[${j}] (exit-meeting).action.requests: is not a known field`,
    ]);
  });

  it('refuses unknown request types, bad times and step ids', () => {
    expect(
      playbookProblems(sent((p) => (p.requestTypes.teleport = { type: 'teleport', title: 'x', notice: true }))),
    ).toEqual([
      'requestTypes.teleport: is not a known request type',
      'requestTypes.teleport.type: must be one of ' +
        'detention-start-notice, release-notice, id-application, housing-request, debt-help-referral, ' +
        'benefit-pre-application, care-continuity',
    ]);
    expect(playbookProblems(sent((p) => (p.fireAtLocalTime = '25:00')))).toEqual([
      'fireAtLocalTime: must match pattern "^([01][0-9]|2[0-3]):[0-5][0-9]$"',
    ]);
    expect(playbookProblems(sent((p) => (p.steps[0].id = 'Not An Id')))).toEqual([
      'steps[0] (Not An Id).id: must match pattern "^[a-z0-9][a-z0-9-]{0,62}$"',
    ]);
  });

  it('runs the domain rules only on a definition of the right shape', () => {
    const i = at('screening');
    expect(playbookProblems(sent((p) => (p.steps[i].due.offset = { workingDays: 15 })))).toEqual([
      `steps[${i}] (screening).due.offset: +15wd loosens the legal minimum (the screening within 10 working days of intake)`,
    ]);
    const wrongShapeAndRule = sent((p) => {
      p.steps[i].due.offset = { workingDays: 15 };
      p.title = '';
    });
    expect(playbookProblems(wrongShapeAndRule)).toEqual(['title: must NOT have fewer than 1 characters']);
  });
});
