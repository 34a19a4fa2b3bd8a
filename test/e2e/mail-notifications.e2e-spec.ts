import { AppConfig } from '@terugkeer/config';
import { addDays, amsterdamDate, amsterdamInstant } from '@terugkeer/domain';
import { NotificationSweep } from '../../apps/worker/src/notifications/notification-sweep.service';
import { intakeBody } from '../support/intake';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../support/mail-catcher';
import { uniquePerson } from '../support/people';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

/**
 * E-mail that reaches people (issue 10): urgent work is mailed at once to the functional mailboxes of the
 * organisation that must act, through a real SMTP server (maildev) and the real stack; the mails carry a case
 * reference and a link, never personal data; each event reaches each mailbox once.
 */
describe('e-mail notifications (real maildev, worker, Temporal and PostgreSQL)', () => {
  let catcher: MailCatcher;
  let stack: Stack;
  let baseUrl: string;
  const person = uniquePerson();
  let id: string;
  let caseReference: string;

  const PRISON = 'cm-desk@almelo.dji.example';
  const MUNICIPALITY = 'nazorg@amsterdam.example';
  const DIGEST_ONLY = 'overzicht@almelo.dji.example';
  const to = (mail: CaughtMail) => mail.to.map((t) => t.address.toLowerCase());
  const mailsTo = async (address: string) => (await catcher.mails()).filter((m) => to(m).includes(address));

  beforeAll(async () => {
    catcher = await startMailCatcher();
    stack = await startStack({ env: { SMTP_URL: catcher.smtpUrl, MAIL_SWEEP_INTERVAL: '1s' } });
    await seedPartners(stack.pg);
    baseUrl = stack.worker.app.get(AppConfig).PUBLIC_BASE_URL;
    const admin = await stack.as('admin', '*');
    const put = (code: string, contacts: object[]) =>
      stack.http().put(`/api/v1/organisations/${code}/contacts`).set('Authorization', admin).send({ contacts });
    await put('PI-ALMELO', [
      { role: 'casemanager', email: PRISON, name: 'Casemanagers PI Almelo', notify: 'urgent' },
      { role: 'casemanager', email: DIGEST_ONLY, name: 'Dagoverzicht', notify: 'digest' },
    ]).expect(200);
    await put('GM0363', [{ role: 'municipality', email: MUNICIPALITY, name: 'Team Nazorg', notify: 'both' }]).expect(
      200,
    );

    // Released in 10 days, housing needed and not arranged: red within 14 days of release. With consent, a stay this
    // short sends the housing request at intake.
    const { surname: _surname, ...fields } = person;
    const created = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
      .send({ ...intakeBody({ releaseInDays: 10, person: fields }), consent: { housing: true } })
      .expect(201);
    id = created.body.id;
    // The case reference comes with the workflow's first projection.
    caseReference = await eventually(async () => {
      const { rows } = await stack.pg.query('SELECT case_reference FROM detentions WHERE id = $1', [id]);
      expect(rows[0].case_reference).toMatch(/^TK-/);
      return rows[0].case_reference as string;
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await catcher?.close();
  });

  /** What every mail must be: the case reference, the link, and nothing of the person. */
  function expectSafe(mail: CaughtMail, { digest = false } = {}) {
    if (!digest) expect(mail.subject).toContain(caseReference);
    expect(mail.text).toContain(caseReference);
    expect(mail.text).toContain(`${baseUrl}/ui/#/detentions/${id}`);
    const all = JSON.stringify(mail);
    for (const secret of [person.surname, person.bsn, person.dateOfBirth]) expect(all).not.toContain(secret);
  }

  it('mails a release within 14 days with a red condition at once to the prison and the municipality', async () => {
    const [prison, municipality] = await eventually(async () => {
      const found = [
        (await mailsTo(PRISON)).find((m) => m.subject.includes('vrijlating binnen 14 dagen')),
        (await mailsTo(MUNICIPALITY)).find((m) => m.subject.includes('vrijlating binnen 14 dagen')),
      ];
      expect(found).toEqual([expect.anything(), expect.anything()]);
      return found as CaughtMail[];
    }, 30_000);
    for (const mail of [prison, municipality]) {
      expectSafe(mail);
      expect(mail.subject).toMatch(/^\[Terugkeer\] Urgent: /);
      expect(mail.text).toMatch(/over 10 dagen/);
    }
    // A digest-only mailbox hears nothing urgent.
    expect(await mailsTo(DIGEST_ONLY)).toEqual([]);
  });

  it('mails a declined request at once to the mailbox of the organisation that must act', async () => {
    const partner = await stack.as('partner', 'gm0363-nazorg');
    const housing = await eventually(async () => {
      const inbox = await stack.http().get('/api/v1/requests').set('Authorization', partner).expect(200);
      const found = inbox.body.items.find(
        (r: { detentionId: string; type: string }) => r.detentionId === id && r.type === 'housing-request',
      );
      expect(found).toBeDefined();
      return found;
    }, 30_000);
    await stack
      .http()
      .post(`/api/v1/requests/${housing.id}/responses`)
      .set('Authorization', partner)
      .send({ status: 'declined', reason: `no room for ${person.name}`, note: `BSN ${person.bsn}` })
      .expect(200);
    const task = await eventually(async () => {
      const { rows } = await stack.pg.query(
        `SELECT role, org FROM tasks WHERE detention_id = $1 AND type = 'request-follow-up' AND context ->> 'requestId' = $2`,
        [id, housing.id],
      );
      expect(rows).toHaveLength(1);
      return rows[0] as { role: string; org: string };
    });
    expect(task).toEqual({ role: 'municipality', org: 'GM0363' });
    const declined = await eventually(async () => {
      const found = (await mailsTo(MUNICIPALITY)).filter((m) => m.subject.includes('verzoek afgewezen'));
      expect(found).toHaveLength(1);
      return found[0];
    }, 30_000);
    expectSafe(declined);
    // The partner's reason and note are free text: not in the mail.
    expect(declined.text).not.toContain('no room');
    expect((await mailsTo(PRISON)).some((m) => m.subject.includes('verzoek afgewezen'))).toBe(false);
  });

  it('never mails an event twice to a mailbox, however often the sweep runs', async () => {
    const sweep = stack.worker.app.get(NotificationSweep);
    const before = (await catcher.mails()).length;
    expect(await sweep.sweep()).toMatchObject({ queued: 0, sent: 0 });
    expect(await sweep.sweep()).toMatchObject({ queued: 0, sent: 0 });
    expect((await catcher.mails()).length).toBe(before);
    const { rows } = await stack.pg.query(
      `SELECT event_key, recipient, count(*)::int AS n, bool_and(sent_at IS NOT NULL) AS sent
       FROM mail_outbox GROUP BY event_key, recipient`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row).toMatchObject({ n: 1, sent: true });
    expect(JSON.stringify(rows)).not.toContain(person.surname);
  });

  it('sends the rest in a daily digest from MAIL_DIGEST_HOUR, to the mailboxes that want it, once', async () => {
    // The first digest after the tasks were made, an hour after its hour (7:00): a digest covers the day up to its
    // hour, so tasks made before 7:00 are in today's, later ones in tomorrow's.
    const today = amsterdamDate(Date.now());
    const digestDay = Date.now() < amsterdamInstant(today, '07:00') ? today : addDays(today, 1);
    const at = new Date(amsterdamInstant(digestDay, '08:00'));
    const sweep = stack.worker.app.get(NotificationSweep);
    expect((await sweep.sweep(at)).sent).toBeGreaterThan(0);
    const digests = async (address: string) =>
      (await mailsTo(address)).filter((m) => m.subject.startsWith(`[Terugkeer] Overzicht van ${digestDay}`));
    const [digest] = await digests(DIGEST_ONLY);
    expect(digest).toBeDefined();
    expect(digest.text).toMatch(/nieuwe ta(ak|ken)/);
    expectSafe(digest, { digest: true });
    expect(digest.to.map((t) => t.address)).toEqual([DIGEST_ONLY]);
    // The prison's other mailbox wants urgent mail only.
    expect(await digests(PRISON)).toEqual([]);
    await sweep.sweep(new Date(at.getTime() + 3_600_000));
    expect(await digests(DIGEST_ONLY)).toHaveLength(1);
  });
});
