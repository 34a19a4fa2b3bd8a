import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { KeyRing } from '@terugkeer/config';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ENCODING = 'binary/encrypted';
/** What an unencrypted payload decodes to where they are refused: JSON `null`. */
const REFUSED: Payload = {
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode('null'),
};
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts every Temporal payload (workflow inputs, results, messages, state) with AES-256-GCM, so that the
 * personal data a detention carries never rests readable in Temporal's history. Search attributes are not
 * payloads of this codec: they hold only non-personal keys.
 */
export class EncryptionCodec implements PayloadCodec {
  /**
   * `ring`: encrypt with its current key, decrypt with whichever key id a payload names (rotation keeps running
   * workflows readable). `refuseUnencrypted` (the worker's): a payload that is not encrypted with a key of the
   * ring — sent by someone who reached Temporal without it — decodes to `null`, never to what it says; the
   * workflow's message checks refuse that. AES-GCM is authenticated, so without a key nobody can craft a payload
   * that decodes to anything else.
   */
  constructor(
    private readonly ring: KeyRing,
    private readonly refuseUnencrypted = false,
  ) {
    for (const { id, key } of ring.all()) {
      if (key.length !== 32) throw new RangeError(`the payload encryption key '${id}' must be 32 bytes`);
    }
  }

  /** From the base64 configuration value (TEMPORAL_PAYLOAD_KEY), with the keys rotated out. */
  static fromBase64(base64: string, keyId = 'k1', refuseUnencrypted = false, previous = ''): EncryptionCodec {
    return new EncryptionCodec(KeyRing.parse(keyId, base64, previous), refuseUnencrypted);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.ring.current, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          encoding: new TextEncoder().encode(ENCODING),
          'encryption-key-id': new TextEncoder().encode(this.ring.currentId),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding && new TextDecoder().decode(payload.metadata.encoding);
      if (encoding !== ENCODING || !payload.data) return this.refuseUnencrypted ? REFUSED : payload;
      const keyId = new TextDecoder().decode(payload.metadata!['encryption-key-id'] ?? new Uint8Array());
      const key = this.ring.get(keyId);
      if (!key) throw new Error(`payload encrypted with unknown key id '${keyId}'`);
      const data = Buffer.from(payload.data);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}
