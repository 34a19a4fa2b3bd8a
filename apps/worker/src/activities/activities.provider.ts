import type { Provider } from '@nestjs/common';
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
    projectDetention: (batch) => projection.projectDetention(batch),
    resolvePartner: (query) => registry.resolvePartner(query),
    closePreviousDetention: (input) => lifecycle.closePreviousDetention(input),
    deliverMessage: (message) => webhooks.deliverMessage(message),
  }),
  inject: ACTIVITY_SERVICES,
};
