import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { createTestDatabase } from '../support/database';
import { startApi } from '../support/stack';
import { startTcpProxy } from '../support/tcp-proxy';
import { localTemporal } from '../support/dev-server';
import { tokenFor } from '../support/tokens';

describe('API basics on real PostgreSQL and a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: NestExpressApplication;
  let temporalAddress: string;

  beforeAll(async () => {
    [env, db] = await Promise.all([localTemporal(), createTestDatabase()]);
    temporalAddress = env.address;
    app = await startApi({ databaseUrl: db.url, temporalAddress });
  });
  afterAll(async () => {
    await app?.close();
    await env?.teardown();
    await db?.drop();
  });

  it('GET /health answers 200 when PostgreSQL and Temporal answer', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details).toEqual({
      postgres: { status: 'up' },
      temporal: { status: 'up' },
      // Registrations without their workflow: none waiting for the relay, none refused by Temporal.
      intake: { status: 'up', waiting: 0, refused: 0, refusedDetentionIds: [] },
    });
  });

  it('serves the OpenAPI document without a token, with bearer auth declared', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(res.body.paths['/health']).toBeDefined();
    // CONTRACT.md v1.1: the casemanager endpoint, intake consent, and the messages partners receive by webhook.
    expect(res.body.paths['/api/v1/detentions/{id}/casemanager'].put).toBeDefined();
    expect(res.body.components.schemas.RegisterIntakeDto.properties.consent).toBeDefined();
    expect(res.body.components.schemas.WebhookMessageDoc.properties.event.enum).toEqual([
      'request',
      'update',
      'reminder',
      'withdrawal',
      'closed',
    ]);
    expect(res.body.components.schemas.WebhookMessageDoc.properties.reason.enum).toEqual(
      expect.arrayContaining(['consent-withdrawn', 'coordination-ended']),
    );
    await request(app.getHttpServer()).get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('answers 401 in the JSON error shape without a token, and says who a valid token belongs to', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/session').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const token = await tokenFor('casemanager', 'PI-ALMELO', { sub: 'cm-1' });
    const me = await request(app.getHttpServer()).get('/api/v1/session').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body).toEqual({ sub: 'cm-1', role: 'casemanager', org: 'PI-ALMELO' });
  });

  it('mints no demo tokens unless DEV_LOGIN=true: the dev endpoints are absent', async () => {
    const body = { role: 'supervisor', org: '*', sub: 'intruder' };
    await request(app.getHttpServer()).post('/api/dev/token').send(body).expect(404);
    await request(app.getHttpServer()).get('/api/dev/identities').expect(404);
    const ui = await request(app.getHttpServer()).get('/api/ui-config').expect(200);
    expect(ui.body.devLogin).toBe(false);
  });

  it('answers 413 in JSON for a body over 256 KiB', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/detentions')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(300 * 1024) }))
      .expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: ['request body exceeds 256 KiB'],
    });
  });

  it('answers 400 in JSON for a body that is not JSON', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/detentions')
      .set('content-type', 'application/json')
      .send('{"intakeDate": ')
      .expect(400);
    expect(res.body.message).toEqual(['request body is not valid JSON']);
  });

  it('GET /health answers 503 naming Temporal when Temporal does not answer', async () => {
    const down = await startApi({ databaseUrl: db.url, temporalAddress: '127.0.0.1:1' });
    try {
      const res = await request(down.getHttpServer()).get('/health').expect(503);
      expect(res.body.details.postgres).toEqual({ status: 'up' });
      expect(res.body.error.temporal.status).toBe('down');
      expect(res.body.error.temporal.message).toMatch(/Temporal at 127\.0\.0\.1:1 does not answer/);
    } finally {
      await down.close();
    }
  });

  it('GET /health answers 503 naming PostgreSQL when PostgreSQL goes away', async () => {
    const target = new URL(db.url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const fragile = await startApi({ databaseUrl: viaProxy.toString(), temporalAddress });
    try {
      await request(fragile.getHttpServer()).get('/health').expect(200);
      proxy.cut();
      const res = await request(fragile.getHttpServer()).get('/health').expect(503);
      expect(res.body.error.postgres.status).toBe('down');
      expect(res.body.error.intake).toEqual({
        status: 'down',
        message: 'cannot be counted: PostgreSQL does not answer',
      });
      expect(res.body.details.temporal).toEqual({ status: 'up' });
    } finally {
      await fragile.close();
      await proxy.close();
    }
  });
});
