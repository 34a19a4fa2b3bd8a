import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { RetentionSettings } from './retention-config';
import { toInt } from './to-int';

/**
 * E-mail to the organisations' functional mailboxes (issue 10): urgent work at once, the rest in a daily digest.
 * Without SMTP_URL no mail is sent (the worker says so once at start). Part of AppConfig.
 */
export class MailSettings extends RetentionSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; unset: e-mail off. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s/]+(\/.*)?$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  @MaxLength(2000, { message: 'SMTP_URL must be at most 2000 characters' })
  SMTP_URL?: string;

  /** The sender, an address or `Name <address>`. */
  @Matches(/^([^<>\r\n]{0,100}<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
    message: 'MAIL_FROM must be an e-mail address, or `Name <address>`',
  })
  MAIL_FROM = 'Terugkeer <noreply@terugkeer.invalid>';

  /** How often the worker looks for new urgent work to mail and sends what is waiting. */
  @Matches(/^[1-9]\d*\s*(s|m|h)$/, { message: "MAIL_SWEEP_INTERVAL must be a duration like '1m' or '30s'" })
  MAIL_SWEEP_INTERVAL = '1m';

  /** The hour (Europe/Amsterdam, 0–23) from which the daily digest of the day is sent. */
  @Transform(toInt)
  @IsInt({ message: 'MAIL_DIGEST_HOUR must be an hour from 0 to 23' })
  @Min(0, { message: 'MAIL_DIGEST_HOUR must be an hour from 0 to 23' })
  @Max(23, { message: 'MAIL_DIGEST_HOUR must be an hour from 0 to 23' })
  MAIL_DIGEST_HOUR = 7;
}

export const MAIL_CONFIG_KEYS = ['SMTP_URL', 'MAIL_FROM', 'MAIL_SWEEP_INTERVAL', 'MAIL_DIGEST_HOUR'] as const;
