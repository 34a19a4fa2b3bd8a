import { DEFAULT_PLAYBOOK_V1 } from './default-playbook';
import type { Playbook, StepDefinition } from './playbook';

const V1 = DEFAULT_PLAYBOOK_V1;

/** A meeting is one meeting with participants: the casemanager organises it, the chain is invited (rule 6). */
function withParticipants(step: StepDefinition): StepDefinition {
  if (step.action.type !== 'task') return step;
  return { ...step, action: { ...step.action, participants: ['municipality', 'probation'] } };
}

/** Released without a known address: the municipality finds a first place to stay, on the day (rule 1). */
const FIRST_PLACE_TO_STAY: StepDefinition = {
  id: 'first-place-to-stay',
  title: 'Find a first place to stay (released without a known address)',
  kind: 'task',
  rule: 'X',
  at: { anchor: 'actualRelease' },
  due: { from: 'actualRelease' },
  when: [{ kind: 'releaseAddressUnknown' }],
  shortStayEssential: true,
  action: { type: 'task', task: 'first-place-to-stay', role: 'municipality' },
};

/**
 * Nobody completed the 6-month check: the case closes by itself four weeks later (rule 12). The grace period is
 * this step's offset: a playbook version sets its own.
 */
const AFTERCARE_CLOSE: StepDefinition = {
  id: 'aftercare-close',
  title: 'Case closes: the 6-month check was not completed within the grace period',
  kind: 'close',
  rule: 'X+6m+4w',
  at: { anchor: 'actualRelease', offset: { months: 6, weeks: 4 } },
  when: [],
  shortStayEssential: true,
  action: { type: 'close', reason: 'aftercare check not completed within the grace period' },
};

/**
 * The default playbook, version 2: version 1 as settled by DOMAIN.md's "Rules at the edges". Meetings invite the
 * municipality coordinator and probation; a release without an address raises a task; a case whose 6-month check
 * nobody completes closes after a grace period; the ID must be issued within 5 working days of acceptance; debt
 * help must answer within 4 weeks (3 working days when debts are threatening). New intakes get this version;
 * running detentions keep the version they started with.
 */
export const DEFAULT_PLAYBOOK_V2: Playbook = {
  ...V1,
  version: 2,
  title: 'Default re-integration playbook (rules at the edges)',
  steps: [
    ...V1.steps.flatMap((step) => {
      if (step.id === 'trajectory-meeting' || step.id === 'exit-meeting') return [withParticipants(step)];
      if (step.id === 'release-notice') return [step, FIRST_PLACE_TO_STAY];
      return [step];
    }),
    AFTERCARE_CLOSE,
  ],
  requestTypes: {
    ...V1.requestTypes,
    'id-application': {
      ...V1.requestTypes['id-application'],
      milestones: [{ name: 'issued', after: { workingDays: 5 }, from: 'accepted', metWhen: ['completed'] }],
    },
    'debt-help-referral': {
      ...V1.requestTypes['debt-help-referral'],
      milestones: [
        {
          name: 'response',
          after: { weeks: 4 },
          threateningAfter: { workingDays: 3 },
          metWhen: ['accepted', 'waitlisted', 'declined', 'completed'],
        },
      ],
    },
  },
};

/** Every playbook version the code knows; running detentions keep theirs. */
export const PLAYBOOKS: readonly Playbook[] = [DEFAULT_PLAYBOOK_V1, DEFAULT_PLAYBOOK_V2];

/** The version new intakes get. */
export const DEFAULT_PLAYBOOK: Playbook = DEFAULT_PLAYBOOK_V2;

export function findPlaybook(id: string, version: number): Playbook | undefined {
  return PLAYBOOKS.find((p) => p.id === id && p.version === version);
}
