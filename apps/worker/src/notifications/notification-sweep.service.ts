import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, durationMs, redactValues } from '@terugkeer/config';
import { NOTIFY_CHOICES, type OrganisationContact } from '@terugkeer/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dailyDigest } from './digest';
import { Mailer } from './mailer';
import { urgentWork, type Notification } from './urgent-work';

const SEND_BATCH = 50;
/** A mail that failed is tried again after this many minutes times its attempts, at most MAX_ATTEMPTS times. */
const BACKOFF_MINUTES = 5;
const MAX_ATTEMPTS = 10;

export interface MailSweepResult {
  queued: number;
  sent: number;
  failed: number;
}

/**
 * E-mail to the organisations' functional mailboxes (issue 10), decoupled from the workflow and its projections:
 * every MAIL_SWEEP_INTERVAL the worker reads what the projections wrote, queues a mail per new urgent event (and
 * once a day the digest) and recipient in the outbox — unique per event and recipient, so that nothing is mailed
 * twice however often it runs, on however many workers — then sends what is waiting. A failing mail server delays
 * mail and nothing else.
 */
@Injectable()
export class NotificationSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationSweep.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<MailSweepResult>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.mailer.enabled) return;
    this.timer = setInterval(() => void this.tick(), durationMs(this.config.MAIL_SWEEP_INTERVAL));
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick() {
    if (this.running) return;
    this.running = this.sweep();
    try {
      const { sent, failed } = await this.running;
      if (sent || failed) this.logger.log(`e-mail: ${sent} sent, ${failed} failed (will be retried)`);
    } catch (error) {
      this.logger.error(`e-mail sweep failed: ${redactValues((error as Error).message)}`);
    } finally {
      this.running = undefined;
    }
  }

  /** One sweep as of `now`: queue what is new, send what is waiting. Nothing when e-mail is off. */
  async sweep(now = new Date()): Promise<MailSweepResult> {
    if (!this.mailer.enabled) return { queued: 0, sent: 0, failed: 0 };
    const base = this.config.PUBLIC_BASE_URL;
    const notifications = [
      ...(await urgentWork(this.dataSource, now, base)),
      ...(await dailyDigest(this.dataSource, now, this.config.MAIL_DIGEST_HOUR, base)),
    ];
    const queued = await this.queue(notifications);
    return { queued, ...(await this.sendWaiting(now)) };
  }

  /** Into the outbox, per recipient; an event already queued for a mailbox is left as it is. */
  private async queue(notifications: Notification[]): Promise<number> {
    if (!notifications.length) return 0;
    const orgs = [...new Set(notifications.map((n) => n.org))];
    const registry: { code: string; contacts: OrganisationContact[] }[] = await this.dataSource.query(
      'SELECT code, contacts FROM organisation_contacts WHERE code = ANY($1)',
      [orgs],
    );
    const contactsOf = new Map(registry.map((r) => [r.code, r.contacts]));
    let queued = 0;
    for (const n of notifications) {
      const wanted: string[] = n.kind === 'urgent' ? ['urgent', 'both'] : ['digest', 'both'];
      const recipients = (contactsOf.get(n.org) ?? []).filter(
        (c) => n.roles.includes(c.role) && wanted.includes(c.notify ?? NOTIFY_CHOICES[2]),
      );
      for (const to of new Set(recipients.map((c) => c.email.toLowerCase()))) {
        const rows: unknown[] = await this.dataSource.query(
          `INSERT INTO mail_outbox (id, event_key, recipient, kind, org, detention_ids, subject, body)
           VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8)
           ON CONFLICT (event_key, recipient) DO NOTHING RETURNING id`,
          [randomUUID(), n.eventKey, to, n.kind, n.org, n.detentionIds, n.text.subject, n.text.body],
        );
        queued += rows.length;
      }
    }
    return queued;
  }

  /**
   * Sends the mails that are due, each leased first (its next attempt pushed out) so that another worker does not
   * send it at the same time; a failure is recorded (the SMTP answer, no personal data in it) and retried later.
   */
  private async sendWaiting(now: Date): Promise<Omit<MailSweepResult, 'queued'>> {
    const due: { id: string; recipient: string; subject: string; body: string; attempts: number }[] =
      await this.dataSource
        .query(
          `UPDATE mail_outbox SET next_attempt_at = $1::timestamptz + interval '10 minutes'
         WHERE id IN (SELECT id FROM mail_outbox
                      WHERE sent_at IS NULL AND next_attempt_at <= $1 AND attempts < $2
                      ORDER BY created_at LIMIT ${SEND_BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING id, recipient, subject, body, attempts`,
          [now, MAX_ATTEMPTS],
        )
        .then(([rows]: [never[]]) => rows);
    let sent = 0;
    let failed = 0;
    for (const mail of due) {
      try {
        await this.mailer.send({ id: mail.id, to: mail.recipient, subject: mail.subject, text: mail.body });
        await this.dataSource.query('UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = $1', [
          mail.id,
        ]);
        sent++;
      } catch (error) {
        failed++;
        await this.dataSource.query(
          `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = now() + make_interval(mins => $3) WHERE id = $1`,
          [mail.id, redactValues((error as Error).message).slice(0, 500), BACKOFF_MINUTES * (mail.attempts + 1)],
        );
      }
    }
    return { sent, failed };
  }
}
