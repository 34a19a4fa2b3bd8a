import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { PartnerSecrets, verifySignature } from '@terugkeer/auth';
import { DELIVERY_ERRORS, type PendingDelivery } from '@terugkeer/contracts';
import { AuditLog, dataSourceOptions } from '@terugkeer/persistence';
import { DataSource } from 'typeorm';
import { PartnerSimulator } from '../../apps/partner-sim/src/partner-simulator';
import { WebhookDeliveryActivities } from '../../apps/worker/src/activities/webhook-delivery.activities';
import { createTestDatabase } from '../support/database';
import { freePort } from '../support/ports';
import { unitConfig } from '../support/tokens';

/**
 * The real delivery activity against a real HTTP endpoint (the partner simulator) and the real partner
 * registry in PostgreSQL. The retry policy around it is the workflow's (see test/workflow/partner-delivery).
 */
describe('webhook delivery activity (real HTTP, real registry)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let simulator: PartnerSimulator;
  let simUrl: string;
  let activities: WebhookDeliveryActivities;
  // The simulator listens on this machine.
  const config = unitConfig({
    PUBLIC_BASE_URL: 'https://terugkeer.example',
    WEBHOOK_TIMEOUT: '2s',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  });
  const secrets = new PartnerSecrets(config);
  const partnerSecret = 'tks_the-partners-secret';

  async function register(id: string, webhookUrl: string, secret = partnerSecret) {
    await dataSource.query(
      `INSERT INTO partners (id, name, types, municipalities, webhook_url, government, secret_ciphertext)
       VALUES ($1, $1, '{housing-request}', '{GM0363}', $2, true, $3)`,
      [id, webhookUrl, secrets.encrypt(secret)],
    );
  }

  const message = (partnerId: string, key = `req-${partnerId}`): PendingDelivery => ({
    key,
    requestId: key,
    partnerId,
    body: {
      event: 'request',
      requestId: key,
      type: 'housing-request',
      caseReference: 'TK-1234ABCD',
      dueDate: '2027-03-01',
      data: { caseReference: 'TK-1234ABCD', helpNeeded: { housing: true } },
    },
    createdAt: new Date().toISOString(),
  });

  const deliver = (m: PendingDelivery) =>
    new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') }).run(
      (x: PendingDelivery) => activities.deliverMessage(x),
      m,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    activities = new WebhookDeliveryActivities(dataSource, secrets, new AuditLog(dataSource), config);
    simulator = new PartnerSimulator({
      seed: 1,
      partners: [
        { id: 'ok', secret: partnerSecret, behaviour: { answer: false } },
        { id: 'busy', secret: partnerSecret, behaviour: { answer: false, failFirst: { count: 1, status: 503 } } },
        {
          id: 'throttled',
          secret: partnerSecret,
          behaviour: { answer: false, failFirst: { count: 1, status: 429, retryAfterSeconds: 7 } },
        },
        { id: 'picky', secret: partnerSecret, behaviour: { answer: false, failFirst: { count: 99, status: 400 } } },
        { id: 'slow', secret: partnerSecret, behaviour: { answer: false, latencyMs: 5000 } },
        { id: 'other-secret', secret: 'tks_not-what-terugkeer-has', behaviour: { answer: false } },
      ],
    });
    simUrl = await simulator.listen();
    for (const id of ['ok', 'busy', 'throttled', 'picky', 'slow', 'other-secret'])
      await register(id, `${simUrl}/webhooks/${id}`);
    await register('gone', `http://127.0.0.1:${await freePort()}/webhooks/gone`);
    await dataSource.query(
      `INSERT INTO partners (id, name, types, municipalities, government) VALUES ('inbox-only', 'x', '{}', '{*}', true)`,
    );
  });
  afterAll(async () => {
    await simulator?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('POSTs the message signed with the partner secret, with its Idempotency-Key and a respondUrl', async () => {
    await expect(deliver(message('ok'))).resolves.toEqual({ httpStatus: 202 });
    const [received] = simulator.received().filter((m) => m.partnerId === 'ok');
    expect(received).toMatchObject({ key: 'req-ok', attempts: 1, processed: 1 });
    expect(received.body).toEqual({
      ...message('ok').body,
      respondUrl: 'https://terugkeer.example/api/v1/requests/req-ok/responses',
    });
    // The same message again is the same message: the partner takes it in once.
    await expect(deliver(message('ok'))).resolves.toEqual({ httpStatus: 200 });
    expect(simulator.received().find((m) => m.key === 'req-ok')).toMatchObject({
      attempts: 2,
      processed: 1,
      identicalBodies: true,
    });
  });

  it('503: a retryable failure; the next attempt goes through', async () => {
    const failure = await deliver(message('busy')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: DELIVERY_ERRORS.unavailable,
      nonRetryable: false,
      message: 'webhook of busy answered 503',
    });
    await expect(deliver(message('busy'))).resolves.toEqual({ httpStatus: 202 });
    // Both attempts are on record, before sending and with how each ended: a failed attempt may still have reached
    // the partner.
    const logged: { entry: string }[] = await dataSource.query(
      `SELECT entry FROM audit_log WHERE entry LIKE '%"target":"busy"%' ORDER BY seq`,
    );
    expect(logged.map((r) => JSON.parse(r.entry) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ action: 'disclose:attempt:request', actor: 'terugkeer', requestId: 'req-busy' }),
      expect.objectContaining({ action: 'disclose:outcome:request', outcome: 'HTTP 503' }),
      expect.objectContaining({ action: 'disclose:attempt:request' }),
      expect.objectContaining({ action: 'disclose:outcome:request', outcome: 'HTTP 202' }),
    ]);
  });

  it("429: retryable, after the partner's Retry-After", async () => {
    const failure = (await deliver(message('throttled')).catch((e: unknown) => e)) as ApplicationFailure;
    expect(failure).toMatchObject({ type: DELIVERY_ERRORS.unavailable, nonRetryable: false });
    expect(failure.nextRetryDelay).toBe(7000);
  });

  it('another 4xx: not retryable (a human contacts the partner)', async () => {
    await expect(deliver(message('picky'))).rejects.toMatchObject({
      type: DELIVERY_ERRORS.rejected,
      nonRetryable: true,
      message: 'webhook of picky refused the message: HTTP 400',
    });
    // A partner that cannot verify our signature (a secret mix-up) answers 401: also a human's work.
    await expect(deliver(message('other-secret'))).rejects.toMatchObject({
      type: DELIVERY_ERRORS.rejected,
      nonRetryable: true,
    });
    expect(simulator.received().find((m) => m.partnerId === 'other-secret')).toBeUndefined();
  });

  it('refuses to send to a loopback or private address unless allowed: not retryable, nothing sent', async () => {
    const strict = new WebhookDeliveryActivities(
      dataSource,
      secrets,
      new AuditLog(dataSource),
      unitConfig({ PUBLIC_BASE_URL: 'https://terugkeer.example', WEBHOOK_TIMEOUT: '2s' }),
    );
    const before = simulator.received().length;
    await expect(
      new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') }).run(
        (x: PendingDelivery) => strict.deliverMessage(x),
        message('ok', 'req-strict'),
      ),
    ).rejects.toMatchObject({
      type: DELIVERY_ERRORS.misconfigured,
      nonRetryable: true,
      message: 'partner ok: webhookUrl must not point at loopback or private network addresses',
    });
    expect(simulator.received()).toHaveLength(before);
  });

  it('network errors and time-outs: retryable', async () => {
    await expect(deliver(message('gone'))).rejects.toMatchObject({
      type: DELIVERY_ERRORS.unavailable,
      nonRetryable: false,
    });
    await expect(deliver(message('slow'))).rejects.toMatchObject({
      type: DELIVERY_ERRORS.unavailable,
      nonRetryable: false,
    });
  });

  it('a partner without a webhook: misconfigured, not retryable', async () => {
    await expect(deliver(message('inbox-only'))).rejects.toMatchObject({
      type: DELIVERY_ERRORS.misconfigured,
      nonRetryable: true,
    });
  });

  it('the signature the partner checks is over "<timestamp>.<raw body>"', async () => {
    let captured: { headers: Record<string, string>; body: string } | undefined;
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        captured = { headers: req.headers as Record<string, string>, body };
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await register('raw', `http://127.0.0.1:${port}/hook`);
    await deliver(message('raw'));
    server.close();
    expect(captured!.headers['content-type']).toBe('application/json');
    expect(captured!.headers['idempotency-key']).toBe('req-raw');
    expect(
      verifySignature(
        [partnerSecret],
        captured!.headers['x-terugkeer-timestamp'],
        captured!.headers['x-terugkeer-signature'],
        captured!.body,
      ),
    ).toEqual({ ok: true });
  });
});
