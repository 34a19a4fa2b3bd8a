import type { DetentionActivities, MessageEvent } from '@terugkeer/contracts';
import { proxyActivities } from '@temporalio/workflow';

/** Withdrawing a request stops the delivery of its data when it has not arrived yet. */
export const DROP_WITHDRAWN_DATA_PATCH = 'drop-withdrawn-data';
/**
 * A request message whose outage window closed is retried at a slower pace after its escalation, and its delivery
 * closes the follow-up task (runs since then; before, it stayed undelivered once escalated).
 */
export const REDELIVER_AFTER_OUTAGE_PATCH = 'redeliver-after-outage';

/** Messages that disclose nothing new say so; a request and its updates carry their own basis. */
export const DISCLOSURE_BASIS: Partial<Record<MessageEvent, string>> = {
  withdrawal: 'withdrawal of an earlier request',
  reminder: 'reminder of an earlier request',
  closed: 'end of coordination of an earlier request',
};

export const { resolvePartner } = proxyActivities<DetentionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
