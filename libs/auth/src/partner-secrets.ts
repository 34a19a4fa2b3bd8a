import { Injectable } from '@nestjs/common';
import { AppConfig, derivedKey, KeyRing } from '@terugkeer/config';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const DERIVED_ID = 'derived';

/**
 * Keys derived from TEMPORAL_PAYLOAD_KEY — the current one and those rotated out — under which partner secrets were
 * stored before PARTNER_SECRET_KEY existed. Decrypt only.
 */
function derivedKeys(config: AppConfig): Buffer[] {
  return KeyRing.parse(
    config.TEMPORAL_PAYLOAD_KEY_ID,
    config.TEMPORAL_PAYLOAD_KEY,
    config.TEMPORAL_PAYLOAD_PREVIOUS_KEYS,
  )
    .all()
    .map(({ key }) => derivedKey(key.toString('base64'), 'terugkeer partner secrets'));
}

/** The partner-secret key ring: PARTNER_SECRET_KEY and the keys rotated out; without it, the derived key. */
export function partnerSecretRing(config: AppConfig): KeyRing {
  if (!config.PARTNER_SECRET_KEY) return new KeyRing(DERIVED_ID, new Map([[DERIVED_ID, derivedKeys(config)[0]]]));
  return KeyRing.parse(config.PARTNER_SECRET_KEY_ID, config.PARTNER_SECRET_KEY, config.PARTNER_SECRET_PREVIOUS_KEYS);
}

/**
 * Partner secrets sign webhooks and partner answers, so Terugkeer needs them in the clear: they are stored
 * encrypted (AES-256-GCM with PARTNER_SECRET_KEY, its own key) as `<key id>:<base64>`, and shown to the partner
 * once. Rotation: a new current key, the old one in PARTNER_SECRET_PREVIOUS_KEYS, then {@link reencrypt} (the
 * `npm run keys:reencrypt` script) moves every stored secret to the new key.
 */
@Injectable()
export class PartnerSecrets {
  private readonly ring: KeyRing;
  private readonly derived: Buffer[];

  constructor(config: AppConfig) {
    this.ring = partnerSecretRing(config);
    this.derived = derivedKeys(config);
  }

  generate(): string {
    return `tks_${randomBytes(32).toString('base64url')}`;
  }

  encrypt(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.ring.current, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${this.ring.currentId}:${Buffer.concat([iv, data, cipher.getAuthTag()]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const at = stored.indexOf(':');
    // Before key ids, the stored value was the bare base64 under the derived key.
    const [id, ciphertext] = at < 0 ? [DERIVED_ID, stored] : [stored.slice(0, at), stored.slice(at + 1)];
    const keys = id === DERIVED_ID ? this.derived : [this.ring.get(id)].filter((k): k is Buffer => k !== undefined);
    if (keys.length === 0) throw new Error(`partner secret encrypted with unknown key id '${id}'`);
    const raw = Buffer.from(ciphertext, 'base64');
    let failure: unknown;
    // A derived key carries no id: the one that authenticates (AES-GCM) is the right one.
    for (const key of keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(raw.length - 16));
        return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }

  /** Is this stored value encrypted with the current key? */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${this.ring.currentId}:`);
  }

  /** The stored value under the current key (unchanged if it already is). */
  reencrypt(stored: string): string {
    return this.isCurrent(stored) ? stored : this.encrypt(this.decrypt(stored));
  }
}
