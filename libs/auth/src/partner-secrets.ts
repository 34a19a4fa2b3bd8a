import { Injectable } from '@nestjs/common';
import { AppConfig } from '@terugkeer/config';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Partner secrets sign webhooks and partner answers, so Terugkeer needs them in the clear: they are stored
 * encrypted (AES-256-GCM, key derived from TEMPORAL_PAYLOAD_KEY) and shown to the partner once.
 */
@Injectable()
export class PartnerSecrets {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(
      hkdfSync('sha256', Buffer.from(config.TEMPORAL_PAYLOAD_KEY, 'base64'), '', 'terugkeer partner secrets', 32),
    );
  }

  generate(): string {
    return `tks_${randomBytes(32).toString('base64url')}`;
  }

  encrypt(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, data, cipher.getAuthTag()]).toString('base64');
  }

  decrypt(ciphertext: string): string {
    const raw = Buffer.from(ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }
}
