import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { PARTNER_HEADER, PartnerSecrets, signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@terugkeer/auth';
import { AppConfig, durationMs } from '@terugkeer/config';
import { DELIVERY_ERRORS, type DetentionActivities, type PendingDelivery } from '@terugkeer/contracts';
import { PartnerEntity } from '@terugkeer/persistence';
import { DataSource } from 'typeorm';

const HEARTBEAT_MS = 2_000;

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

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: PartnerSecrets,
    config: AppConfig,
  ) {
    this.timeoutMs = durationMs(config.WEBHOOK_TIMEOUT);
    this.baseUrl = config.PUBLIC_BASE_URL.replace(/\/$/, '');
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
      // Network errors and time-outs are retried by Temporal with backoff.
      throw ApplicationFailure.create({
        type: DELIVERY_ERRORS.unavailable,
        message: `webhook of ${partner.id} did not answer: ${(error as Error).message}`,
      });
    } finally {
      clearInterval(heartbeat);
    }
    const status = response.status;
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
}
