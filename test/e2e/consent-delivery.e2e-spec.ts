import { BASIC_CONDITIONS } from '@terugkeer/domain';
import { createServer, type Server } from 'node:http';
import { intakeBody } from '../support/intake';
import { eventually, startStack, type Stack } from '../support/stack';

interface Posted {
  event: string;
  type: string;
  requestId: string;
  data: { helpNeeded?: Record<string, boolean> };
}

/**
 * A revoked consent stops data still on its way (issue 9), on the real engine: the partner is down; the
 * care-continuity request being retried is stopped when consent for care is revoked (right after the screening that
 * sent it), the notice on its way takes the data as they are now; once the partner is back it gets the notice
 * without the care need, an update after it, and the request's withdrawal — never the request itself.
 *
 * Care continuity, not the debt-help referral: the referral fires at the screening (`S`, today), and screened on a
 * weekend or holiday (or before six) it goes out on the next working day (rule 10), not within the test. Care
 * continuity fires at R−6w, past for a release in 30 days: it goes out as soon as the screening gives its consent,
 * whatever the day and hour.
 */
describe('consent revoked while messages are on their way', () => {
  let stack: Stack;
  let server: Server;
  let down = true;
  const posted: Posted[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const message = JSON.parse(body) as Posted;
        posted.push(message);
        const refuse = message.event === 'request' && (message.type === 'care-continuity' || down);
        res.writeHead(refuse ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stack = await startStack();
    const port = (server.address() as { port: number }).port;
    await stack
      .http()
      .post('/api/v1/partners')
      .set('Authorization', await stack.as('admin', '*'))
      .send({
        id: 'gm0363-desk',
        name: 'Amsterdam desk',
        types: ['detention-start-notice', 'care-continuity'],
        municipalities: ['GM0363'],
        webhookUrl: `http://127.0.0.1:${port}/hook`,
        government: true,
      })
      .expect(201);
  });
  afterAll(async () => {
    await stack?.close();
    server?.close();
  });

  it('never delivers the withdrawn care request, and the notice without the care need', async () => {
    const casemanager = await stack.as('casemanager', 'PI-ALMELO');
    const created = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', casemanager)
      .send(intakeBody({ releaseInDays: 30 }));
    const id = created.body.id as string;
    const screening = await eventually(async () => {
      const { body } = await stack
        .http()
        .get(`/api/v1/tasks?detentionId=${id}&type=screening`)
        .set('Authorization', casemanager);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    });
    await stack
      .http()
      .post(`/api/v1/tasks/${screening.id}/complete`)
      .set('Authorization', casemanager)
      .send({
        outcome: 'completed',
        data: {
          needs: {
            id: false,
            housing: false,
            income: false,
            debts: false,
            care: true,
            bankAccount: false,
            digid: false,
          },
          consent: { id: true, housing: true, income: true, debts: true, care: true },
          conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
          idDocumentExpiry: '2035-01-01',
        },
      })
      .expect(200);
    await stack
      .http()
      .put(`/api/v1/detentions/${id}/consent`)
      .set('Authorization', casemanager)
      .send({ care: false })
      .expect(200);
    down = false;

    const requests = await eventually(async () => {
      const { body } = await stack.http().get(`/api/v1/requests`).set('Authorization', casemanager);
      const care = body.items.find((r: { type: string }) => r.type === 'care-continuity');
      const notice = body.items.find((r: { type: string }) => r.type === 'detention-start-notice');
      expect(care).toMatchObject({ status: 'withdrawn', delivery: 'cancelled' });
      expect(notice).toMatchObject({ delivery: 'delivered' });
      expect(posted.some((m) => m.requestId === care.id && m.event === 'withdrawal')).toBe(true);
      expect(posted.some((m) => m.requestId === notice.id && m.event === 'update')).toBe(true);
      return { care, notice };
    }, 90_000);
    const sent = posted.filter((m) => m.requestId === requests.care.id && m.event === 'request').length;
    const notices = posted.filter((m) => m.requestId === requests.notice.id && m.event !== 'withdrawal');
    expect(notices.at(-1)!.data.helpNeeded ?? {}).not.toHaveProperty('care');
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    expect(posted.filter((m) => m.requestId === requests.care.id && m.event === 'request')).toHaveLength(sent);
  }, 150_000);
});
