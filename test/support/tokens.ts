import type { Role } from '@terugkeer/auth';
import { SignJWT } from 'jose';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

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
