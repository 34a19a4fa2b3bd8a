import type {
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
  type CalendarDate,
  type PlannedStep,
  type Playbook,
  type RecipientKind,
  type RequestType,
  type TaskRole,
  type WithdrawalReason,
} from '@terugkeer/domain';
import { patched } from '@temporalio/workflow';
import { ruleActor, systemActor } from './actors';
import type { CaseTasks } from './case-tasks';
import type { Outbox } from './outbox';
import { PartnerResponses } from './partner-responses';
import { RequestFollowUps } from './request-follow-ups';
import type { Turns } from './turns';
import { newPartnerRequest } from './request-records';
import { RequestUpdates } from './request-updates';
import { WebhookDeliveries, type DeliveryOutcome } from './webhook-deliveries';
import {
  DISCLOSURE_BASIS,
  DROP_WITHDRAWN_DATA_PATCH,
  REDELIVER_AFTER_OUTAGE_PATCH,
  resolvePartner,
} from './partner-request-basics';

/** The partner request ledger of one detention: sending, updates, withdrawals, delivery, answers, SLAs, deadlines. */
export class PartnerRequests {
  readonly deliveries: WebhookDeliveries;
  readonly updates: RequestUpdates;
  private readonly responses: PartnerResponses;
  private readonly followUps: RequestFollowUps;

  constructor(
    readonly state: DetentionState,
    readonly outbox: Outbox,
    readonly playbook: Playbook,
    readonly tasks: CaseTasks,
    turns: Turns,
    /** The rules at the edges apply to this run (see EDGE_RULES_PATCH). */
    readonly edgeRules: boolean,
  ) {
    this.deliveries = new WebhookDeliveries(state, playbook, turns);
    this.responses = new PartnerResponses(this, turns);
    this.followUps = new RequestFollowUps(this);
    this.updates = new RequestUpdates(this);
  }

  /**
   * Who acts on a problem with a request (rule 8): during detention the casemanager for the ID application (at the
   * prison's municipality) and the probation notices; otherwise, and after release, the municipality coordinator.
   */
  followUpRole(recipient: RecipientKind): TaskRole {
    const prisonSide = recipient === 'prisonMunicipality' || recipient === 'probation';
    return this.edgeRules && prisonSide && this.state.phase === 'detained' ? 'casemanager' : 'municipality';
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

  async send(type: RequestType, to: RecipientKind, step: PlannedStep, rerouted = false): Promise<void> {
    // The prison's municipality issues ID cards to detainees; once released, the person's own municipality does.
    const recipient =
      this.edgeRules && to === 'prisonMunicipality' && this.state.phase !== 'detained' ? 'residenceMunicipality' : to;
    const target = this.routedTo(recipient);
    const partner = await resolvePartner({ type, recipient, routedTo: target });
    if (!partner) return this.undeliverable(type, recipient, target, step);
    const request = newPartnerRequest(
      this.state,
      this.playbook,
      { type, recipient, routedTo: target, partner, step },
      this.edgeRules,
    );
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

  private undeliverable(type: RequestType, recipient: RecipientKind, target: string, step: PlannedStep): void {
    this.event({
      type: 'request-undeliverable',
      summary: `${this.title(type)}: no partner registered for ${target}`,
      actor: systemActor('partner registry'),
      stepInstanceId: step.instanceId,
    });
    this.tasks.create({
      type: 'request-follow-up',
      role: this.followUpRole(recipient),
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
    // Its data, not delivered yet, do not go out any more (a revoked consent stops a pending delivery).
    if (request.delivery === 'pending' && patched(DROP_WITHDRAWN_DATA_PATCH) && this.deliveries.dropData(request.id)) {
      request.delivery = 'cancelled';
    }
    // Retried since its escalation: it does not go out any more either.
    if (request.delivery === 'failed' && this.deliveries.redelivering(request.id)) this.deliveries.dropData(request.id);
    this.changed(request);
    this.event({
      type: 'request-withdrawn',
      summary: `${this.title(request.type)} withdrawn: ${reason}`,
      actor: systemActor('re-planning'),
      requestId: request.id,
      stepInstanceId: request.stepInstanceId,
    });
    // A message stopped on its way may have arrived: the partner hears of the withdrawal all the same.
    if (['pending', 'delivered', 'cancelled'].includes(request.delivery)) this.deliveries.queue(request, 'withdrawal');
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
        if (delivery.escalatedAt) request.deliveryError = null;
        this.changed(request);
        if (delivery.restarted) {
          request.updates++;
          this.deliveries.queue(request, 'update');
        }
      }
      this.event({
        type: 'request-delivered',
        summary: `${what} delivered to ${request.partnerId}${delivery.escalatedAt ? ' after its outage' : ''}`,
        actor: systemActor('webhook'),
        requestId: request.id,
      });
      if (delivery.escalatedAt) this.reachableAgain(request);
      // A withdrawal, reminder or closing message names only the case reference.
      const fields = event === 'request' || event === 'update' ? request.disclosure.fields : ['caseReference'];
      return this.disclosed(request, event, delivery.key, fields);
    }
    if (event === 'request') {
      request.delivery = outcome.kind === 'rejected' ? 'rejected' : 'failed';
      request.deliveryError = outcome.error.slice(0, 500);
      this.changed(request);
    }
    // Retried since its escalation, and given up after all: its follow-up task is still open, no second one.
    if (delivery.escalatedAt) return this.redeliveryEnded(request, what, outcome);
    const redeliver = event === 'request' && outcome.kind === 'outage' && patched(REDELIVER_AFTER_OUTAGE_PATCH);
    this.deliveryFailed(request, what, outcome, redeliver);
    if (redeliver) {
      this.state.deliveries[outcome.key] = delivery;
      this.deliveries.redeliver(outcome.key);
    }
  }

  /** Delivered after its escalation: the follow-up task "deliver it another way" is not needed any more. */
  private reachableAgain(request: PartnerRequest): void {
    for (const task of this.tasks.all) {
      if (task.context?.requestId === request.id && task.context?.reason === 'partner-unreachable') {
        this.tasks.cancel(task, `delivered to ${request.partnerId} after its outage`);
      }
    }
  }

  private redeliveryEnded(request: PartnerRequest, what: string, outcome: DeliveryOutcome & { ok: false }): void {
    const rejected = outcome.kind === 'rejected';
    this.event({
      type: rejected ? 'request-rejected' : 'request-delivery-failed',
      summary: rejected
        ? `${what} refused by ${request.partnerId} after its outage: ${outcome.error}`
        : `${what} still not delivered to ${request.partnerId}; no longer retried: ${outcome.error}`,
      actor: systemActor('webhook'),
      requestId: request.id,
    });
  }

  private deliveryFailed(
    request: PartnerRequest,
    what: string,
    outcome: DeliveryOutcome & { ok: false },
    redelivering = false,
  ): void {
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
      role: this.followUpRole(request.recipient),
      title: rejected
        ? `Contact partner ${request.partnerId} manually: "${what}" was refused`
        : `Partner ${request.partnerId} unreachable: deliver "${what}" another way${
            redelivering ? ' (Terugkeer keeps trying every few hours; this task closes once it is delivered)' : ''
          }`,
      dueDate: this.today(),
      stepInstanceId: request.stepInstanceId,
      context: { requestId: request.id, reason: rejected ? 'partner-rejected' : 'partner-unreachable' },
      actor: systemActor('webhook'),
    });
  }

  disclosed(request: PartnerRequest, event: MessageEvent, key: string, fields: string[]): void {
    this.outbox.disclosure({
      key,
      requestId: request.id,
      partnerId: request.partnerId,
      event,
      fields,
      basis: DISCLOSURE_BASIS[event] ?? request.disclosure.basis,
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
