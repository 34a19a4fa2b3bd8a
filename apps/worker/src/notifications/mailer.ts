import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@terugkeer/config';
import { createTransport, type Transporter } from 'nodemailer';

/** Sends e-mail over SMTP (nodemailer, SMTP_URL), or nothing at all when SMTP_URL is not set. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport?: Transporter;

  constructor(private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      this.transport = createTransport(config.SMTP_URL, { from: config.MAIL_FROM });
      // Where mail goes, never the credentials in the URL.
      const { protocol, hostname, port } = new URL(config.SMTP_URL);
      this.logger.log(`e-mail on: SMTP via ${protocol}//${hostname}${port ? `:${port}` : ''}`);
    } else {
      this.logger.log('e-mail off: SMTP_URL is not set, no notifications are mailed');
    }
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: { to: string; subject: string; text: string; id: string }): Promise<void> {
    if (!this.transport) throw new Error('e-mail is off');
    await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      // The outbox row's id: a mail sent again after a crash is recognisably the same message.
      messageId: `<${mail.id}@terugkeer>`,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
