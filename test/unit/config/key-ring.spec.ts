import { PartnerSecrets, PersonKeys } from '@terugkeer/auth';
import { KeyRing, loadConfig } from '@terugkeer/config';
import { EncryptionCodec } from '@terugkeer/temporal';

const A = Buffer.alloc(32, 1).toString('base64');
const B = Buffer.alloc(32, 2).toString('base64');
const C = Buffer.alloc(32, 3).toString('base64');
const config = (env: Record<string, string> = {}) =>
  loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://x@localhost/x',
    AUTH_JWT_SECRET: 'x'.repeat(40),
    TEMPORAL_PAYLOAD_KEY: A,
    ...env,
  });

describe('key rings (issue 9: separate keys, rotation)', () => {
  it('payloads: encrypt with the current key, decrypt with any key of the ring', async () => {
    const before = EncryptionCodec.fromBase64(A, 'k1');
    const payload = {
      metadata: { encoding: new TextEncoder().encode('json/plain') },
      data: new TextEncoder().encode('1'),
    };
    const [old] = await before.encode([payload]);
    const after = new EncryptionCodec(KeyRing.parse('k2', B, `k1=${A}`));
    const [fresh] = await after.encode([payload]);
    expect(new TextDecoder().decode(fresh.metadata!['encryption-key-id'])).toBe('k2');
    expect((await after.decode([old, fresh])).map((p) => new TextDecoder().decode(p.data!))).toEqual(['1', '1']);
    await expect(new EncryptionCodec(KeyRing.parse('k2', B)).decode([old])).rejects.toThrow(/unknown key id 'k1'/);
  });

  it('partner secrets: its own key; secrets stored under the old derived key are read and re-encrypted', () => {
    const legacy = new PartnerSecrets(config());
    const stored = legacy.encrypt('tks_secret');
    expect(stored).toMatch(/^derived:/);
    const rotated = new PartnerSecrets(config({ PARTNER_SECRET_KEY: B, PARTNER_SECRET_KEY_ID: 'p2' }));
    expect(rotated.decrypt(stored)).toBe('tks_secret');
    const renewed = rotated.reencrypt(stored);
    expect(renewed).toMatch(/^p2:/);
    expect(rotated.isCurrent(renewed)).toBe(true);
    // And the next rotation: p2 kept as a previous key until the secrets are re-encrypted again.
    const next = new PartnerSecrets(
      config({ PARTNER_SECRET_KEY: C, PARTNER_SECRET_KEY_ID: 'p3', PARTNER_SECRET_PREVIOUS_KEYS: `p2=${B}` }),
    );
    expect(next.decrypt(renewed)).toBe('tks_secret');
    // A bare value from before key ids is the derived key's.
    expect(rotated.decrypt(stored.slice('derived:'.length))).toBe('tks_secret');
  });

  it('BSN hash: its own key; hashes under earlier keys still match a re-detention', () => {
    const legacy = new PersonKeys(config());
    const old = legacy.of('123456782');
    expect(old).toMatch(/^[0-9a-f]{64}$/);
    const rotated = new PersonKeys(
      config({ BSN_HASH_KEY: B, BSN_HASH_KEY_ID: 'b2', BSN_HASH_PREVIOUS_KEYS: `b1=${C}` }),
    );
    expect(rotated.of('123456782')).toMatch(/^b2:[0-9a-f]{64}$/);
    expect(rotated.candidates('123456782')).toEqual(
      expect.arrayContaining([
        old,
        rotated.of('123456782'),
        new PersonKeys(config({ BSN_HASH_KEY: C, BSN_HASH_KEY_ID: 'b1' })).of('123456782'),
      ]),
    );
    expect(rotated.isCurrent(old)).toBe(false);
  });

  it('production requires separate keys for partner secrets and the BSN hash', () => {
    const prod = (env: Record<string, string>) => () =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://x@localhost/x',
        AUTH_JWT_SECRET: 'Zq8!vR2#kL9@mN4$pT7&wX1*yB6^cD3%',
        TEMPORAL_PAYLOAD_KEY: Buffer.from([...Array(32).keys()]).toString('base64'),
        ...env,
      });
    expect(prod({})).toThrow(
      /PARTNER_SECRET_KEY must be set in production[\s\S]*BSN_HASH_KEY must be set in production/,
    );
    expect(prod({ PARTNER_SECRET_KEY: B, BSN_HASH_KEY: C })).not.toThrow();
  });
});
