import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '@terugkeer/config';
import { EncryptionCodec } from './encryption-codec';

type KeyConfig = Pick<AppConfig, 'TEMPORAL_PAYLOAD_KEY' | 'TEMPORAL_PAYLOAD_KEY_ID' | 'TEMPORAL_PAYLOAD_PREVIOUS_KEYS'>;

/** The payload codec of clients (API, scripts, the codec server): the key ring; unencrypted passes through. */
export function payloadCodec(config: KeyConfig, refuseUnencrypted = false): EncryptionCodec {
  return EncryptionCodec.fromBase64(
    config.TEMPORAL_PAYLOAD_KEY,
    config.TEMPORAL_PAYLOAD_KEY_ID,
    refuseUnencrypted,
    config.TEMPORAL_PAYLOAD_PREVIOUS_KEYS,
  );
}

/** The data converter of clients (API, scripts): JSON payloads, encrypted. */
export function dataConverter(config: KeyConfig): DataConverter {
  return { payloadCodecs: [payloadCodec(config)] };
}

/**
 * The worker's: the same, and what reaches it unencrypted — a start, signal or update from someone without the key —
 * decodes to `null`, which the workflow refuses. The engine obeys key holders only.
 */
export function workerDataConverter(config: KeyConfig): DataConverter {
  return { payloadCodecs: [payloadCodec(config, true)] };
}
