import { Client, Connection } from '@temporalio/client';
import { detentionWorkflowId } from '@terugkeer/contracts';
import { intakeBody } from '../support/intake';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

const UI_ORIGIN = 'http://localhost:8233';

/**
 * The codec server for the Temporal UI (issue 9): histories are encrypted; supervisors and admins — and nobody
 * else — get them decrypted, every decode is on the audit log, and the Temporal UI's origin may call it with the
 * codec cookie.
 */
describe('codec server', () => {
  let stack: Stack;
  let id: string;
  let encrypted: { metadata: Record<string, string>; data: string }[];

  beforeAll(async () => {
    stack = await startStack({ env: { CODEC_CORS_ORIGINS: UI_ORIGIN } });
    await seedPartners(stack.pg);
    const created = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', 'PI-ALMELO', 'cm-1'))
      .send(intakeBody())
      .expect(201);
    id = created.body.id;
    // What the Temporal UI sees: the history as stored, without our key.
    const connection = await Connection.connect({ address: stack.temporal.address });
    try {
      const raw = new Client({ connection });
      const history = await eventually(() => raw.workflow.getHandle(detentionWorkflowId(id)).fetchHistory());
      const input = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads!;
      encrypted = input.map((p) => ({
        metadata: Object.fromEntries(
          Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
        ),
        data: Buffer.from(p.data!).toString('base64'),
      }));
    } finally {
      await connection.close();
    }
  });
  afterAll(() => stack?.close());

  it('the history is unreadable without the key', () => {
    expect(Buffer.from(encrypted[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encrypted[0].data, 'base64').toString('latin1')).not.toContain('Jansen');
  });

  it('decodes for a supervisor, and writes the decode to the audit log', async () => {
    const supervisor = await stack.as('supervisor', '*', 'inspector-1');
    const res = await stack
      .http()
      .post('/codec/decode')
      .set('Authorization', supervisor)
      .set('X-Namespace', 'default')
      .send({ payloads: encrypted })
      .expect(200);
    const plain = Buffer.from(res.body.payloads[0].data, 'base64').toString('utf8');
    expect(plain).toContain('J. Jansen');
    expect(Buffer.from(res.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
    const { rows } = await stack.pg.query(
      `SELECT entry FROM audit_log WHERE action = 'decode:codec' AND detention_ids @> ARRAY[$1::uuid]`,
      [id],
    );
    expect(rows.map((r) => JSON.parse(r.entry))).toEqual([
      expect.objectContaining({ actor: 'inspector-1', role: 'supervisor', fields: ['temporal-payloads'] }),
    ]);
  });

  it('refuses everybody else: 401 without a token, 403 for other roles', async () => {
    await stack.http().post('/codec/decode').send({ payloads: encrypted }).expect(401);
    for (const [role, org] of [
      ['casemanager', 'PI-ALMELO'],
      ['municipality', 'GM0363'],
      ['partner', 'gm0363-nazorg'],
    ]) {
      await stack
        .http()
        .post('/codec/decode')
        .set('Authorization', await stack.as(role, org))
        .send({ payloads: encrypted })
        .expect(403);
    }
  });

  it('encodes and decodes round trip for an admin; bad payloads are a 400 naming the field', async () => {
    const admin = await stack.as('admin', '*');
    const plain = [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: 'eyJhIjoxfQ==' }];
    const encoded = await stack.http().post('/codec/encode').set('Authorization', admin).send({ payloads: plain });
    expect(encoded.status).toBe(200);
    expect(encoded.body.payloads[0].data).not.toBe(plain[0].data);
    const decoded = await stack.http().post('/codec/decode').set('Authorization', admin).send(encoded.body);
    expect(decoded.body).toEqual({ payloads: plain });
    const bad = await stack
      .http()
      .post('/codec/decode')
      .set('Authorization', admin)
      .send({ payloads: [{ data: 'not base64!' }] })
      .expect(400);
    expect(bad.body.message).toEqual(['payloads.0.data must be base64']);
  });

  it('the Temporal UI origin calls it with the HttpOnly codec cookie; other origins get no CORS', async () => {
    const supervisor = await stack.as('supervisor', '*', 'inspector-2');
    const session = await stack.http().post('/codec/session').set('Authorization', supervisor).expect(204);
    const cookie = (session.headers['set-cookie'] as unknown as string[])[0];
    expect(cookie).toMatch(/^terugkeer_codec=.+; Max-Age=\d+; Path=\/codec; .*HttpOnly; SameSite=Strict/);

    const preflight = await stack
      .http()
      .options('/codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    await stack
      .http()
      .options('/codec/decode')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .expect(403);

    const viaCookie = await stack
      .http()
      .post('/codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Cookie', cookie.split(';')[0])
      .send({ payloads: encrypted })
      .expect(200);
    expect(viaCookie.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(Buffer.from(viaCookie.body.payloads[0].data, 'base64').toString()).toContain('J. Jansen');
    // The cookie opens the codec only, not the API.
    await stack.http().get('/api/v1/detentions').set('Cookie', cookie.split(';')[0]).expect(401);
  });
});
