import {
  DELIVERY_ERRORS,
  type DetentionActivities,
  type DetentionState,
  type MessageEvent,
  type PartnerRequest,
} from '@terugkeer/contracts';
import { deliveryEscalationAt, type Playbook } from '@terugkeer/domain';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  proxyActivities,
  TimeoutFailure,
} from '@temporalio/workflow';
import type { Turns } from './turns';

/** Delivery retries until the outage window closes; a heartbeat notices a worker that died mid-POST. */
function deliveryActivity(scheduleToCloseMs: number) {
  return proxyActivities<DetentionActivities>({
    startToCloseTimeout: '1 minute',
    heartbeatTimeout: '10 seconds',
    scheduleToCloseTimeout: scheduleToCloseMs,
    retry: {
      initialInterval: '10 seconds',
      backoffCoefficient: 2,
      maximumInterval: '30 minutes',
      nonRetryableErrorTypes: [DELIVERY_ERRORS.rejected, DELIVERY_ERRORS.misconfigured],
    },
  }).deliverMessage;
}

/** After the outage window closed: a request message is still tried, every few hours, for this long. */
export const REDELIVERY_WINDOW_MS = 30 * 24 * 3600_000;

/** The slower pace after the escalation: the partner back from its outage gets the request within hours. */
function redeliveryActivity(scheduleToCloseMs: number) {
  return proxyActivities<DetentionActivities>({
    startToCloseTimeout: '1 minute',
    heartbeatTimeout: '10 seconds',
    scheduleToCloseTimeout: scheduleToCloseMs,
    retry: {
      initialInterval: '30 minutes',
      backoffCoefficient: 2,
      maximumInterval: '4 hours',
      nonRetryableErrorTypes: [DELIVERY_ERRORS.rejected, DELIVERY_ERRORS.misconfigured],
    },
  }).deliverMessage;
}

export type DeliveryOutcome =
  { key: string; ok: true } | { key: string; ok: false; kind: 'rejected' | 'outage'; error: string };

/**
 * Signed webhook messages to partners, each running beside the main loop (an outage can last days). A message
 * waits in the carried state until delivered, so a continue-as-new or a crash resumes it; outcomes come back
 * to the ledger through `takeOutcomes`.
 */
export class WebhookDeliveries {
  private readonly outcomes: DeliveryOutcome[] = [];
  private readonly inFlight = new Set<string>();
  private readonly toStart = new Set<string>();
  /** The scope each delivery in flight runs in, so that a message that must not go out any more is stopped. */
  private readonly scopes = new Map<string, CancellationScope>();

  constructor(
    private readonly state: DetentionState,
    private readonly playbook: Playbook,
    private readonly turns: Turns,
  ) {}

  /** Queues a message about a request; it starts once the read models have the request (`startQueued`). */
  queue(request: PartnerRequest, event: MessageEvent): void {
    const key =
      event === 'request'
        ? request.id
        : event === 'update'
          ? `${request.id}:update:${request.updates}`
          : `${request.id}:${event}`;
    // Only a request and its updates carry data; the other messages name the request and, where one is due, why.
    const carriesData = event === 'request' || event === 'update';
    const reason = event === 'withdrawal' ? request.withdrawReason : event === 'closed' ? 'coordination-ended' : null;
    this.state.deliveries[key] = {
      key,
      requestId: request.id,
      partnerId: request.partnerId,
      body: {
        event,
        requestId: request.id,
        type: request.type,
        caseReference: this.state.caseReference,
        dueDate: request.dueDate,
        data: carriesData ? request.data : {},
        ...(request.deadlines.length
          ? { deadlines: request.deadlines.map((d) => ({ name: d.name, dueDate: d.dueDate })) }
          : {}),
        ...(reason ? { reason } : {}),
      },
      createdAt: new Date(Date.now()).toISOString(),
    };
    this.toStart.add(key);
  }

  /**
   * A request message whose outage window closed (escalated by a follow-up task) is tried again at the slower pace
   * for `REDELIVERY_WINDOW_MS`: kept in the carried state, so a continue-as-new or a crash resumes it too.
   */
  redeliver(key: string): void {
    const delivery = this.state.deliveries[key];
    if (!delivery) return;
    delivery.escalatedAt = new Date(Date.now()).toISOString();
    this.toStart.add(key);
  }

  /** The request message is being retried after its escalation (see `redeliver`). */
  redelivering(requestId: string): boolean {
    return this.state.deliveries[requestId]?.escalatedAt !== undefined;
  }

  /** Every delivery not finished is started again — after a continue-as-new, the new run carries them on. */
  resume(): void {
    for (const key of Object.keys(this.state.deliveries)) this.toStart.add(key);
  }

  /**
   * Starts the queued deliveries. Called after the read models have the requests, so that a partner answering
   * at once finds its request in the ledger.
   */
  startQueued(): void {
    for (const key of this.toStart) this.start(key);
    this.toStart.clear();
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** An outcome arrived that the ledger has not taken yet. */
  get hasOutcomes(): boolean {
    return this.outcomes.length > 0;
  }

  /** Nothing in flight, nothing to start, nothing arrived: every message is delivered (or given up) and recorded. */
  get idle(): boolean {
    return this.inFlight.size === 0 && this.toStart.size === 0 && this.outcomes.length === 0;
  }

  /** Outcomes that arrived since the last call, oldest first. */
  takeOutcomes(): DeliveryOutcome[] {
    return this.outcomes.splice(0, this.outcomes.length);
  }

  /**
   * The messages carrying a request's data that are not delivered yet are not sent any more (the request was
   * withdrawn: its consent revoked, re-routed, no longer needed): dropped from the state, stopped if in flight.
   * Answers whether the request itself was still on its way.
   */
  dropData(requestId: string): boolean {
    let requestDropped = false;
    for (const [key, delivery] of Object.entries(this.state.deliveries)) {
      if (delivery.requestId !== requestId || !['request', 'update'].includes(delivery.body.event)) continue;
      requestDropped ||= delivery.body.event === 'request';
      delete this.state.deliveries[key];
      this.toStart.delete(key);
      this.inFlight.delete(key);
      this.scopes.get(key)?.cancel();
      this.scopes.delete(key);
    }
    return requestDropped;
  }

  /**
   * The request message not delivered yet carries the request's data as they are now. One stopped mid-way may
   * have arrived with the old data: once the new one is delivered, an update follows (`restarted`).
   */
  refresh(request: PartnerRequest): void {
    const delivery = this.state.deliveries[request.id];
    if (!delivery || delivery.body.event !== 'request') return;
    delivery.body = { ...delivery.body, data: request.data, dueDate: request.dueDate };
    if (this.inFlight.has(request.id)) {
      delivery.restarted = true;
      this.inFlight.delete(request.id);
      this.scopes.get(request.id)?.cancel();
      this.scopes.delete(request.id);
    }
    this.toStart.add(request.id);
  }

  private start(key: string): void {
    if (this.inFlight.has(key)) return;
    const delivery = this.state.deliveries[key];
    const closes = delivery.escalatedAt
      ? Date.parse(delivery.escalatedAt) + REDELIVERY_WINDOW_MS
      : deliveryEscalationAt(this.playbook, Date.parse(delivery.createdAt));
    const window = Math.max(closes - Date.now(), 60_000);
    const deliver = delivery.escalatedAt ? redeliveryActivity(window) : deliveryActivity(window);
    this.inFlight.add(key);
    const scope = new CancellationScope();
    this.scopes.set(key, scope);
    void scope
      .run(() => deliver(delivery))
      .then(
        (): DeliveryOutcome => ({ key, ok: true }),
        (error: unknown): DeliveryOutcome => {
          const cause = error instanceof ActivityFailure ? error.cause : error;
          if (cause instanceof ApplicationFailure && cause.nonRetryable) {
            return { key, ok: false, kind: 'rejected', error: cause.message };
          }
          if (cause instanceof TimeoutFailure) return { key, ok: false, kind: 'outage', error: lastError(cause) };
          return { key, ok: false, kind: 'outage', error: (cause as Error)?.message ?? 'delivery failed' };
        },
      )
      .then((outcome) => {
        // A dropped message: its stopped attempt reports nothing.
        if (this.scopes.get(key) !== scope) return;
        this.scopes.delete(key);
        this.inFlight.delete(key);
        this.outcomes.push(outcome);
        this.turns.wake();
      });
  }
}

/** The delivery window closed: say why the last attempt failed. */
function lastError(timeout: TimeoutFailure): string {
  return (timeout.cause as Error | undefined)?.message ?? 'no answer within the delivery window';
}
