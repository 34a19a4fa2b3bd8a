import type { Provider } from '@nestjs/common';

/** Injection token of the activities object handed to the Temporal Worker. */
export const ACTIVITIES = Symbol('ACTIVITIES');

export type ActivityFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * Binds the activity methods of the Nest activity services into the one object the Worker registers.
 * Activities are Nest providers (constructor injection); the workflow only knows their interface.
 */
export const activitiesProvider: Provider = {
  provide: ACTIVITIES,
  useFactory: (): ActivityFunctions => ({}),
  inject: [],
};
