import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  PARTNER_HEADER,
  PartnerSecrets,
  signPayload,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  webhookAddressProblem,
} from '@terugkeer/auth';
import { AppConfig, durationMs } from '@terugkeer/config';
import { DELIVERY_ERRORS, type DetentionActivities, type PendingDelivery } from '@terugkeer/contracts';
import { AuditLog, PartnerEntity, PartnerRequestEntity } from '@terugkeer/persistence';
import { DataSource } from 'typeorm';

const HEARTBEAT_MS = 2_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_IN_WORKFLOW_ID = /^detention-([0-9a-f-]{36})$/;

/** Messages that carry no personal data say so; a request and its updates carry the basis of their request. */
const NOTICE_BASIS: Partial<Record<PendingDelivery['body']['event'], string>> = {
  withdrawal: 'withdrawal of an earlier request',
  reminder: 'reminder of an earlier request',
  closed: 'end of coordination of an earlier request',
};

/** Seconds to wait from a Retry-After header (seconds or HTTP date), capped at an hour. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - now) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) * 1000 : undefined;
}

/**
 * Signed webhook delivery (CONTRACT.md). The body of a message is the same on every attempt and carries its
 * Idempotency-Key, so a retry — also after a worker died mid-POST — is the same message, never a second request.
 */
@Injectable()
export class WebhookDeliveryActivities implements Pick<DetentionActivities, 'deliverMessage'> {
  private readonly timeoutMs: number;
  private readonly baseUrl: string;
  private readonly urlPolicy: AppConfig['webhookUrlPolicy'];

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: PartnerSecrets,
    private readonly audit: AuditLog,
    config: AppConfig,
  ) {
    this.timeoutMs = durationMs(config.WEBHOOK_TIMEOUT);
    this.baseUrl = config.PUBLIC_BASE_URL.replace(/\/$/, '');
    this.urlPolicy = config.webhookUrlPolicy;
  }

  async deliverMessage(message: PendingDelivery): Promise<{ httpStatus: number }> {
    const partner = await this.dataSource.getRepository(PartnerEntity).findOneBy({ id: message.partnerId });
    if (!partner?.webhookUrl || !partner.secretCiphertext) {
      throw ApplicationFailure.create({
        type: DELIVERY_ERRORS.misconfigured,
        message: `partner ${message.partnerId} has no webhook URL or secret`,
        nonRetryable: true,
      });
    }
    // Checked again as it is sent: the name may resolve elsewhere now, or the policy may have changed.
    const refused = await webhookAddressProblem(partner.webhookUrl, this.urlPolicy);
    if (refused) {
      throw ApplicationFailure.create({
        type: DELIVERY_ERRORS.misconfigured,
        message: `partner ${message.partnerId}: ${refused}`,
        nonRetryable: true,
      });
    }
    // Every attempt is on record before a byte leaves, and how it ended after: a body sent to a partner that
    // then failed still reached it.
    const attempt = await this.attempted(message);
    const body = JSON.stringify({
      ...message.body,
      respondUrl: `${this.baseUrl}/api/v1/requests/${message.requestId}/responses`,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const context = Context.current();
    const heartbeat = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
    let response: Response;
    try {
      response = await fetch(partner.webhookUrl, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': message.key,
          'User-Agent': 'Terugkeer-Webhook/1',
          [PARTNER_HEADER]: partner.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signPayload(this.secrets.decrypt(partner.secretCiphertext), timestamp, body),
        },
        body,
        signal: AbortSignal.any([context.cancellationSignal, AbortSignal.timeout(this.timeoutMs)]),
      });
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      await attempt('no answer');
      // Network errors and time-outs are retried by Temporal with backoff.
      throw ApplicationFailure.create({
        type: DELIVERY_ERRORS.unavailable,
        message: `webhook of ${partner.id} did not answer: ${(error as Error).message}`,
      });
    } finally {
      clearInterval(heartbeat);
    }
    const status = response.status;
    await attempt(`HTTP ${status}`);
    if (status >= 200 && status < 300) return { httpStatus: status };
    if (status === 408 || status === 429 || status >= 500) {
      throw ApplicationFailure.create({
        type: DELIVERY_ERRORS.unavailable,
        message: `webhook of ${partner.id} answered ${status}`,
        nextRetryDelay: retryAfterMs(response.headers.get('retry-after')),
      });
    }
    throw ApplicationFailure.create({
      type: DELIVERY_ERRORS.rejected,
      message: `webhook of ${partner.id} refused the message: HTTP ${status}`,
      nonRetryable: true,
    });
  }

  /** Writes the attempt to the audit log; returns how to write its outcome. */
  private async attempted(message: PendingDelivery): Promise<(outcome: string) => Promise<void>> {
    const request = UUID.test(message.requestId)
      ? await this.dataSource.getRepository(PartnerRequestEntity).findOneBy({ id: message.requestId })
      : null;
    const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
    const detentionId = request?.detentionId ?? UUID_IN_WORKFLOW_ID.exec(workflowId)?.[1];
    const event = message.body.event;
    const entry = {
      actor: 'terugkeer',
      role: 'system',
      org: 'terugkeer',
      detentionIds: detentionId ? [detentionId] : [],
      fields: ['caseReference', ...Object.keys(message.body.data ?? {})],
      basis: NOTICE_BASIS[event] ?? request?.disclosureBasis ?? 'request by playbook rule',
      requestId: message.key,
      target: message.partnerId,
    };
    await this.audit.append({ ...entry, action: `disclose:attempt:${event}` });
    return async (outcome) => {
      await this.audit.append({ ...entry, action: `disclose:outcome:${event}`, outcome });
    };
  }
}
