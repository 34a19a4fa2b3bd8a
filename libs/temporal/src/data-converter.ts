import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '@terugkeer/config';
import { EncryptionCodec } from './encryption-codec';

/** The one data converter of clients and workers: JSON payloads, encrypted. */
export function dataConverter(
  config: Pick<AppConfig, 'TEMPORAL_PAYLOAD_KEY' | 'TEMPORAL_PAYLOAD_KEY_ID'>,
): DataConverter {
  return { payloadCodecs: [EncryptionCodec.fromBase64(config.TEMPORAL_PAYLOAD_KEY, config.TEMPORAL_PAYLOAD_KEY_ID)] };
}
