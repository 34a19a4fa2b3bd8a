import { signPayload, verifySignature } from '@terugkeer/auth';
import { retryAfterMs } from '../../../apps/worker/src/activities/webhook-delivery.activities';

const secret = 'tks_partner-secret';
const body = JSON.stringify({ requestId: 'r-1', status: 'accepted' });
const now = 1_800_000_000;

describe('webhook signatures (HMAC-SHA256 over "<timestamp>.<raw body>")', () => {
  const signature = signPayload(secret, now, body);

  it('has the documented form and verifies', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature([secret], String(now), signature, body, now)).toEqual({ ok: true });
  });

  it('accepts the previous secret during a rotation', () => {
    expect(verifySignature(['tks_new', secret], String(now), signature, body, now)).toEqual({ ok: true });
  });

  it.each([
    ['a wrong secret', [['tks_other'], String(now), signature, body], 'signature does not match'],
    [
      'a tampered body',
      [[secret], String(now), signature, body.replace('accepted', 'declined')],
      'signature does not match',
    ],
    ['a stale timestamp', [[secret], String(now - 301), signPayload(secret, now - 301, body), body], 'stale timestamp'],
    [
      'a timestamp from the future',
      [[secret], String(now + 301), signPayload(secret, now + 301, body), body],
      'stale timestamp',
    ],
    ['another timestamp than signed', [[secret], String(now + 1), signature, body], 'signature does not match'],
    ['no signature', [[secret], String(now), undefined, body], 'missing or malformed signature'],
    ['no timestamp', [[secret], undefined, signature, body], 'missing or malformed timestamp'],
    ['no secret at all', [[], String(now), signature, body], 'signature does not match'],
  ] as const)('rejects %s', (_what, [secrets, ts, sig, raw], reason) => {
    expect(verifySignature([...secrets], ts, sig, raw, now)).toEqual({ ok: false, reason });
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, capped at an hour', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30_000);
    expect(retryAfterMs('86400')).toBe(3_600_000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
