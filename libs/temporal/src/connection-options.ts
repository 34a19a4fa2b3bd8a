import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { AppConfig } from '@terugkeer/config';
import { readFileSync } from 'node:fs';

type ConnectionConfig = Pick<
  AppConfig,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_TLS_CA_FILE'
  | 'TEMPORAL_TLS_CERT_FILE'
  | 'TEMPORAL_TLS_KEY_FILE'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'TEMPORAL_API_KEY'
>;

/**
 * How the API and the worker reach Temporal: plain on a private network (the development stack), mTLS with the
 * configured certificates, or an API key. The certificate files are read once, at start-up.
 */
export function temporalConnectionOptions(config: ConnectionConfig): {
  address: string;
  tls?: TLSConfig | true;
  apiKey?: string;
} {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`${what} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  const mtls = config.TEMPORAL_TLS_CERT_FILE && config.TEMPORAL_TLS_KEY_FILE;
  const tls: TLSConfig | undefined =
    config.TEMPORAL_TLS_CA_FILE || mtls || config.TEMPORAL_TLS_SERVER_NAME
      ? {
          ...(config.TEMPORAL_TLS_CA_FILE
            ? { serverRootCACertificate: read(config.TEMPORAL_TLS_CA_FILE, 'TEMPORAL_TLS_CA_FILE') }
            : {}),
          ...(mtls
            ? {
                clientCertPair: {
                  crt: read(config.TEMPORAL_TLS_CERT_FILE!, 'TEMPORAL_TLS_CERT_FILE'),
                  key: read(config.TEMPORAL_TLS_KEY_FILE!, 'TEMPORAL_TLS_KEY_FILE'),
                },
              }
            : {}),
          ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
        }
      : undefined;
  return {
    address: config.TEMPORAL_ADDRESS,
    ...(tls ? { tls } : config.TEMPORAL_API_KEY ? { tls: true as const } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}
