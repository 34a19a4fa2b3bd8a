import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of signed webhooks (CONTRACT.md) and of signed partner answers. */
export const SIGNATURE_HEADER = 'x-terugkeer-signature';
export const TIMESTAMP_HEADER = 'x-terugkeer-timestamp';
export const PARTNER_HEADER = 'x-terugkeer-partner';

/** How far a signed message's timestamp may be from now (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `sha256=<hex HMAC-SHA256 with the partner secret>` of `"<timestamp>.<raw body>"` (webhooks Terugkeer sends: the
 * body names the request and the event), or — with `scope`, the method and path of a partner's signed call — of
 * `"<timestamp>.<METHOD> <path>.<raw body>"`, so that a signed answer cannot be replayed against another request.
 */
export function signPayload(secret: string, timestamp: number, rawBody: string | Buffer, scope?: string): string {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.`);
  if (scope !== undefined) hmac.update(`${scope}.`);
  return `sha256=${hmac.update(rawBody).digest('hex')}`;
}

/** The scope a partner signs its call with: `POST /api/v1/requests/<id>/responses` (no query string). */
export const signatureScope = (method: string, path: string) => `${method.toUpperCase()} ${path.split('?')[0]}`;

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks a signature against any of the partner's current secrets (two during a rotation's overlap), and the
 * timestamp against the clock.
 */
export function verifySignature(
  secrets: string[],
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  rawBody: string | Buffer,
  nowSeconds = Math.floor(Date.now() / 1000),
  scope?: string,
): SignatureVerdict {
  if (!timestampHeader || !/^\d{9,11}$/.test(timestampHeader))
    return { ok: false, reason: 'missing or malformed timestamp' };
  if (!signatureHeader || !/^sha256=[0-9a-f]{64}$/.test(signatureHeader)) {
    return { ok: false, reason: 'missing or malformed signature' };
  }
  const timestamp = Number(timestampHeader);
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale timestamp' };
  const given = Buffer.from(signatureHeader);
  const match = secrets.some((secret) => {
    const expected = Buffer.from(signPayload(secret, timestamp, rawBody, scope));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  return match ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
