import type {
  DeadLetter,
  DetentionActivities,
  HumanTask,
  PartnerRef,
  PartnerRequest,
  PendingDelivery,
  ProjectionBatch,
  ProjectionResult,
  TimelineEvent,
} from '@terugkeer/contracts';
import type { RecipientKind, RequestType } from '@terugkeer/domain';

type PartnerQuery = { type: RequestType; recipient: RecipientKind; routedTo: string };

/**
 * Stand-ins for the activities in workflow unit tests: they record what the workflow asked for, so tests
 * can assert on projections (timeline, tasks, requests) without a database. The e2e tests use the real ones.
 */
export class FakeActivities implements DetentionActivities {
  readonly batches: ProjectionBatch[] = [];
  readonly closedPrevious: { previousDetentionId: string; newDetentionId: string; date: string }[] = [];
  readonly deliveries: PendingDelivery[] = [];
  /** The parts of a batch the "read models" refuse (dead letters); none by default. */
  refuse: (batch: ProjectionBatch) => DeadLetter[] = () => [];

  constructor(
    private readonly partnerFor: (query: PartnerQuery) => PartnerRef | null = (q) => ({
      id: `${q.type}@${q.routedTo}`,
      name: `${q.type} desk ${q.routedTo}`,
      // Municipal desks and probation are government bodies; care providers are not.
      government: q.type !== 'care-continuity',
      delivery: 'inbox',
    }),
    /** How webhook deliveries go; by default the partner answers 2xx at once. */
    private readonly deliver: (message: PendingDelivery) => Promise<{ httpStatus: number }> = async () => ({
      httpStatus: 200,
    }),
  ) {}

  async projectDetention(batch: ProjectionBatch): Promise<ProjectionResult> {
    this.batches.push(JSON.parse(JSON.stringify(batch)));
    return { deadLetters: this.refuse(batch) };
  }

  async resolvePartner(query: PartnerQuery): Promise<PartnerRef | null> {
    return this.partnerFor(query);
  }

  async closePreviousDetention(input: { previousDetentionId: string; newDetentionId: string; date: string }) {
    this.closedPrevious.push(input);
  }

  async deliverMessage(message: PendingDelivery): Promise<{ httpStatus: number }> {
    this.deliveries.push(JSON.parse(JSON.stringify(message)));
    return this.deliver(message);
  }

  /** The activities object for Worker.create. */
  bound(): DetentionActivities {
    return {
      projectDetention: (b) => this.projectDetention(b),
      resolvePartner: (q) => this.resolvePartner(q),
      closePreviousDetention: (i) => this.closePreviousDetention(i),
      deliverMessage: (m) => this.deliverMessage(m),
    };
  }

  events(detentionId?: string): TimelineEvent[] {
    return this.batches.filter((b) => !detentionId || b.detentionId === detentionId).flatMap((b) => b.events);
  }

  /** Latest projected version of every task. */
  tasks(detentionId?: string): HumanTask[] {
    return latest(this.batches.filter((b) => !detentionId || b.detentionId === detentionId).flatMap((b) => b.tasks));
  }

  requests(detentionId?: string): PartnerRequest[] {
    return latest(this.batches.filter((b) => !detentionId || b.detentionId === detentionId).flatMap((b) => b.requests));
  }

  lastBatch(detentionId: string): ProjectionBatch | undefined {
    return [...this.batches].reverse().find((b) => b.detentionId === detentionId);
  }
}

/** Every partner is reached by webhook; `deliver` decides how the webhook answers (2xx at once by default). */
export function webhookPartners(deliver?: (m: PendingDelivery) => Promise<{ httpStatus: number }>): FakeActivities {
  return new FakeActivities(
    (q) => ({
      id: `${q.type}@${q.routedTo}`,
      name: `desk ${q.routedTo}`,
      government: q.type !== 'care-continuity',
      delivery: 'webhook',
    }),
    deliver,
  );
}

function latest<T extends { id: string; version: number }>(items: T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    const known = byId.get(item.id);
    if (!known || known.version <= item.version) byId.set(item.id, item);
  }
  return [...byId.values()];
}
