import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { IntakeRelay } from '../../apps/worker/src/intake-relay.service';
import { urgentWork } from '../../apps/worker/src/notifications/urgent-work';
import { intakeBody } from '../support/intake';
import { uniquePerson } from '../support/people';
import { eventually, seedPartners, startApi, startStack, type Stack } from '../support/stack';
import { startTcpProxy } from '../support/tcp-proxy';

const somebody = () => {
  const { bsn, name, dateOfBirth } = uniquePerson();
  return { bsn, name, dateOfBirth };
};
/** The deadlines of the API behind the proxy: short, so that the suite is. */
const DEADLINES = { TEMPORAL_RPC_TIMEOUT: '1s', TEMPORAL_UPDATE_TIMEOUT: '1500ms' };
/** Far beyond those deadlines: an answer later than this is an API that hangs (supertest fails the request). */
const HANGS_AFTER_MS = 10_000;

/**
 * Bounded waiting (issue 11, item 5). A second API reaches the real Temporal through a TCP proxy the test pauses
 * (Temporal hangs: 504, within the deadline, saying what may not have been done) and cuts (Temporal is gone: 503,
 * nothing done, safe to retry); an intake is accepted either way and started later by the relay. Then the relay
 * meets starts Temporal refuses for good: recorded, reported, and the other registrations get their workflows.
 */
describe('bounded waiting for Temporal', () => {
  let stack: Stack;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let fragile: NestExpressApplication;
  let casemanager: string;

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    const temporal = new URL(`grpc://${stack.temporal.address}`);
    proxy = await startTcpProxy(temporal.hostname, Number(temporal.port));
    fragile = await startApi({ ...stack.options, temporalAddress: `127.0.0.1:${proxy.port}`, env: DEADLINES });
    casemanager = await stack.as('casemanager', 'PI-ALMELO', 'cm-almelo');
  });
  afterAll(async () => {
    await fragile?.close();
    await proxy?.close();
    await stack?.close();
  });

  /** The API behind the proxy. */
  const viaProxy = () => request(fragile.getHttpServer());
  const register = (http: ReturnType<typeof request>) =>
    http
      .post('/api/v1/detentions')
      .set('Authorization', casemanager)
      .send(intakeBody({ person: somebody() }))
      .timeout(HANGS_AFTER_MS)
      .expect(201)
      .then((res) => res.body.id as string);
  const moveRelease = (http: ReturnType<typeof request>, id: string) =>
    http
      .put(`/api/v1/detentions/${id}/expected-release`)
      .set('Authorization', casemanager)
      .send({ expectedReleaseDate: intakeBody({ releaseInDays: 100 }).expectedReleaseDate, reason: 'court' })
      .timeout(HANGS_AFTER_MS);
  const startColumns = async (id: string) =>
    (
      await stack.pg.query(
        `SELECT workflow_started_at AS "startedAt", workflow_start_error AS error,
                workflow_start_refused_at AS "refusedAt" FROM detentions WHERE id = $1`,
        [id],
      )
    ).rows[0];
  /** Past the relay's grace period, in the order given (the first the oldest), and run the relay now. */
  const relayNow = async (ids: string[]) => {
    for (const [i, id] of ids.entries()) {
      await stack.pg.query(`UPDATE detentions SET registered_at = now() - make_interval(mins => $2) WHERE id = $1`, [
        id,
        10 + ids.length - i,
      ]);
    }
    return stack.worker.app.get(IntakeRelay).relay();
  };

  it('answers 504 when Temporal hangs and 503 when it is gone, naming Temporal and what was not done', async () => {
    const id = await register(stack.http());
    const partner = await stack.as('partner', 'RN');
    const notice = await eventually(async () => {
      const { body } = await stack.http().get('/api/v1/requests').set('Authorization', partner).expect(200);
      const mine = body.items.find((r: { detentionId: string }) => r.detentionId === id);
      expect(mine).toBeDefined();
      return mine as { id: string };
    });
    const answer = (http: ReturnType<typeof request>) =>
      http
        .post(`/api/v1/requests/${notice.id}/responses`)
        .set('Authorization', partner)
        .send({ status: 'received' })
        .timeout(HANGS_AFTER_MS);
    await viaProxy().get('/health').expect(200);

    proxy.pause();
    const hung = await moveRelease(viaProxy(), id).expect(504);
    expect(hung.body).toMatchObject({ statusCode: 504, error: 'Gateway Timeout' });
    expect(hung.body.message).toBe(
      'Temporal (the workflow engine) did not answer within 1.5 s: the change of the expected release date may or ' +
        'may not have been carried out (it may still be); look at the detention before trying again',
    );
    const hungAnswer = await answer(viaProxy()).expect(504);
    expect(hungAnswer.body.message).toMatch(
      /^Temporal \(the workflow engine\) did not answer within 1 s: the recording of the response .*it is safe to send the same request again/,
    );
    // Accepted all the same: stored, its workflow left to the relay.
    const acceptedWhileHung = await register(viaProxy());
    expect(await startColumns(acceptedWhileHung)).toMatchObject({ startedAt: null, refusedAt: null });
    expect((await startColumns(acceptedWhileHung)).error).toMatch(/DEADLINE_EXCEEDED/);

    proxy.cut();
    const gone = await moveRelease(viaProxy(), id).expect(503);
    expect(gone.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(gone.body.message).toBe(
      'Temporal (the workflow engine) could not be reached, so the change of the expected release date was not ' +
        'carried out; it is safe to try again shortly',
    );
    // The first call after the cut is refused at once; a later one may meet gRPC reconnecting, and on a loaded
    // machine that can outlast its 1 s deadline: then it is honestly "no answer in time". Either way it is bounded.
    const goneAnswer = await answer(viaProxy());
    expect([503, 504]).toContain(goneAnswer.status);
    expect(goneAnswer.body.message).toMatch(
      goneAnswer.status === 503
        ? /could not be reached, so the recording of the response was not carried/
        : /did not answer within 1 s: the recording of the response .*safe to send the same request again/,
    );
    const acceptedWhileGone = await register(viaProxy());
    expect((await startColumns(acceptedWhileGone)).error).toMatch(/UNAVAILABLE|DEADLINE_EXCEEDED/);

    // Retried where Temporal answers: the response is taken, once; the accepted intakes get their workflows.
    expect((await answer(stack.http()).expect(200)).body).toBeDefined();
    await relayNow([acceptedWhileHung, acceptedWhileGone]);
    for (const accepted of [acceptedWhileHung, acceptedWhileGone]) {
      await eventually(async () => expect((await startColumns(accepted)).startedAt).not.toBeNull());
    }
  });

  it('reports a start Temporal refuses for good, and starts the other registrations all the same', async () => {
    proxy.cut();
    // Five intakes accepted while Temporal is gone; two of them then poisoned, the oldest two.
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await register(viaProxy()));
    const [tooLong, taken, ...good] = ids;
    // A value over Temporal's limit (2 KiB for a search attribute) — INVALID_ARGUMENT, whatever the retry.
    await stack.pg.query(`UPDATE detentions SET municipality = 'GM' || repeat('9', 3000) WHERE id = $1`, [tooLong]);
    // Its workflow id held by a workflow that is not a detention's.
    await stack.temporal.client.workflow.start('imposter', {
      taskQueue: 'nobody-polls',
      workflowId: `detention-${taken}`,
    });

    await relayNow(ids);
    await eventually(async () => {
      for (const id of good) expect((await startColumns(id)).startedAt).not.toBeNull();
    });
    expect(await startColumns(tooLong)).toMatchObject({
      startedAt: null,
      refusedAt: expect.any(Date),
      error: expect.stringMatching(/^INVALID_ARGUMENT: search attribute TerugkeerMunicipality value size \d+ exceeds/),
    });
    expect(await startColumns(taken)).toMatchObject({
      startedAt: null,
      refusedAt: expect.any(Date),
      error: `workflow id detention-${taken} is taken by a workflow of type imposter`,
    });
    for (const id of good) {
      const { type } = await stack.temporal.client.workflow.getHandle(`detention-${id}`).describe();
      expect(type).toBe('detentionWorkflow');
    }

    // Left alone from now on, on /health by id, mailed to the prison's casemanagers and supervisors.
    const refusedAt = (await startColumns(taken)).refusedAt;
    expect(await relayNow([])).toEqual({ started: 0, refused: 0, waiting: 0 });
    expect((await startColumns(taken)).refusedAt).toEqual(refusedAt);
    const health = await stack.http().get('/health').expect(200);
    expect(health.body.details.intake).toEqual({
      status: 'up',
      waiting: 0,
      refused: 2,
      refusedDetentionIds: expect.arrayContaining([tooLong, taken]),
    });
    const mails = await urgentWork(stack.worker.app.get(DataSource), new Date(), 'https://terugkeer.example');
    const reported = mails.filter((n) => n.eventKey.startsWith('workflow-refused:'));
    expect(reported.map((n) => n.detentionIds[0]).sort()).toEqual([tooLong, taken].sort());
    expect(reported.find((n) => n.detentionIds[0] === taken)).toMatchObject({
      kind: 'urgent',
      org: 'PI-ALMELO',
      roles: ['casemanager', 'supervisor'],
      text: { subject: expect.stringContaining('begeleiding niet gestart') },
    });
    // A change to such a detention says why it cannot be made, and is not sent to the workflow holding its id.
    const refused = await moveRelease(stack.http(), tooLong).expect(503);
    expect(refused.body.message).toMatch(/^Temporal \(the workflow engine\) refused to start the workflow/);
  });
});
