import type { RecipientKind, RequestType } from '@terugkeer/domain';
import type { PartnerRef, PendingDelivery, ProjectionBatch } from './detention.types';

/** A part of a projection batch the read models refused: which one and why (an SQLSTATE), never its values. */
export interface DeadLetter {
  kind: 'event' | 'task' | 'request' | 'disclosure' | 'detention';
  key: string;
  reason: string;
}

export interface ProjectionResult {
  deadLetters: DeadLetter[];
}

/**
 * The activities the detention workflow calls. Implemented by Nest providers in apps/worker; the workflow
 * imports only this interface (type-only).
 */
export interface DetentionActivities {
  /**
   * Applies a batch to the read models; idempotent (replays and duplicates leave the same result). A batch that
   * PostgreSQL keeps refusing is written without the refused parts after a few attempts: they come back as dead
   * letters (older workers answered nothing).
   */
  projectDetention(batch: ProjectionBatch): Promise<ProjectionResult | void>;
  /** The partner that handles this request type for this municipality / probation organisation, or null. */
  resolvePartner(query: { type: RequestType; recipient: RecipientKind; routedTo: string }): Promise<PartnerRef | null>;
  /**
   * POSTs a signed message to the partner's webhook. Throws a retryable failure for network errors, 408, 429
   * (honouring Retry-After) and 5xx, and a non-retryable `PartnerRejected` for any other 4xx.
   */
  deliverMessage(message: PendingDelivery): Promise<{ httpStatus: number }>;
  /** Closes the person's previous detention (still in aftercare) with reason `re-detained`. */
  closePreviousDetention(input: { previousDetentionId: string; newDetentionId: string; date: string }): Promise<void>;
}

/** Failure types of `deliverMessage` the workflow tells apart. */
export const DELIVERY_ERRORS = {
  rejected: 'PartnerRejected',
  misconfigured: 'PartnerMisconfigured',
  unavailable: 'PartnerUnavailable',
} as const;
