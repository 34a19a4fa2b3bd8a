import { signPayload } from '@terugkeer/auth';
import { addDays, amsterdamDate, BASIC_CONDITIONS, onOrBeforeWorkingDay } from '@terugkeer/domain';
import { PartnerSimulator } from '../../apps/partner-sim/src/partner-simulator';
import { eventually, startStack, type Stack } from '../support/stack';

const today = () => amsterdamDate(Date.now());

describe('chain organisations: registry, signed webhooks, signed answers, minimal data', () => {
  let stack: Stack;
  let admin: string;
  let simulator: PartnerSimulator;
  let simUrl: string;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    simulator = new PartnerSimulator({ partners: [], seed: 7 });
    simUrl = await simulator.listen();
    stack = await startStack();
    admin = await stack.as('admin', '*');
  });
  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  const registry = () => stack.http();

  describe('the partner registry (admin API)', () => {
    it('registers a partner and shows its secret once', async () => {
      const created = await registry()
        .post('/api/v1/partners')
        .set('Authorization', admin)
        .send({
          id: 'woonloket-test',
          name: 'Woonloket (test)',
          types: ['housing-request'],
          municipalities: ['GM0363'],
          webhookUrl: `${simUrl}/webhooks/woonloket-test`,
          government: true,
        })
        .expect(201);
      expect(created.body.secret).toMatch(/^tks_[A-Za-z0-9_-]{43}$/);
      expect(created.body).toMatchObject({ id: 'woonloket-test', delivery: 'webhook', hasSecret: true, active: true });
      secrets['woonloket-test'] = created.body.secret;

      const list = await registry().get('/api/v1/partners').set('Authorization', admin).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
      const stored = await stack.pg.query(`SELECT secret_ciphertext FROM partners WHERE id = 'woonloket-test'`);
      expect(stored.rows[0].secret_ciphertext).not.toContain(created.body.secret.slice(4));
      await registry()
        .post('/api/v1/partners')
        .set('Authorization', admin)
        .send({ ...created.body, secret: undefined })
        .expect(400);
    });

    it('refuses bad registrations naming each field, duplicates with 409, and non-admins with 403', async () => {
      const bad = await registry()
        .post('/api/v1/partners')
        .set('Authorization', admin)
        .send({
          id: '-x',
          name: '',
          types: ['teleport'],
          municipalities: ['GM9999'],
          webhookUrl: 'ftp://x',
          government: 'yes',
        })
        .expect(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^id must be/),
          'name should not be empty',
          expect.stringMatching(/^each value in types must be one of/),
          "municipalities must hold known CBS municipality codes (e.g. GM0363), or only '*'",
          'webhookUrl must be an http(s) URL',
          'government must be a boolean value',
        ]),
      );
      const body = {
        id: 'woonloket-test',
        name: 'again',
        types: ['housing-request'],
        municipalities: ['*'],
        government: true,
      };
      await registry().post('/api/v1/partners').set('Authorization', admin).send(body).expect(409);
      await registry()
        .post('/api/v1/partners')
        .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
        .send(body)
        .expect(403);
      await registry()
        .get('/api/v1/partners')
        .set('Authorization', await stack.as('supervisor', '*'))
        .expect(403);
    });

    it('updates a partner', async () => {
      const updated = await registry()
        .put('/api/v1/partners/woonloket-test')
        .set('Authorization', admin)
        .send({
          name: 'Woonloket Amsterdam (test)',
          types: ['housing-request'],
          municipalities: ['GM0363'],
          webhookUrl: `${simUrl}/webhooks/woonloket-test`,
          government: true,
        })
        .expect(200);
      expect(updated.body.name).toBe('Woonloket Amsterdam (test)');
      await registry()
        .put('/api/v1/partners/nope')
        .set('Authorization', admin)
        .send({ name: 'x', types: ['housing-request'], municipalities: ['*'], government: false })
        .expect(404);
      // Not silently: every change is on the audit log, with what it was and what it became.
      const { rows } = await stack.pg.query(
        `SELECT entry FROM audit_log WHERE action = 'change:partner:update' AND entry LIKE '%woonloket-test%'`,
      );
      expect(rows.map((r) => JSON.parse(r.entry))).toEqual([
        expect.objectContaining({
          role: 'admin',
          fields: ['name'],
          target: expect.stringContaining('"from":"Woonloket (test)","to":"Woonloket Amsterdam (test)"'),
        }),
      ]);
    });

    it('refuses webhook URLs to loopback or private addresses where not allowed, and plain http in production', async () => {
      const { webhookUrlProblem } = await import('@terugkeer/auth');
      const strict = { allowHttp: false, allowPrivate: false };
      expect(webhookUrlProblem('https://partner.example/hook', strict)).toBeUndefined();
      expect(webhookUrlProblem('http://partner.example/hook', strict)).toBe('webhookUrl must be an https URL');
      for (const url of [
        'https://127.0.0.1/hook',
        'https://localhost:8080/hook',
        'https://10.1.2.3/hook',
        'https://192.168.0.10/hook',
        'https://169.254.169.254/latest/meta-data',
        'https://[::1]/hook',
        'https://[fd00::1]/hook',
        'https://[::ffff:10.0.0.1]/hook',
      ]) {
        expect(webhookUrlProblem(url, strict)).toBe(
          'webhookUrl must not point at loopback or private network addresses',
        );
      }
      expect(webhookUrlProblem('https://user:pw@partner.example/hook', strict)).toBe(
        'webhookUrl must not carry credentials',
      );
    });

    it("refuses a deactivated partner's tokens", async () => {
      const token = await stack.as('partner', 'woonloket-test');
      await registry().get('/api/v1/requests').set('Authorization', token).expect(200);
      await registry()
        .put('/api/v1/partners/woonloket-test')
        .set('Authorization', admin)
        .send({
          name: 'Woonloket Amsterdam (test)',
          types: ['housing-request'],
          municipalities: ['GM0363'],
          webhookUrl: `${simUrl}/webhooks/woonloket-test`,
          government: true,
          active: false,
        })
        .expect(200);
      const refused = await registry().get('/api/v1/requests').set('Authorization', token).expect(401);
      expect(refused.body.message).toBe('Unauthorized: the partner is deactivated or unknown');
      await registry()
        .get('/api/v1/requests')
        .set('Authorization', await stack.as('partner', 'nobody'))
        .expect(401);
      await registry()
        .put('/api/v1/partners/woonloket-test')
        .set('Authorization', admin)
        .send({
          name: 'Woonloket Amsterdam (test)',
          types: ['housing-request'],
          municipalities: ['GM0363'],
          webhookUrl: `${simUrl}/webhooks/woonloket-test`,
          government: true,
          active: true,
        })
        .expect(200);
    });
  });

  describe('answers signed by the partner', () => {
    let requestId: string;

    beforeAll(async () => {
      // An inbox partner with one request, inserted as the workflow's projection would.
      const created = await registry()
        .post('/api/v1/partners')
        .set('Authorization', admin)
        .send({
          id: 'signer',
          name: 'Signer',
          types: ['detention-start-notice'],
          municipalities: ['*'],
          government: false,
        })
        .expect(201);
      secrets.signer = created.body.secret;
      const detention = await stack.pg.query(
        `INSERT INTO detentions (id, workflow_id, prison, municipality, probation, person_name, person_bsn, person_key,
           person_date_of_birth, casemanager, intake_date, needs, playbook_id, playbook_version, registered_by, registered_at, workflow_started_at)
         VALUES (gen_random_uuid(), 'detention-x', 'PI-ALMELO', 'GM0363', 'RN', 'X', '123456782', 'k', '1990-01-01', '{}',
           $1, '{}', 'default', 1, 't', now(), now()) RETURNING id`,
        [today()],
      );
      const request = await stack.pg.query(
        `INSERT INTO requests (id, detention_id, step_instance_id, type, recipient, routed_to, partner_id, government, status, data, sent_at, version)
         VALUES (gen_random_uuid(), $1, 'detention-start-notice', 'detention-start-notice', 'probation', 'RN', 'signer', false, 'withdrawn', '{}', now(), 1)
         RETURNING id`,
        [detention.rows[0].id],
      );
      requestId = request.rows[0].id;
    });

    const answer = (
      body: object,
      {
        secret = secrets.signer,
        partner = 'signer',
        timestamp = Math.floor(Date.now() / 1000),
        tamper = false,
        scope = undefined as string | null | undefined,
      } = {},
    ) => {
      const raw = JSON.stringify(body);
      return registry()
        .post(`/api/v1/requests/${requestId}/responses`)
        .set('Content-Type', 'application/json')
        .set('X-Terugkeer-Partner', partner)
        .set('X-Terugkeer-Timestamp', String(timestamp))
        .set(
          'X-Terugkeer-Signature',
          signPayload(
            secret,
            timestamp,
            raw,
            scope === null ? undefined : (scope ?? `POST /api/v1/requests/${requestId}/responses`),
          ),
        )
        .send(tamper ? raw.replace('received', 'declined') : raw);
    };

    it('accepts a valid signature instead of a token (a response to a withdrawn request is recorded, not applied)', async () => {
      const res = await answer({ status: 'received' }).expect(200);
      expect(res.body).toMatchObject({
        requestId,
        status: 'withdrawn',
        response: { status: 'received', effect: 'withdrawn' },
      });
    });

    it('refuses a wrong secret, a stale timestamp, a tampered body and an unknown partner with 401', async () => {
      expect((await answer({ status: 'received' }, { secret: 'tks_wrong' }).expect(401)).body.message).toMatch(
        /signature does not match/,
      );
      expect(
        (await answer({ status: 'received' }, { timestamp: Math.floor(Date.now() / 1000) - 600 }).expect(401)).body
          .message,
      ).toMatch(/stale timestamp/);
      await answer({ status: 'received' }, { tamper: true }).expect(401);
      await answer({ status: 'received' }, { partner: 'nobody' }).expect(401);
      // The signature covers method and path: signed for another request (or the old body-only way), it is refused.
      const otherRequest = `POST /api/v1/requests/00000000-0000-4000-8000-000000000000/responses`;
      await answer({ status: 'received' }, { scope: otherRequest }).expect(401);
      await answer({ status: 'received' }, { scope: null }).expect(401);
      // Another partner's valid signature does not reach this partner's request.
      await answer({ status: 'received' }, { partner: 'woonloket-test', secret: secrets['woonloket-test'] }).expect(
        404,
      );
    });

    it('after a rotation both secrets work during the overlap; afterwards only the new one', async () => {
      const rotated = await registry().post('/api/v1/partners/signer/secret').set('Authorization', admin).expect(200);
      expect(rotated.body.secret).not.toBe(secrets.signer);
      expect(rotated.body.previousSecretValidUntil).toEqual(expect.any(String));
      await answer({ status: 'received' }).expect(200);
      await answer({ status: 'received' }, { secret: rotated.body.secret }).expect(200);
      await stack.pg.query(
        `UPDATE partners SET previous_secret_expires_at = now() - interval '1 second' WHERE id = 'signer'`,
      );
      await answer({ status: 'received' }).expect(401);
      await answer({ status: 'received' }, { secret: rotated.body.secret }).expect(200);
      secrets.signer = rotated.body.secret;
    });
  });

  describe('the closed loop through signed webhooks', () => {
    let id: string;
    const casemanager = () => stack.as('casemanager', 'PI-ALMELO', 'cm-1');

    beforeAll(async () => {
      // Partners the simulator plays: the municipality desk (webhook, answers), probation (webhook, answers),
      // a care provider that is no government body (webhook), and Almelo civil affairs (inbox).
      const partners = [
        {
          id: 'gm0363-desk',
          types: ['detention-start-notice', 'release-notice', 'debt-help-referral', 'benefit-pre-application'],
          municipalities: ['GM0363'],
          government: true,
          webhook: true,
        },
        {
          id: 'RN',
          types: ['detention-start-notice', 'release-notice'],
          municipalities: ['*'],
          government: true,
          webhook: true,
        },
        { id: 'zorg-test', types: ['care-continuity'], municipalities: ['*'], government: false, webhook: true },
        { id: 'gm0141-bz', types: ['id-application'], municipalities: ['GM0141'], government: true, webhook: false },
      ];
      for (const { webhook, ...p } of partners) {
        const res = await registry()
          .post('/api/v1/partners')
          .set('Authorization', admin)
          .send({ ...p, name: p.id, webhookUrl: webhook ? `${simUrl}/webhooks/${p.id}` : null })
          .expect(201);
        if (webhook)
          // The care provider accepts but does not finish: its request is still open when the case ends.
          simulator.setPartner({
            id: p.id,
            secret: res.body.secret,
            behaviour: { answerDelayMs: 50, complete: p.id !== 'zorg-test' },
          });
      }

      const intake = onOrBeforeWorkingDay(addDays(today(), -1));
      const res = await stack
        .http()
        .post('/api/v1/detentions')
        .set('Authorization', await casemanager())
        .send({
          person: { bsn: '123456782', name: 'J. Jansen', dateOfBirth: '1990-05-01' },
          prison: 'PI-ALMELO',
          municipality: 'GM0363',
          probation: 'RN',
          intakeDate: intake,
          expectedReleaseDate: addDays(intake, 30),
          casemanager: { name: 'C. de Vries', email: 'c@dji.example', phone: '+31 546 000 000' },
          needs: {
            id: true,
            housing: false,
            income: false,
            debts: false,
            care: true,
            bankAccount: false,
            digid: false,
          },
          idDocumentExpiry: null,
        })
        .expect(201);
      id = res.body.id;
    });

    it('delivers by signed webhook; the partner answers signed; the ledger closes the loop', async () => {
      const notices = await eventually(async () => {
        const { rows } = await stack.pg.query(
          `SELECT id, status, delivery, acknowledged_at, closed_at FROM requests WHERE detention_id = $1 AND type = 'detention-start-notice'`,
          [id],
        );
        // A notice is taken note of: received, then completed.
        expect(rows.map((r: { status: string; delivery: string }) => [r.status, r.delivery])).toEqual([
          ['completed', 'delivered'],
          ['completed', 'delivered'],
        ]);
        return rows as { id: string; closed_at: Date | null }[];
      });
      expect(notices.every((r) => r.closed_at !== null)).toBe(true);
      const received = simulator.received().filter((m) => notices.some((r) => r.id === m.requestId));
      expect(received).toHaveLength(2);
      for (const message of received)
        expect(message).toMatchObject({ processed: 1, identicalBodies: true, event: 'request' });
      // The workflow records each answer on the timeline as its signal arrives: a moment after the ledger.
      await eventually(async () => {
        const timeline = await stack
          .http()
          .get(`/api/v1/detentions/${id}/timeline`)
          .set('Authorization', await casemanager())
          .expect(200);
        const types = timeline.body.events.map((e: { type: string }) => e.type);
        expect(types.filter((t: string) => t === 'request-delivered')).toHaveLength(2);
        expect(types.filter((t: string) => t === 'request-response')).toHaveLength(4);
      });
    });

    it('never sends the BSN to a partner that is no government body; logs every disclosure', async () => {
      const tasks = await stack
        .http()
        .get(`/api/v1/tasks?detentionId=${id}&type=screening`)
        .set('Authorization', await casemanager())
        .expect(200);
      await stack
        .http()
        .post(`/api/v1/tasks/${tasks.body.items[0].id}/complete`)
        .set('Authorization', await casemanager())
        .send({
          outcome: 'completed',
          data: {
            needs: {
              id: true,
              housing: false,
              income: false,
              debts: false,
              care: true,
              bankAccount: false,
              digid: false,
            },
            consent: { id: true, housing: true, income: true, debts: true, care: true },
            conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
            idDocumentExpiry: null,
          },
        })
        .expect(200);
      const care = await eventually(async () => {
        const message = simulator.received().find((m) => m.type === 'care-continuity' && m.partnerId === 'zorg-test');
        expect(message).toBeDefined();
        return message!;
      });
      expect(care.body.data).toMatchObject({
        caseReference: expect.stringMatching(/^TK-/),
        helpNeeded: { care: true },
      });
      expect(JSON.stringify(care.body)).not.toMatch(/123456782|Jansen|1990-05-01/);
      const notice = simulator
        .received()
        .find((m) => m.partnerId === 'gm0363-desk' && m.type === 'detention-start-notice')!;
      expect(notice.body.data).toMatchObject({ person: { bsn: '123456782' } });

      const supervisor = await stack.as('supervisor', '*');
      const audit = await eventually(async () => {
        const res = await stack
          .http()
          .get(`/api/v1/audit?detentionId=${id}`)
          .set('Authorization', supervisor)
          .expect(200);
        expect(res.body.disclosures.some((d: { partnerId: string }) => d.partnerId === 'zorg-test')).toBe(true);
        return res.body;
      });
      const toCare = audit.disclosures.find((d: { partnerId: string }) => d.partnerId === 'zorg-test');
      expect(toCare).toMatchObject({
        event: 'request',
        basis: expect.stringContaining('consent of the detainee (care)'),
      });
      expect(toCare.fields).not.toContain('person');
      expect(audit.disclosures.find((d: { partnerId: string }) => d.partnerId === 'gm0363-desk').fields).toContain(
        'person',
      );
    });

    it('withdraws at the partner when the detainee dies', async () => {
      await stack
        .http()
        .post(`/api/v1/detentions/${id}/end`)
        .set('Authorization', await casemanager())
        .send({ reason: 'deceased', date: today() })
        .expect(200);
      await eventually(async () => {
        const withdrawals = simulator.received().filter((m) => m.event === 'withdrawal' && m.partnerId === 'zorg-test');
        expect(withdrawals).toHaveLength(1);
        expect(withdrawals[0].body).toMatchObject({ reason: 'case-closed', data: {} });
        expect(JSON.stringify(withdrawals[0].body)).not.toMatch(/deceased/);
      });
    });
  });
});
