import type { PartnerRequest } from '@terugkeer/contracts';
import { amsterdamDate, isOpenRequest, REQUEST_CONDITION, requestDueDate } from '@terugkeer/domain';
import { patched } from '@temporalio/workflow';
import { systemActor } from './actors';
import type { PartnerRequests } from './partner-requests';
import { requestPayload } from './request-records';

/** A webhook message not delivered yet is refreshed when the data it carries change (instead of waiting for it). */
export const REFRESH_ON_ITS_WAY_PATCH = 'refresh-on-its-way';

/**
 * What partners holding a request hear after it was sent: the facts it carries changed (rule 4), or the case's
 * coordination ended while their service goes on (rule 12).
 */
export class RequestUpdates {
  constructor(private readonly ledger: PartnerRequests) {}

  /** Detentions that started before the rules at the edges: only a moved due date is told, when R moves. */
  refreshDueDates(): void {
    const { ledger } = this;
    for (const request of Object.values(ledger.state.requests)) {
      if (!isOpenRequest(request.status)) continue;
      const sentOn = amsterdamDate(Date.parse(request.sentAt));
      const due = requestDueDate(ledger.playbook, request.type, sentOn, ledger.state.facts);
      if (due === request.dueDate) continue;
      request.dueDate = due;
      ledger.changed(request);
      ledger.event({
        type: 'request-updated',
        summary: `${ledger.title(request.type)}: due date now ${due ?? 'unknown'}`,
        actor: systemActor('re-planning'),
        requestId: request.id,
      });
      if (request.delivery === 'pending' || request.delivery === 'delivered') {
        request.updates++;
        ledger.deliveries.queue(request, 'update');
      }
    }
  }

  /**
   * Everyone who holds a date hears when it moves (rule 4): every open request and every notice a partner has
   * gets its data rebuilt from the facts as they are now (expected release, prison, casemanager, municipality,
   * what the detainee consents to share); when that or its due date differs from what the partner has, it gets
   * an `update` carrying the new data. A request still on its way is compared once it arrived.
   */
  announce(): void {
    const { ledger } = this;
    for (const request of Object.values(ledger.state.requests)) {
      const held = this.heldBy(request);
      if (!held) continue;
      const payload = requestPayload(ledger.state, request.type, request.government);
      const sentOn = amsterdamDate(Date.parse(request.sentAt));
      const due = requestDueDate(ledger.playbook, request.type, sentOn, ledger.state.facts);
      const fields = [...new Set([...Object.keys(request.data), ...Object.keys(payload.data)])].filter(
        (field) => JSON.stringify(request.data[field]) !== JSON.stringify(payload.data[field]),
      );
      const dueMoved = due !== request.dueDate;
      if (!fields.length && !dueMoved) continue;
      // A message still on its way takes the data as they are now: what consent no longer allows never leaves.
      if (held === 'on-its-way' && !patched(REFRESH_ON_ITS_WAY_PATCH)) continue;
      request.data = payload.data;
      request.dueDate = due;
      request.disclosure = { fields: payload.fields, basis: payload.basis };
      const what = [...fields, ...(dueMoved ? ['dueDate'] : [])];
      if (held === 'on-its-way') {
        ledger.changed(request);
        ledger.deliveries.refresh(request);
        ledger.event({
          type: 'request-updated',
          summary: `${ledger.title(request.type)}: the message on its way to ${request.partnerId} now carries the new data (${what.join(', ')})`,
          actor: systemActor('re-planning'),
          requestId: request.id,
          data: { fields, dueDate: due },
        });
        continue;
      }
      request.updates++;
      ledger.changed(request);
      ledger.event({
        type: 'request-updated',
        summary: `${ledger.title(request.type)}: update to ${request.partnerId} (${what.join(', ')})`,
        actor: systemActor('re-planning'),
        requestId: request.id,
        data: { fields, dueDate: due },
      });
      if (request.delivery === 'delivered') ledger.deliveries.queue(request, 'update');
      else ledger.disclosed(request, 'update', `${request.id}:update:${request.updates}`, payload.fields);
    }
  }

  /**
   * Does the partner hold this request's data now (`arrived`), or will it once the message on its way arrives? An
   * open request, or a notice it took note of — unless a later request of the same step went to another
   * organisation (a new municipality): the former one hears nothing more.
   */
  private heldBy(request: PartnerRequest): 'arrived' | 'on-its-way' | null {
    const notice = this.ledger.playbook.requestTypes[request.type].notice;
    const standing = isOpenRequest(request.status) || (notice && request.status !== 'withdrawn');
    const arrived = request.delivery === 'delivered' || request.delivery === 'inbox';
    // The ledger keeps requests in the order they were sent.
    const ledger = Object.values(this.ledger.state.requests);
    const superseded = ledger
      .slice(ledger.indexOf(request) + 1)
      .some(
        (later) =>
          later.stepInstanceId === request.stepInstanceId &&
          later.recipient === request.recipient &&
          later.type === request.type,
      );
    if (!standing || superseded || request.coordinationEndedAt) return null;
    return arrived ? 'arrived' : request.delivery === 'pending' ? 'on-its-way' : null;
  }

  /**
   * Revocation reaches every recipient (rule 5): a partner that already closed a request (completed, declined)
   * before the detainee withdrew consent for its condition is told to stop processing what it holds — a
   * withdrawal message with `consent-withdrawn`, without data; what it did stays done. Open requests are withdrawn
   * by the plan; notices get an update without the condition (`announce`).
   */
  revocations(): void {
    const { ledger } = this;
    for (const request of Object.values(ledger.state.requests)) {
      const condition = REQUEST_CONDITION[request.type];
      if (!condition || ledger.state.facts.consent[condition] !== false || request.consentWithdrawnAt) continue;
      const closed = !isOpenRequest(request.status) && request.status !== 'withdrawn';
      if (!closed || (request.delivery !== 'delivered' && request.delivery !== 'inbox')) continue;
      request.consentWithdrawnAt = new Date(Date.now()).toISOString();
      request.withdrawReason = 'consent-withdrawn';
      ledger.changed(request);
      ledger.event({
        type: 'request-consent-withdrawn',
        summary: `${ledger.title(request.type)}: ${request.partnerId} told to stop processing (consent withdrawn)`,
        actor: systemActor('re-planning'),
        requestId: request.id,
        stepInstanceId: request.stepInstanceId,
      });
      for (const task of ledger.tasks.all) {
        if (task.context?.requestId === request.id) ledger.tasks.cancel(task, 'consent withdrawn');
      }
      if (request.delivery === 'delivered') ledger.deliveries.queue(request, 'withdrawal');
      else ledger.disclosed(request, 'withdrawal', `${request.id}:withdrawal`, ['caseReference']);
    }
  }

  /** Aftercare ended: the partner of an accepted or waitlisted service is told coordination ended, not withdrawn. */
  endCoordination(request: PartnerRequest): void {
    const { ledger } = this;
    request.coordinationEndedAt = new Date(Date.now()).toISOString();
    ledger.changed(request);
    ledger.event({
      type: 'request-coordination-ended',
      summary: `${ledger.title(request.type)}: ${request.partnerId} told that coordination ended; its service goes on`,
      actor: systemActor('aftercare'),
      requestId: request.id,
      stepInstanceId: request.stepInstanceId,
    });
    if (request.delivery === 'pending' || request.delivery === 'delivered') ledger.deliveries.queue(request, 'closed');
    else ledger.disclosed(request, 'closed', `${request.id}:closed`, ['caseReference']);
  }
}
