import { InvalidTokenError, TokenVerifier } from '@terugkeer/auth';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_JWT_SECRET, tokenFor, unitConfig } from '../../support/tokens';

describe('TokenVerifier (HS256)', () => {
  const verifier = new TokenVerifier(unitConfig());

  it('returns the principal of a valid token', async () => {
    const token = await tokenFor('casemanager', 'PI-ALMELO', { sub: 'alice' });
    await expect(verifier.verify(token)).resolves.toEqual({ sub: 'alice', role: 'casemanager', org: 'PI-ALMELO' });
  });

  it('carries a bounded, plain name claim as the display name, and leaves out any other', async () => {
    const withName = (name: unknown) =>
      new SignJWT({ role: 'municipality', org: 'GM0363', name })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('bob')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expect(verifier.verify(await withName('B. Bakker'))).resolves.toEqual({
      sub: 'bob',
      role: 'municipality',
      org: 'GM0363',
      name: 'B. Bakker',
    });
    for (const name of ['x'.repeat(201), 'bell\u0007', 42, '']) {
      await expect(verifier.verify(await withName(name))).resolves.toEqual({
        sub: 'bob',
        role: 'municipality',
        org: 'GM0363',
      });
    }
  });

  it.each([
    [
      'an expired token',
      () => tokenFor('casemanager', 'PI-ALMELO', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      'token expired',
    ],
    [
      'another secret',
      () => tokenFor('casemanager', 'PI-ALMELO', { secret: 'another-secret-that-is-also-long-enough-0000' }),
      'invalid token',
    ],
    ['an unknown role', () => tokenFor('janitor', 'PI-ALMELO'), 'token has no known role claim'],
    ['an empty org', () => tokenFor('casemanager', ''), 'token has no org claim'],
    ['garbage', async () => 'not.a.jwt', 'invalid token'],
    [
      'a NUL byte in sub',
      () => tokenFor('casemanager', 'PI-ALMELO', { sub: 'a\u0000b' }),
      'token sub claim holds characters or a length that are not allowed',
    ],
    [
      'a control character in org',
      () => tokenFor('casemanager', 'PI-\u0007ALMELO'),
      'token org claim holds characters or a length that are not allowed',
    ],
    [
      'a very long sub',
      () => tokenFor('casemanager', 'PI-ALMELO', { sub: 'x'.repeat(201) }),
      'token sub claim holds characters or a length that are not allowed',
    ],
  ])('rejects %s', async (_what, make, message) => {
    await expect(verifier.verify(await make())).rejects.toThrow(new InvalidTokenError(message));
  });

  it('rejects a token that lives longer than AUTH_MAX_TOKEN_LIFETIME (12 hours by default)', async () => {
    await expect(verifier.verify(await tokenFor('casemanager', 'PI-ALMELO', { expiresIn: '13h' }))).rejects.toThrow(
      'token lives longer than this API accepts (AUTH_MAX_TOKEN_LIFETIME)',
    );
    await expect(
      verifier.verify(await tokenFor('casemanager', 'PI-ALMELO', { expiresIn: '11h' })),
    ).resolves.toBeDefined();
    const strict = new TokenVerifier(unitConfig({ AUTH_MAX_TOKEN_LIFETIME: '30m' }));
    await expect(strict.verify(await tokenFor('casemanager', 'PI-ALMELO'))).rejects.toThrow(/AUTH_MAX_TOKEN_LIFETIME/);
  });

  it('checks the issuer and audience of HS256 tokens too, when configured', async () => {
    const strict = new TokenVerifier(unitConfig({ AUTH_JWT_ISSUER: 'terugkeer', AUTH_JWT_AUDIENCE: 'terugkeer-api' }));
    await expect(strict.verify(await tokenFor('casemanager', 'PI-ALMELO'))).rejects.toThrow(InvalidTokenError);
  });

  it('rejects a token without exp', async () => {
    const token = await new SignJWT({ role: 'admin', org: '*' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('root')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('rejects an unsigned (alg none) token', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'none' })}.${b64({ sub: 'x', role: 'admin', org: '*', exp: 9_999_999_999 })}.`;
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });
});

describe('TokenVerifier (RS256 via AUTH_JWKS_URL)', () => {
  let server: Server;
  let url: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const idp = { AUTH_JWT_ISSUER: 'https://idp.example', AUTH_JWT_AUDIENCE: 'terugkeer-api' };
  const signed = (
    claims: { iss?: string; aud?: string } = { iss: idp.AUTH_JWT_ISSUER, aud: idp.AUTH_JWT_AUDIENCE },
  ) => {
    const jwt = new SignJWT({ role: 'supervisor', org: '*' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('inspector')
      .setIssuedAt()
      .setExpirationTime('5m');
    if (claims.iss) jwt.setIssuer(claims.iss);
    if (claims.aud) jwt.setAudience(claims.aud);
    return jwt.sign(privateKey);
  };

  it('verifies tokens signed by the identity provider key and rejects HS256 ones', async () => {
    const verifier = new TokenVerifier(unitConfig({ AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: url, ...idp }));
    await expect(verifier.verify(await signed())).resolves.toEqual({ sub: 'inspector', role: 'supervisor', org: '*' });
    await expect(verifier.verify(await tokenFor('supervisor', '*'))).rejects.toThrow(InvalidTokenError);
  });

  it('checks issuer and audience, which a JWKS configuration must name', async () => {
    const verifier = new TokenVerifier(unitConfig({ AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: url, ...idp }));
    await expect(
      verifier.verify(await signed({ iss: 'https://other.example', aud: idp.AUTH_JWT_AUDIENCE })),
    ).rejects.toThrow('token iss claim is not the one this API accepts');
    await expect(verifier.verify(await signed({ iss: idp.AUTH_JWT_ISSUER, aud: 'another-api' }))).rejects.toThrow(
      'token aud claim is not the one this API accepts',
    );
    await expect(verifier.verify(await signed({}))).rejects.toThrow(InvalidTokenError);
    expect(() => unitConfig({ AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: url })).toThrow(
      /AUTH_JWT_ISSUER must be set with AUTH_JWKS_URL[\s\S]*AUTH_JWT_AUDIENCE must be set/,
    );
  });

  it('fetches keys over https only (plain http to this machine outside production)', () => {
    expect(() =>
      unitConfig({ AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'http://idp.example/jwks.json', ...idp }),
    ).toThrow(/AUTH_JWKS_URL must be an https URL/);
    expect(() =>
      unitConfig({ AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'https://idp.example/jwks.json', ...idp }),
    ).not.toThrow();
  });
});
