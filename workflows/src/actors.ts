import type { Actor, TimelineEvent } from '@terugkeer/contracts';

/** A person acting through the API, or Terugkeer itself (e.g. closing a case on re-detention). */
export const userActor = (actor: Actor): TimelineEvent['actor'] =>
  actor.role === 'system'
    ? { kind: 'system' as const, id: actor.sub, label: 'Terugkeer' }
    : { kind: 'user' as const, id: actor.sub, label: `${actor.role} ${actor.org}` };

/** A playbook rule (`R−8w`) or an SLA that made something happen. */
export const ruleActor = (rule: string, title: string): TimelineEvent['actor'] => ({
  kind: 'rule' as const,
  label: `${rule} ${title}`,
});

/** Terugkeer's own machinery: re-planning, the webhook, the partner registry. */
export const systemActor = (label: string): TimelineEvent['actor'] => ({ kind: 'system' as const, label });
