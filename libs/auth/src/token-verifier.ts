import { Injectable } from '@nestjs/common';
import { AppConfig, durationMs } from '@terugkeer/config';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole, type Principal } from './roles';

/** Printable text without control characters or lone surrogates (the `u` flag refuses those). */
const SAFE_CLAIM = /^[^\p{Cc}\p{Cs}]+$/u;

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/**
 * Verifies bearer tokens: HS256 with AUTH_JWT_SECRET, or RS256 against AUTH_JWKS_URL when that is set.
 * `exp` is required; `sub`, `role` and `org` must be present and `role` must be one of the known roles.
 */
@Injectable()
export class TokenVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly maxLifetimeSeconds: number;
  private readonly issuer?: string;
  private readonly audience?: string;

  constructor(config: AppConfig) {
    if (config.AUTH_JWKS_URL) this.jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
    else this.secret = new TextEncoder().encode(config.AUTH_JWT_SECRET);
    this.maxLifetimeSeconds = durationMs(config.AUTH_MAX_TOKEN_LIFETIME) / 1000;
    this.issuer = config.AUTH_JWT_ISSUER;
    this.audience = config.AUTH_JWT_AUDIENCE;
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const options = {
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 5,
        ...(this.issuer ? { issuer: this.issuer } : {}),
        ...(this.audience ? { audience: this.audience } : {}),
      };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256'] })).payload
        : (await jwtVerify(token, this.secret!, { ...options, algorithms: ['HS256'] })).payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
      if (error instanceof errors.JWTClaimValidationFailed && ['iss', 'aud'].includes(error.claim)) {
        throw new InvalidTokenError(`token ${error.claim} claim is not the one this API accepts`);
      }
      throw new InvalidTokenError('invalid token');
    }
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : Date.now() / 1000;
    if (payload.exp! - issuedAt > this.maxLifetimeSeconds) {
      throw new InvalidTokenError('token lives longer than this API accepts (AUTH_MAX_TOKEN_LIFETIME)');
    }
    const { sub, role, org, name } = payload as JWTPayload & { role?: unknown; org?: unknown; name?: unknown };
    if (!isRole(role)) throw new InvalidTokenError('token has no known role claim');
    if (typeof org !== 'string' || org === '') throw new InvalidTokenError('token has no org claim');
    // Claims end up in the audit log, task assignments and the workflow: plain, bounded text only.
    for (const [name, value] of [
      ['sub', sub!],
      ['org', org],
    ] as const) {
      if (value.length > 200 || !SAFE_CLAIM.test(value)) {
        throw new InvalidTokenError(`token ${name} claim holds characters or a length that are not allowed`);
      }
    }
    // A display name, when the identity provider gives one: shown as the author of a case note, nothing else.
    const displayName = typeof name === 'string' && name.length <= 200 && SAFE_CLAIM.test(name) ? name : undefined;
    return { sub: sub!, role, org, ...(displayName ? { name: displayName } : {}) };
  }
}
