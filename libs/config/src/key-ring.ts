import { hkdfSync } from 'node:crypto';

/**
 * Keys by id: one current (encrypts, hashes), the others kept to decrypt or recognise what was written with them.
 * Rotation = a new current key, the old one moved to the `*_PREVIOUS_KEYS` list until nothing needs it.
 */
export class KeyRing {
  constructor(
    readonly currentId: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
  ) {
    if (!keys.has(currentId)) throw new RangeError(`the current key '${currentId}' is not in the ring`);
  }

  get current(): Buffer {
    return this.keys.get(this.currentId)!;
  }

  get(id: string): Buffer | undefined {
    return this.keys.get(id);
  }

  /** Every key, the current one first. */
  all(): { id: string; key: Buffer }[] {
    return [this.currentId, ...[...this.keys.keys()].filter((id) => id !== this.currentId)].map((id) => ({
      id,
      key: this.keys.get(id)!,
    }));
  }

  /** `current` (base64 of 32 bytes) with its id, and `previous` as `id=base64,id=base64`. */
  static parse(currentId: string, current: string, previous = ''): KeyRing {
    const keys = new Map<string, Buffer>([[currentId, Buffer.from(current, 'base64')]]);
    for (const [id, value] of parsePreviousKeys(previous))
      if (!keys.has(id)) keys.set(id, Buffer.from(value, 'base64'));
    return new KeyRing(currentId, keys);
  }
}

export const PREVIOUS_KEYS_PATTERN =
  /^([A-Za-z0-9._-]{1,32}=[A-Za-z0-9+/]{43}=)(,[A-Za-z0-9._-]{1,32}=[A-Za-z0-9+/]{43}=)*$/;

function parsePreviousKeys(previous: string): [string, string][] {
  if (!previous.trim()) return [];
  return previous.split(',').map((entry) => {
    const at = entry.indexOf('=');
    return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
  });
}

/**
 * Before separate keys existed, partner secrets and the BSN hash used keys derived from TEMPORAL_PAYLOAD_KEY. Outside
 * production, without a key of their own, they still do (id `derived`), so that development data keeps working.
 */
export function derivedKey(payloadKeyBase64: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(payloadKeyBase64, 'base64'), '', purpose, 32));
}
