import request from 'supertest';
import { createTestDatabase } from '../support/database';
import { startApi } from '../support/stack';
import { tokenFor } from '../support/tokens';

/** Rate limits (429 with Retry-After) per token and per address, and the security headers (issue 9). */
describe('rate limits and security headers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Temporal is not needed here: the client connects lazily.
    api = await startApi({
      databaseUrl: db.url,
      temporalAddress: '127.0.0.1:1',
      env: { RATE_LIMIT_PER_TOKEN: '5', RATE_LIMIT_PER_IP: '8' },
    });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers 429 with Retry-After once a token made too many calls, and per address across tokens', async () => {
    const http = () => request(api.getHttpServer());
    const first = `Bearer ${await tokenFor('casemanager', 'PI-ALMELO', { sub: 'busy' })}`;
    for (let i = 0; i < 5; i++) await http().get('/api/v1/session').set('Authorization', first).expect(200);
    const limited = await http().get('/api/v1/session').set('Authorization', first).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: [expect.stringMatching(/rate limit of 5 requests per minute/)],
    });
    // Another token gets its own allowance, until the address's runs out: 8 counted calls in all (the refused one
    // was stopped at the token's limit and did not count for the address).
    const second = `Bearer ${await tokenFor('casemanager', 'PI-ALMELO', { sub: 'other' })}`;
    for (let i = 0; i < 3; i++) await http().get('/api/v1/session').set('Authorization', second).expect(200);
    await http().get('/api/v1/session').set('Authorization', second).expect(429);
    // Guessing tokens counts too; health checks do not.
    await http().get('/api/v1/session').set('Authorization', 'Bearer guess').expect(429);
    const health = await http().get('/health');
    expect(health.status).not.toBe(429);
  });

  it('sends security headers and a Content-Security-Policy for the UI', async () => {
    const ui = await request(api.getHttpServer()).get('/ui/').expect(200);
    expect(ui.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(ui.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(ui.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(ui.headers['x-content-type-options']).toBe('nosniff');
    expect(ui.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(ui.headers['x-powered-by']).toBeUndefined();
  });
});
