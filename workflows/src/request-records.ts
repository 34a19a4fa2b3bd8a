import type { DetentionState, PartnerRef, PartnerRequest } from '@terugkeer/contracts';
import {
  amsterdamDate,
  buildRequestData,
  requestDeadlines,
  requestDueDate,
  type PlannedStep,
  type Playbook,
  type RecipientKind,
  type RequestType,
} from '@terugkeer/domain';
import { uuid4 } from '@temporalio/workflow';

/** The minimal payload of a request from the facts as they are now, naming the casemanager to contact now. */
export function requestPayload(state: DetentionState, type: RequestType, government: boolean) {
  return buildRequestData(type, {
    facts: state.facts,
    person: state.registration.person,
    casemanager: state.casemanager ?? state.registration.casemanager,
    caseReference: state.caseReference,
    government,
  });
}

/** A new ledger entry: a request of a step to a partner, with its minimal payload, due date and deadlines. */
export function newPartnerRequest(
  state: DetentionState,
  playbook: Playbook,
  to: { type: RequestType; recipient: RecipientKind; routedTo: string; partner: PartnerRef; step: PlannedStep },
  edgeRules: boolean,
): PartnerRequest {
  const { type, partner } = to;
  const payload = requestPayload(state, type, partner.government);
  const now = new Date(Date.now()).toISOString();
  const today = amsterdamDate(Date.now());
  const webhook = partner.delivery === 'webhook';
  return {
    id: uuid4(),
    detentionId: state.detentionId,
    stepInstanceId: to.step.instanceId,
    type,
    recipient: to.recipient,
    routedTo: to.routedTo,
    partnerId: partner.id,
    government: partner.government,
    status: 'sent',
    dueDate: requestDueDate(playbook, type, today, state.facts),
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
    deadlines: requestDeadlines(playbook, type, today, {
      threatening: edgeRules && !!state.facts.needs.debtsThreatening,
    }),
    disclosure: { fields: payload.fields, basis: payload.basis },
    updates: 0,
    version: 1,
  };
}
