import { temporalConnectionOptions } from '@terugkeer/temporal';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('the connection to Temporal', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'terugkeer-tls-'));
  const file = (name: string, text: string) => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  };
  const address = { TEMPORAL_ADDRESS: 'temporal.internal:7233' };

  it('is plain without settings (the development stack on one machine)', () => {
    expect(temporalConnectionOptions(address)).toEqual({ address: 'temporal.internal:7233' });
  });

  it('uses mTLS with the configured CA, client certificate and server name', () => {
    const options = temporalConnectionOptions({
      ...address,
      TEMPORAL_TLS_CA_FILE: file('ca.pem', 'CA'),
      TEMPORAL_TLS_CERT_FILE: file('client.pem', 'CRT'),
      TEMPORAL_TLS_KEY_FILE: file('client.key', 'KEY'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.example',
    });
    expect(options.tls).toEqual({
      serverRootCACertificate: Buffer.from('CA'),
      clientCertPair: { crt: Buffer.from('CRT'), key: Buffer.from('KEY') },
      serverNameOverride: 'temporal.example',
    });
  });

  it('uses an API key over TLS', () => {
    expect(temporalConnectionOptions({ ...address, TEMPORAL_API_KEY: 'key-0123456789' })).toEqual({
      address: 'temporal.internal:7233',
      tls: true,
      apiKey: 'key-0123456789',
    });
  });

  it('names a certificate file it cannot read', () => {
    expect(() =>
      temporalConnectionOptions({ ...address, TEMPORAL_TLS_CA_FILE: path.join(dir, 'missing.pem') }),
    ).toThrow(/TEMPORAL_TLS_CA_FILE .*missing\.pem cannot be read: ENOENT/);
  });
});
