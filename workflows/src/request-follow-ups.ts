import type { PartnerRequest } from '@terugkeer/contracts';
import { nextFollowUp, type FollowUp } from '@terugkeer/domain';
import { ruleActor } from './actors';
import type { PartnerRequests } from './partner-requests';

/**
 * The acknowledgement SLA and tracked deadlines of open requests: chased once, then escalated to the
 * municipality coordinator; a deadline whose date passed is marked missed.
 */
export class RequestFollowUps {
  constructor(private readonly ledger: PartnerRequests) {}

  /** What each open request waits for next. */
  private schedule(): { request: PartnerRequest; next: FollowUp }[] {
    return Object.values(this.ledger.state.requests).flatMap((request) => {
      const next = nextFollowUp(this.ledger.playbook, {
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

  nextAt(): number | null {
    const times = this.schedule().map((f) => f.next.at);
    return times.length ? Math.min(...times) : null;
  }

  run(): void {
    // Several follow-ups of one request can be due at once (after an outage): loop until none is.
    for (let guard = 0; guard < 20; guard++) {
      const due = this.schedule().filter((f) => f.next.at <= Date.now());
      if (!due.length) return;
      for (const { request, next } of due) this.followUp(request, next);
    }
  }

  private followUp(request: PartnerRequest, next: FollowUp): void {
    const { ledger } = this;
    const title = ledger.title(request.type);
    const now = new Date(Date.now()).toISOString();
    if (next.action === 'chase') {
      request.chasedAt = now;
      // Rule 7: the chase reaches the partner — a reminder message by webhook; an inbox shows the chased flag.
      const remind = ledger.edgeRules && request.delivery === 'delivered';
      ledger.event({
        type: 'request-chased',
        summary: `${title}: not acknowledged in time, chased${remind ? ' (reminder sent)' : ''}`,
        actor: ruleActor('SLA', 'acknowledgement'),
        requestId: request.id,
      });
      if (remind) ledger.deliveries.queue(request, 'reminder');
    } else if (next.action === 'escalate') {
      request.escalatedAt = now;
      ledger.tasks.create({
        type: 'request-follow-up',
        role: ledger.followUpRole(request.recipient),
        title: `${title} not acknowledged by partner ${request.partnerId}: follow up`,
        dueDate: ledger.today(),
        stepInstanceId: request.stepInstanceId,
        context: { requestId: request.id, reason: 'not-acknowledged' },
        actor: ruleActor('SLA', 'escalation'),
      });
    } else {
      const deadline = request.deadlines.find((d) => d.name === next.deadline)!;
      deadline.state = 'missed';
      deadline.at = now;
      ledger.event({
        type: 'request-deadline-missed',
        summary: `${title}: ${deadline.name} deadline ${deadline.dueDate} passed`,
        actor: ruleActor('SLA', `${deadline.name} deadline`),
        requestId: request.id,
        data: { deadline: deadline.name, dueDate: deadline.dueDate },
      });
      if (ledger.edgeRules) this.deadlineMissed(request, deadline.name, deadline.dueDate);
    }
    ledger.changed(request);
  }

  /** Rule 7: every missed partner term raises a task for the party that can act. */
  private deadlineMissed(request: PartnerRequest, name: string, dueDate: string): void {
    const { ledger } = this;
    ledger.tasks.create({
      type: 'request-follow-up',
      role: ledger.followUpRole(request.recipient),
      title: `${ledger.title(request.type)}: the ${name} term of partner ${request.partnerId} passed on ${dueDate}: follow up`,
      dueDate: ledger.today(),
      stepInstanceId: request.stepInstanceId,
      context: { requestId: request.id, reason: `${name}-deadline-missed` },
      actor: ruleActor('SLA', `${name} deadline`),
    });
  }
}
