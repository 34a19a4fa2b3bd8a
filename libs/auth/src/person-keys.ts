import { Injectable } from '@nestjs/common';
import { AppConfig, derivedKey, KeyRing } from '@terugkeer/config';
import { createHmac } from 'node:crypto';

const DERIVED_ID = 'derived';

/**
 * The keyed BSN hash (`<key id>:<hex>` with BSN_HASH_KEY) that recognises a re-detention without an index on the
 * BSN itself. Hashes under a key rotated out (BSN_HASH_PREVIOUS_KEYS) and those written before key ids (bare hex
 * under a key derived from TEMPORAL_PAYLOAD_KEY) are still recognised, and re-hashed by {@link KeyRotation}.
 */
@Injectable()
export class PersonKeys {
  private readonly ring: KeyRing;
  /** Derived from the current and the rotated-out payload keys. */
  private readonly derived: Buffer[];

  constructor(config: AppConfig) {
    this.derived = KeyRing.parse(
      config.TEMPORAL_PAYLOAD_KEY_ID,
      config.TEMPORAL_PAYLOAD_KEY,
      config.TEMPORAL_PAYLOAD_PREVIOUS_KEYS,
    )
      .all()
      .map(({ key }) => derivedKey(key.toString('base64'), 'terugkeer person key'));
    this.ring = config.BSN_HASH_KEY
      ? KeyRing.parse(config.BSN_HASH_KEY_ID, config.BSN_HASH_KEY, config.BSN_HASH_PREVIOUS_KEYS)
      : new KeyRing(DERIVED_ID, new Map([[DERIVED_ID, this.derived[0]]]));
  }

  /** The hash a new detention is stored with. */
  of(bsn: string): string {
    return hashWith(this.ring.currentId, this.ring.current, bsn);
  }

  /** Every hash this BSN may have been stored under. */
  candidates(bsn: string): string[] {
    const all = this.ring.all().map(({ id, key }) => hashWith(id, key, bsn));
    return [...new Set([...all, ...this.derived.map((key) => hashWith(DERIVED_ID, key, bsn))])];
  }

  isCurrent(stored: string): boolean {
    return this.ring.currentId === DERIVED_ID ? !stored.includes(':') : stored.startsWith(`${this.ring.currentId}:`);
  }

  /** A SQL condition on `person_key` (column given) that holds for hashes not under the current key. */
  staleCondition(column: string): { where: string; params: Record<string, string> } {
    return this.ring.currentId === DERIVED_ID
      ? { where: `${column} LIKE '%:%'`, params: {} }
      : { where: `${column} NOT LIKE :currentPrefix`, params: { currentPrefix: `${this.ring.currentId}:%` } };
  }
}

function hashWith(id: string, key: Buffer, bsn: string): string {
  const hex = createHmac('sha256', key).update(bsn).digest('hex');
  return id === DERIVED_ID ? hex : `${id}:${hex}`;
}
