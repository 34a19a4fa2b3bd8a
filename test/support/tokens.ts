import type { Role } from '@terugkeer/auth';
import { loadConfig } from '@terugkeer/config';
import { SignJWT } from 'jose';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
/** The payload encryption key of all tests (and of the committed replay histories). Never used elsewhere. */
export const TEST_PAYLOAD_KEY = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=';

/** A signed bearer token as an identity provider would issue it. */
export async function tokenFor(
  role: Role | string,
  org: string,
  { sub = `test-${role}`, expiresIn = '1h' as string | number, secret = TEST_JWT_SECRET } = {},
): Promise<string> {
  return new SignJWT({ role, org })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** A valid configuration for unit tests, with the given variables on top. */
export function unitConfig(env: Record<string, string | undefined> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    TEMPORAL_PAYLOAD_KEY: TEST_PAYLOAD_KEY,
    ...env,
  });
}
