import type {
  Actor,
  DetentionRegistration,
  DetentionState,
  Disclosure,
  HumanTask,
  PartnerRequest,
  ProjectionBatch,
  TimelineEvent,
} from '@terugkeer/contracts';
import type { CalendarDate, PlannedStep, Playbook, TaskRole, TaskType } from '@terugkeer/domain';

export function initialState(
  registration: DetentionRegistration,
  playbook: Playbook,
  caseReference: string,
): DetentionState {
  return {
    detentionId: registration.detentionId,
    registration,
    playbook: { id: playbook.id, version: playbook.version },
    facts: {
      prison: registration.prison,
      municipality: registration.municipality,
      probation: registration.probation,
      intakeDate: registration.intakeDate,
      expectedReleaseDate: registration.expectedReleaseDate,
      actualReleaseDate: null,
      screeningCompletedDate: null,
      needs: { ...registration.needs },
      consent: {},
      idDocumentExpiry: registration.idDocumentExpiry,
      ending: null,
    },
    phase: 'detained',
    progress: {},
    tasks: {},
    requests: {},
    measurements: {},
    caseReference,
    closed: null,
    deliveries: {},
    seq: 0,
  };
}

/**
 * Changes that still have to reach the read models. Not part of the carried state: it is flushed before
 * every continue-as-new.
 */
export class Outbox {
  private events: TimelineEvent[] = [];
  private tasks = new Set<string>();
  private requests = new Set<string>();
  private disclosures: Disclosure[] = [];
  private snapshot = true;

  constructor(private readonly state: DetentionState) {}

  event(event: Omit<TimelineEvent, 'seq' | 'at'>, at: number): TimelineEvent {
    const full = { ...event, seq: ++this.state.seq, at: new Date(at).toISOString() };
    this.events.push(full);
    this.snapshot = true;
    return full;
  }

  task(task: HumanTask): void {
    this.tasks.add(task.id);
    this.snapshot = true;
  }

  request(request: PartnerRequest): void {
    this.requests.add(request.id);
    this.snapshot = true;
  }

  disclosure(disclosure: Disclosure): void {
    this.disclosures.push(disclosure);
    this.snapshot = true;
  }

  get pending(): boolean {
    return this.snapshot;
  }

  take(steps: PlannedStep[]): ProjectionBatch {
    const batch: ProjectionBatch = {
      detentionId: this.state.detentionId,
      seq: this.state.seq,
      detention: {
        facts: this.state.facts,
        phase: this.state.phase,
        measurements: this.state.measurements,
        playbook: this.state.playbook,
        caseReference: this.state.caseReference,
        closed: this.state.closed,
      },
      steps,
      tasks: [...this.tasks].map((id) => this.state.tasks[id]),
      requests: [...this.requests].map((id) => this.state.requests[id]),
      events: this.events,
      disclosures: this.disclosures,
    };
    this.events = [];
    this.disclosures = [];
    this.tasks = new Set();
    this.requests = new Set();
    this.snapshot = false;
    return batch;
  }
}

/** A person acting through the API, or Terugkeer itself (e.g. closing a case on re-detention). */
export const userActor = (actor: Actor) =>
  actor.role === 'system'
    ? { kind: 'system' as const, id: actor.sub, label: 'Terugkeer' }
    : { kind: 'user' as const, id: actor.sub, label: `${actor.role} ${actor.org}` };
export const ruleActor = (rule: string, title: string) => ({ kind: 'rule' as const, label: `${rule} ${title}` });
export const systemActor = (label: string) => ({ kind: 'system' as const, label });

/** What creating a human task takes: the workflow fills in the rest (id, organisation, status, version). */
export interface TaskSpec {
  type: TaskType;
  role: TaskRole;
  title: string;
  dueDate: CalendarDate | null;
  stepInstanceId: string | null;
  context?: HumanTask['context'];
  actor: TimelineEvent['actor'];
}
