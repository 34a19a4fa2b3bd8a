import {
  DELIVERY_ERRORS,
  type DetentionActivities,
  type DetentionState,
  type HumanTask,
  type MessageEvent,
  type PartnerRequest,
  type PartnerResponse,
  type TimelineEvent,
} from '@terugkeer/contracts';
import {
  amsterdamDate,
  buildRequestData,
  deliveryEscalationAt,
  isOpenRequest,
  judgeResponse,
  nextFollowUp,
  prisonMunicipality,
  requestDeadlines,
  requestDueDate,
  type CalendarDate,
  type FollowUp,
  type PlannedStep,
  type Playbook,
  type RecipientKind,
  type RequestType,
  type WithdrawalReason,
} from '@terugkeer/domain';
import { ActivityFailure, ApplicationFailure, log, proxyActivities, TimeoutFailure, uuid4 } from '@temporalio/workflow';
import type { Outbox, TaskSpec } from './detention-state';
import { ruleActor, systemActor } from './detention-state';

const { resolvePartner } = proxyActivities<DetentionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

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

type DeliveryOutcome =
  { key: string; ok: true } | { key: string; ok: false; kind: 'rejected' | 'outage'; error: string };

export interface RequestContext {
  state: DetentionState;
  outbox: Outbox;
  playbook: Playbook;
  today(): CalendarDate;
  createTask(spec: TaskSpec): HumanTask;
  cancelTask(task: HumanTask, reason: string): void;
  /** Tells the main loop that something happened that needs a turn. */
  wake(): void;
}

/**
 * The partner request ledger of one detention: sending (to the registry's partner for the type and
 * municipality), signed webhook delivery running beside the main loop, updates and withdrawals, partner
 * answers, acknowledgement SLAs and tracked deadlines.
 */
export class PartnerRequests {
  private readonly responses: PartnerResponse[] = [];
  private readonly appliedResponses = new Set<string>();
  private readonly deliveryOutcomes: DeliveryOutcome[] = [];
  private readonly inFlight = new Set<string>();
  private readonly toStart = new Set<string>();

  constructor(private readonly ctx: RequestContext) {}

  private get state() {
    return this.ctx.state;
  }

  private title(type: RequestType) {
    return this.ctx.playbook.requestTypes[type].title;
  }

  private event(event: Omit<TimelineEvent, 'seq' | 'at'>) {
    this.ctx.outbox.event(event, Date.now());
  }

  private changed(request: PartnerRequest) {
    request.version++;
    this.ctx.outbox.request(request);
  }

  private routedTo(recipient: RecipientKind): string {
    switch (recipient) {
      case 'residenceMunicipality':
        return this.state.facts.municipality;
      case 'prisonMunicipality':
        return prisonMunicipality(this.state.facts.prison);
      case 'probation':
        return this.state.facts.probation;
    }
  }

  async send(type: RequestType, recipient: RecipientKind, step: PlannedStep, rerouted = false): Promise<void> {
    const { state, playbook } = this.ctx;
    const target = this.routedTo(recipient);
    const partner = await resolvePartner({ type, recipient, routedTo: target });
    if (!partner) {
      this.event({
        type: 'request-undeliverable',
        summary: `${this.title(type)}: no partner registered for ${target}`,
        actor: systemActor('partner registry'),
        stepInstanceId: step.instanceId,
      });
      this.ctx.createTask({
        type: 'request-follow-up',
        role: 'municipality',
        title: `Arrange "${this.title(type)}" another way: no partner registered for ${target}`,
        dueDate: this.ctx.today(),
        stepInstanceId: step.instanceId,
        context: { reason: 'no-partner' },
        actor: systemActor('partner registry'),
      });
      return;
    }
    const payload = buildRequestData(type, {
      facts: state.facts,
      person: state.registration.person,
      casemanager: state.registration.casemanager,
      caseReference: state.caseReference,
      government: partner.government,
    });
    const now = new Date(Date.now()).toISOString();
    const webhook = partner.delivery === 'webhook';
    const request: PartnerRequest = {
      id: uuid4(),
      detentionId: state.detentionId,
      stepInstanceId: step.instanceId,
      type,
      recipient,
      routedTo: target,
      partnerId: partner.id,
      government: partner.government,
      status: 'sent',
      dueDate: requestDueDate(playbook, type, this.ctx.today(), state.facts),
      data: payload.data,
      sentAt: now,
      acknowledgedAt: null,
      chasedAt: null,
      escalatedAt: null,
      withdrawnAt: null,
      withdrawReason: null,
      closedAt: null,
      reference: null,
      reason: null,
      delivery: webhook ? 'pending' : 'inbox',
      deliveredAt: webhook ? null : now,
      deliveryError: null,
      deadlines: requestDeadlines(playbook, type, this.ctx.today()),
      disclosure: { fields: payload.fields, basis: payload.basis },
      updates: 0,
      version: 1,
    };
    state.requests[request.id] = request;
    this.ctx.outbox.request(request);
    this.event({
      type: 'request-sent',
      summary: `${this.title(type)} sent to ${partner.name}${rerouted ? ' (re-routed)' : ''}${webhook ? '' : ' (inbox)'}`,
      actor: ruleActor(step.rule, step.title),
      stepInstanceId: step.instanceId,
      requestId: request.id,
      data: { partnerId: partner.id, dueDate: request.dueDate, fields: payload.fields },
    });
    if (webhook) this.queue(request, 'request');
    else this.disclosed(request, 'request', request.id, payload.fields);
  }

  /**
   * Withdraws an open request; a partner that got it by webhook gets a withdrawal message, and follow-up tasks
   * about it (partner unreachable, declined, not acknowledged) are cancelled with it.
   */
  withdraw(request: PartnerRequest, told: WithdrawalReason, reason: string): void {
    if (!isOpenRequest(request.status)) return;
    for (const task of Object.values(this.state.tasks)) {
      if (task.context?.requestId === request.id) this.ctx.cancelTask(task, 'request withdrawn');
    }
    request.status = 'withdrawn';
    request.withdrawnAt = new Date(Date.now()).toISOString();
    request.withdrawReason = told;
    this.changed(request);
    this.event({
      type: 'request-withdrawn',
      summary: `${this.title(request.type)} withdrawn: ${reason}`,
      actor: systemActor('re-planning'),
      requestId: request.id,
      stepInstanceId: request.stepInstanceId,
    });
    if (request.delivery === 'pending' || request.delivery === 'delivered') this.queue(request, 'withdrawal');
  }

  /** Open requests whose due date follows the facts get the new date, and webhook partners an update. */
  refreshDueDates(): void {
    for (const request of Object.values(this.state.requests)) {
      if (!isOpenRequest(request.status)) continue;
      const due = requestDueDate(
        this.ctx.playbook,
        request.type,
        amsterdamDate(Date.parse(request.sentAt)),
        this.state.facts,
      );
      if (due === request.dueDate) continue;
      request.dueDate = due;
      this.changed(request);
      this.event({
        type: 'request-updated',
        summary: `${this.title(request.type)}: due date now ${due ?? 'unknown'}`,
        actor: systemActor('re-planning'),
        requestId: request.id,
      });
      if (request.delivery === 'pending' || request.delivery === 'delivered') {
        request.updates++;
        this.queue(request, 'update');
      }
    }
  }

  // --- webhook delivery -------------------------------------------------------------------------------------

  private queue(request: PartnerRequest, event: MessageEvent): void {
    const key =
      event === 'request'
        ? request.id
        : event === 'update'
          ? `${request.id}:update:${request.updates}`
          : `${request.id}:withdrawal`;
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
        data: event === 'withdrawal' ? {} : request.data,
        ...(request.deadlines.length
          ? { deadlines: request.deadlines.map((d) => ({ name: d.name, dueDate: d.dueDate })) }
          : {}),
        ...(event === 'withdrawal' && request.withdrawReason ? { reason: request.withdrawReason } : {}),
      },
      createdAt: new Date(Date.now()).toISOString(),
    };
    this.toStart.add(key);
  }

  /** Every delivery not finished is started again — after a continue-as-new, the new run carries them on. */
  resumeDeliveries(): void {
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

  get deliveriesInFlight(): number {
    return this.inFlight.size;
  }

  private start(key: string): void {
    if (this.inFlight.has(key)) return;
    const delivery = this.state.deliveries[key];
    const window = Math.max(
      deliveryEscalationAt(this.ctx.playbook, Date.parse(delivery.createdAt)) - Date.now(),
      60_000,
    );
    this.inFlight.add(key);
    // Runs beside the main loop (an outage can last days); the outcome comes back through `reconcile`.
    void deliveryActivity(window)(delivery)
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
        this.inFlight.delete(key);
        this.deliveryOutcomes.push(outcome);
        this.ctx.wake();
      });
  }

  private applyDelivery(outcome: DeliveryOutcome): void {
    const delivery = this.state.deliveries[outcome.key];
    if (!delivery) return;
    delete this.state.deliveries[outcome.key];
    const request = this.state.requests[delivery.requestId];
    const event = delivery.body.event;
    const what = `${this.title(request.type)}${event === 'request' ? '' : ` ${event}`}`;
    if (outcome.ok) {
      if (event === 'request') {
        request.delivery = 'delivered';
        request.deliveredAt = new Date(Date.now()).toISOString();
        this.changed(request);
      }
      this.event({
        type: 'request-delivered',
        summary: `${what} delivered to ${request.partnerId}`,
        actor: systemActor('webhook'),
        requestId: request.id,
      });
      this.disclosed(
        request,
        event,
        delivery.key,
        event === 'withdrawal' ? ['caseReference'] : request.disclosure.fields,
      );
      return;
    }
    if (event === 'request') {
      request.delivery = outcome.kind === 'rejected' ? 'rejected' : 'failed';
      request.deliveryError = outcome.error.slice(0, 500);
      this.changed(request);
    }
    this.event({
      type: outcome.kind === 'rejected' ? 'request-rejected' : 'request-delivery-failed',
      summary:
        outcome.kind === 'rejected'
          ? `${what} refused by ${request.partnerId}: ${outcome.error}`
          : `${what} could not be delivered to ${request.partnerId} (outage): ${outcome.error}`,
      actor: systemActor('webhook'),
      requestId: request.id,
    });
    this.ctx.createTask({
      type: 'request-follow-up',
      role: 'municipality',
      title:
        outcome.kind === 'rejected'
          ? `Contact partner ${request.partnerId} manually: "${what}" was refused`
          : `Partner ${request.partnerId} unreachable: deliver "${what}" another way`,
      dueDate: this.ctx.today(),
      stepInstanceId: request.stepInstanceId,
      context: {
        requestId: request.id,
        reason: outcome.kind === 'rejected' ? 'partner-rejected' : 'partner-unreachable',
      },
      actor: systemActor('webhook'),
    });
  }

  private disclosed(request: PartnerRequest, event: MessageEvent, key: string, fields: string[]): void {
    this.ctx.outbox.disclosure({
      key,
      requestId: request.id,
      partnerId: request.partnerId,
      event,
      fields,
      basis: event === 'withdrawal' ? 'withdrawal of an earlier request' : request.disclosure.basis,
      at: new Date(Date.now()).toISOString(),
    });
  }

  // --- partner answers ----------------------------------------------------------------------------------------

  receive(response: PartnerResponse): void {
    this.responses.push(response);
    this.ctx.wake();
  }

  /** Answers received but not yet applied (at a continue-as-new, the next run applies them). */
  unapplied(): PartnerResponse[] {
    return [...this.responses];
  }

  private applyResponse(response: PartnerResponse): void {
    if (this.appliedResponses.has(response.responseId)) return;
    this.appliedResponses.add(response.responseId);
    const request = this.state.requests[response.requestId];
    if (!request) return log.warn('response for an unknown request ignored', { requestId: response.requestId });
    const verdict = judgeResponse(request.status, response.status, this.ctx.playbook.requestTypes[request.type].notice);
    const title = this.title(request.type);
    const actor = { kind: 'partner' as const, id: response.partnerId, label: `partner ${response.partnerId}` };
    if (verdict.kind !== 'apply') {
      if (verdict.kind === 'withdrawn') {
        this.event({
          type: 'request-response-ignored',
          summary: `${title}: ${response.status} received after withdrawal`,
          actor,
          requestId: request.id,
        });
      }
      return;
    }
    request.status = response.status;
    request.reference = response.reference ?? request.reference;
    request.reason = response.reason ?? request.reason;
    if (request.acknowledgedAt === null && response.status !== 'received') request.acknowledgedAt = response.receivedAt;
    if (!isOpenRequest(request.status)) request.closedAt = response.receivedAt;
    for (const deadline of request.deadlines) {
      if (deadline.state === 'open' && deadline.metWhen.includes(response.status)) {
        deadline.state = 'met';
        deadline.at = response.receivedAt;
      }
    }
    this.changed(request);
    this.event({
      type: 'request-response',
      summary: `${title}: ${response.status}${response.reason ? ` (${response.reason})` : ''}`,
      actor,
      requestId: request.id,
      stepInstanceId: request.stepInstanceId,
      data: { status: response.status },
    });
    if (response.status === 'declined') {
      this.ctx.createTask({
        type: 'request-follow-up',
        role: 'municipality',
        title: `${title} declined: find another route`,
        dueDate: this.ctx.today(),
        stepInstanceId: request.stepInstanceId,
        context: { requestId: request.id, reason: response.reason ?? 'declined' },
        actor: systemActor(`partner ${response.partnerId}`),
      });
    }
  }

  // --- SLAs and deadlines ---------------------------------------------------------------------------------------

  /** What each open request waits for next. */
  private schedule(): { request: PartnerRequest; next: FollowUp }[] {
    return Object.values(this.state.requests).flatMap((request) => {
      const next = nextFollowUp(this.ctx.playbook, {
        type: request.type,
        status: request.status,
        deliveredAt: request.deliveredAt ? Date.parse(request.deliveredAt) : null,
        chasedAt: request.chasedAt ? Date.parse(request.chasedAt) : null,
        escalatedAt: request.escalatedAt ? Date.parse(request.escalatedAt) : null,
        deadlines: request.deadlines,
      });
      return next ? [{ request, next }] : [];
    });
  }

  nextFollowUpAt(): number | null {
    const times = this.schedule().map((f) => f.next.at);
    return times.length ? Math.min(...times) : null;
  }

  private runFollowUps(): void {
    // Several follow-ups of one request can be due at once (after an outage): loop until none is.
    for (let guard = 0; guard < 20; guard++) {
      const due = this.schedule().filter((f) => f.next.at <= Date.now());
      if (!due.length) return;
      for (const { request, next } of due) this.followUp(request, next);
    }
  }

  private followUp(request: PartnerRequest, next: FollowUp): void {
    const title = this.title(request.type);
    const now = new Date(Date.now()).toISOString();
    if (next.action === 'chase') {
      request.chasedAt = now;
      this.event({
        type: 'request-chased',
        summary: `${title}: not acknowledged in time, chased`,
        actor: ruleActor('SLA', 'acknowledgement'),
        requestId: request.id,
      });
    } else if (next.action === 'escalate') {
      request.escalatedAt = now;
      this.ctx.createTask({
        type: 'request-follow-up',
        role: 'municipality',
        title: `${title} not acknowledged by partner ${request.partnerId}: follow up`,
        dueDate: this.ctx.today(),
        stepInstanceId: request.stepInstanceId,
        context: { requestId: request.id, reason: 'not-acknowledged' },
        actor: ruleActor('SLA', 'escalation'),
      });
    } else {
      const deadline = request.deadlines.find((d) => d.name === next.deadline)!;
      deadline.state = 'missed';
      deadline.at = now;
      this.event({
        type: 'request-deadline-missed',
        summary: `${title}: ${deadline.name} deadline ${deadline.dueDate} passed`,
        actor: ruleActor('SLA', `${deadline.name} deadline`),
        requestId: request.id,
        data: { deadline: deadline.name, dueDate: deadline.dueDate },
      });
    }
    this.changed(request);
  }

  /** Applies what arrived (answers, delivery outcomes) and runs the follow-ups that are due. */
  reconcile(followUps: boolean): void {
    while (this.responses.length) this.applyResponse(this.responses.shift()!);
    while (this.deliveryOutcomes.length) this.applyDelivery(this.deliveryOutcomes.shift()!);
    if (followUps) this.runFollowUps();
  }
}

/** The delivery window closed: say why the last attempt failed. */
function lastError(timeout: TimeoutFailure): string {
  return (timeout.cause as Error | undefined)?.message ?? 'no answer within the delivery window';
}
