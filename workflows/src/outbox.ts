import type {
  DetentionState,
  Disclosure,
  HumanTask,
  PartnerRequest,
  ProjectionBatch,
  TimelineEvent,
} from '@terugkeer/contracts';
import type { PlannedStep } from '@terugkeer/domain';

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

  event(event: Omit<TimelineEvent, 'seq' | 'at'>, at: number = Date.now()): TimelineEvent {
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
        ...(this.state.casemanager ? { casemanager: this.state.casemanager } : {}),
        edgeRules: this.state.edgeRules === true,
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
