import type { PartnerRequest, PartnerResponse } from '@terugkeer/contracts';
import { isOpenRequest, judgeResponse, requestDeadlines } from '@terugkeer/domain';
import { log } from '@temporalio/workflow';
import { systemActor } from './actors';
import type { PartnerRequests } from './partner-requests';
import type { Turns } from './turns';

/**
 * Partner answers (signals, checked by the API against the ledger): queued as they arrive, applied in the
 * case's turn, each response id once, through the request state machine.
 */
export class PartnerResponses {
  private readonly queued: PartnerResponse[] = [];
  private readonly applied = new Set<string>();

  constructor(
    private readonly ledger: PartnerRequests,
    private readonly turns: Turns,
  ) {}

  receive(response: PartnerResponse): void {
    this.queued.push(response);
    this.turns.wake();
  }

  unapplied(): PartnerResponse[] {
    return [...this.queued];
  }

  applyPending(): void {
    while (this.queued.length) this.apply(this.queued.shift()!);
  }

  private apply(response: PartnerResponse): void {
    if (this.applied.has(response.responseId)) return;
    this.applied.add(response.responseId);
    const { ledger } = this;
    const request = ledger.state.requests[response.requestId];
    if (!request) return log.warn('response for an unknown request ignored', { requestId: response.requestId });
    const notice = ledger.playbook.requestTypes[request.type].notice;
    const verdict = judgeResponse(request.status, response.status, notice);
    const actor = { kind: 'partner' as const, id: response.partnerId, label: `partner ${response.partnerId}` };
    if (verdict.kind !== 'apply') {
      if (verdict.kind === 'withdrawn') {
        ledger.event({
          type: 'request-response-ignored',
          summary: `${ledger.title(request.type)}: ${response.status} received after withdrawal`,
          actor,
          requestId: request.id,
        });
      }
      return;
    }
    this.move(request, response);
    ledger.event({
      type: 'request-response',
      summary: `${ledger.title(request.type)}: ${response.status}${response.reason ? ` (${response.reason})` : ''}`,
      actor,
      requestId: request.id,
      stepInstanceId: request.stepInstanceId,
      data: { status: response.status },
    });
    if (response.status === 'declined') this.declined(request, response);
  }

  /** Moves the request to the answered status, meeting the deadlines that status meets. */
  private move(request: PartnerRequest, response: PartnerResponse): void {
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
    // Terms that count from acceptance (an ID issued within 5 working days of it) start now.
    if (response.status === 'accepted' && this.ledger.edgeRules) {
      const { playbook, state } = this.ledger;
      const threatening = !!state.facts.needs.debtsThreatening;
      const accepted = requestDeadlines(playbook, request.type, this.ledger.today(), { from: 'accepted', threatening });
      request.deadlines.push(...accepted.filter((d) => !request.deadlines.some((known) => known.name === d.name)));
    }
    this.ledger.changed(request);
    if (this.ledger.edgeRules && !isOpenRequest(request.status)) this.settle(request);
  }

  /**
   * A request the partner closed (completed, declined) settles its step: what was done stays done, and no later
   * correction of a date or a consent withdraws or repeats it (rule 3).
   */
  private settle(request: PartnerRequest): void {
    const { state } = this.ledger;
    const progress = state.progress[request.stepInstanceId];
    const open = Object.values(state.requests).some(
      (r) => r.stepInstanceId === request.stepInstanceId && isOpenRequest(r.status),
    );
    if (progress && !progress.withdrawnAt && !open) progress.settled = true;
  }

  private declined(request: PartnerRequest, response: PartnerResponse): void {
    this.ledger.tasks.create({
      type: 'request-follow-up',
      role: this.ledger.followUpRole(request.recipient),
      title: `${this.ledger.title(request.type)} declined: find another route`,
      dueDate: this.ledger.today(),
      stepInstanceId: request.stepInstanceId,
      context: { requestId: request.id, reason: response.reason ?? 'declined' },
      actor: systemActor(`partner ${response.partnerId}`),
    });
  }
}
