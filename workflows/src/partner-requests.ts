import type {
  DetentionActivities,
  DetentionState,
  MessageEvent,
  PartnerRequest,
  PartnerResponse,
  TimelineEvent,
} from '@terugkeer/contracts';
import {
  amsterdamDate,
  isOpenRequest,
  prisonMunicipality,
  requestDueDate,
  type CalendarDate,
  type PlannedStep,
  type Playbook,
  type RecipientKind,
  type RequestType,
  type WithdrawalReason,
} from '@terugkeer/domain';
import { proxyActivities } from '@temporalio/workflow';
import { ruleActor, systemActor } from './actors';
import type { CaseTasks } from './case-tasks';
import type { Outbox } from './outbox';
import { PartnerResponses } from './partner-responses';
import { RequestFollowUps } from './request-follow-ups';
import type { Turns } from './turns';
import { newPartnerRequest } from './request-records';
import { WebhookDeliveries, type DeliveryOutcome } from './webhook-deliveries';

const { resolvePartner } = proxyActivities<DetentionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The partner request ledger of one detention: sending (to the registry's partner for the type and
 * municipality), updates and withdrawals, signed webhook delivery, partner answers, acknowledgement SLAs and
 * tracked deadlines.
 */
export class PartnerRequests {
  readonly deliveries: WebhookDeliveries;
  private readonly responses: PartnerResponses;
  private readonly followUps: RequestFollowUps;

  constructor(
    readonly state: DetentionState,
    private readonly outbox: Outbox,
    readonly playbook: Playbook,
    readonly tasks: CaseTasks,
    turns: Turns,
  ) {
    this.deliveries = new WebhookDeliveries(state, playbook, turns);
    this.responses = new PartnerResponses(this, turns);
    this.followUps = new RequestFollowUps(this);
  }

  today(): CalendarDate {
    return amsterdamDate(Date.now());
  }

  title(type: RequestType): string {
    return this.playbook.requestTypes[type].title;
  }

  event(event: Omit<TimelineEvent, 'seq' | 'at'>): void {
    this.outbox.event(event);
  }

  changed(request: PartnerRequest): void {
    request.version++;
    this.outbox.request(request);
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
    const target = this.routedTo(recipient);
    const partner = await resolvePartner({ type, recipient, routedTo: target });
    if (!partner) return this.undeliverable(type, target, step);
    const request = newPartnerRequest(this.state, this.playbook, { type, recipient, routedTo: target, partner, step });
    this.state.requests[request.id] = request;
    this.outbox.request(request);
    const webhook = partner.delivery === 'webhook';
    this.event({
      type: 'request-sent',
      summary: `${this.title(type)} sent to ${partner.name}${rerouted ? ' (re-routed)' : ''}${webhook ? '' : ' (inbox)'}`,
      actor: ruleActor(step.rule, step.title),
      stepInstanceId: step.instanceId,
      requestId: request.id,
      data: { partnerId: partner.id, dueDate: request.dueDate, fields: request.disclosure.fields },
    });
    if (webhook) this.deliveries.queue(request, 'request');
    else this.disclosed(request, 'request', request.id, request.disclosure.fields);
  }

  private undeliverable(type: RequestType, target: string, step: PlannedStep): void {
    this.event({
      type: 'request-undeliverable',
      summary: `${this.title(type)}: no partner registered for ${target}`,
      actor: systemActor('partner registry'),
      stepInstanceId: step.instanceId,
    });
    this.tasks.create({
      type: 'request-follow-up',
      role: 'municipality',
      title: `Arrange "${this.title(type)}" another way: no partner registered for ${target}`,
      dueDate: this.today(),
      stepInstanceId: step.instanceId,
      context: { reason: 'no-partner' },
      actor: systemActor('partner registry'),
    });
  }

  /**
   * Withdraws an open request; a partner that got it by webhook gets a withdrawal message, and follow-up tasks
   * about it (partner unreachable, declined, not acknowledged) are cancelled with it.
   */
  withdraw(request: PartnerRequest, told: WithdrawalReason, reason: string): void {
    if (!isOpenRequest(request.status)) return;
    for (const task of this.tasks.all) {
      if (task.context?.requestId === request.id) this.tasks.cancel(task, 'request withdrawn');
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
    if (request.delivery === 'pending' || request.delivery === 'delivered')
      this.deliveries.queue(request, 'withdrawal');
  }

  /** Open requests whose due date follows the facts get the new date, and webhook partners an update. */
  refreshDueDates(): void {
    for (const request of Object.values(this.state.requests)) {
      if (!isOpenRequest(request.status)) continue;
      const sentOn = amsterdamDate(Date.parse(request.sentAt));
      const due = requestDueDate(this.playbook, request.type, sentOn, this.state.facts);
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
        this.deliveries.queue(request, 'update');
      }
    }
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
      const fields = event === 'withdrawal' ? ['caseReference'] : request.disclosure.fields;
      return this.disclosed(request, event, delivery.key, fields);
    }
    if (event === 'request') {
      request.delivery = outcome.kind === 'rejected' ? 'rejected' : 'failed';
      request.deliveryError = outcome.error.slice(0, 500);
      this.changed(request);
    }
    this.deliveryFailed(request, what, outcome);
  }

  private deliveryFailed(request: PartnerRequest, what: string, outcome: DeliveryOutcome & { ok: false }): void {
    const rejected = outcome.kind === 'rejected';
    this.event({
      type: rejected ? 'request-rejected' : 'request-delivery-failed',
      summary: rejected
        ? `${what} refused by ${request.partnerId}: ${outcome.error}`
        : `${what} could not be delivered to ${request.partnerId} (outage): ${outcome.error}`,
      actor: systemActor('webhook'),
      requestId: request.id,
    });
    this.tasks.create({
      type: 'request-follow-up',
      role: 'municipality',
      title: rejected
        ? `Contact partner ${request.partnerId} manually: "${what}" was refused`
        : `Partner ${request.partnerId} unreachable: deliver "${what}" another way`,
      dueDate: this.today(),
      stepInstanceId: request.stepInstanceId,
      context: { requestId: request.id, reason: rejected ? 'partner-rejected' : 'partner-unreachable' },
      actor: systemActor('webhook'),
    });
  }

  private disclosed(request: PartnerRequest, event: MessageEvent, key: string, fields: string[]): void {
    this.outbox.disclosure({
      key,
      requestId: request.id,
      partnerId: request.partnerId,
      event,
      fields,
      basis: event === 'withdrawal' ? 'withdrawal of an earlier request' : request.disclosure.basis,
      at: new Date(Date.now()).toISOString(),
    });
  }

  /** A partner's answer, applied in the next turn. */
  receive(response: PartnerResponse): void {
    this.responses.receive(response);
  }

  /** Answers received but not yet applied (at a continue-as-new, the next run applies them). */
  unapplied(): PartnerResponse[] {
    return this.responses.unapplied();
  }

  nextFollowUpAt(): number | null {
    return this.followUps.nextAt();
  }

  /** Applies what arrived (answers, delivery outcomes) and runs the follow-ups that are due. */
  reconcile(followUps: boolean): void {
    this.responses.applyPending();
    for (const outcome of this.deliveries.takeOutcomes()) this.applyDelivery(outcome);
    if (followUps) this.followUps.run();
  }
}
