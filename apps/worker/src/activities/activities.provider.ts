import type { Provider } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { redactValues } from '@terugkeer/config';
import type { DetentionActivities } from '@terugkeer/contracts';
import { LifecycleActivities } from './lifecycle.activities';
import { PartnerRegistryActivities } from './partner-registry.activities';
import { ProjectionActivities } from './projection.activities';
import { WebhookDeliveryActivities } from './webhook-delivery.activities';

/** Injection token of the activities object handed to the Temporal Worker. */
export const ACTIVITIES = Symbol('ACTIVITIES');

export const ACTIVITY_SERVICES = [
  ProjectionActivities,
  PartnerRegistryActivities,
  LifecycleActivities,
  WebhookDeliveryActivities,
];

/**
 * What an activity throws reaches Temporal's history (unencrypted failure messages) and the worker's log. Our own
 * failures (ApplicationFailure) say nothing personal; anything else — a TypeORM error carries the SQL parameters,
 * BSNs among them — is replaced by its type and its message with quoted values taken out. Retries stay as they were.
 */
export function withoutPersonalData<A extends unknown[], R>(activity: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await activity(...args);
    } catch (error) {
      if (error instanceof ApplicationFailure) throw error;
      const name = error instanceof Error ? error.name : 'Error';
      const message = redactValues(error instanceof Error ? error.message : String(error));
      throw ApplicationFailure.create({ type: name, message, nonRetryable: false });
    }
  };
}

/**
 * Binds the activity methods of the Nest activity services into the one object the Worker registers.
 * Typed against the contract: a missing activity is a compile error.
 */
export const activitiesProvider: Provider = {
  provide: ACTIVITIES,
  useFactory: (
    projection: ProjectionActivities,
    registry: PartnerRegistryActivities,
    lifecycle: LifecycleActivities,
    webhooks: WebhookDeliveryActivities,
  ): DetentionActivities => ({
    projectDetention: withoutPersonalData((batch) => projection.projectDetention(batch)),
    resolvePartner: withoutPersonalData((query) => registry.resolvePartner(query)),
    closePreviousDetention: withoutPersonalData((input) => lifecycle.closePreviousDetention(input)),
    deliverMessage: withoutPersonalData((message) => webhooks.deliverMessage(message)),
  }),
  inject: ACTIVITY_SERVICES,
};
