import { addDays, amsterdamDate } from '@terugkeer/domain';
import { eventually, startStack, type Stack } from '../support/stack';
import { intakeBody } from '../support/intake';

/**
 * A projection can never be blocked by one bad value (issue 9): the read models refuse one part of a batch (here
 * a constraint refuses a task's data, as PostgreSQL would refuse any value it cannot store); after bounded
 * retries that part is left out as a dead letter, the rest is written, a `record-incomplete` task makes it
 * visible — once — and the case goes on.
 */
describe('projection dead letters', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('leaves out what the read models refuse, reports it once by a task, and the case goes on', async () => {
    const casemanager = await stack.as('casemanager', 'PI-ALMELO');
    const created = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', casemanager)
      .send(intakeBody())
      .expect(201);
    const id = created.body.id as string;
    const taskOf = async (type: string) =>
      eventually(async () => {
        const { body } = await stack
          .http()
          .get(`/api/v1/tasks?detentionId=${id}&type=${type}`)
          .set('Authorization', casemanager)
          .expect(200);
        expect(body.items).toHaveLength(1);
        return body.items[0];
      });
    const suspension = await taskOf('insurance-suspension');

    await stack.pg.query(
      `ALTER TABLE tasks ADD CONSTRAINT refuse_marked CHECK (data IS NULL OR data::text NOT LIKE '%refuse-this%') NOT VALID`,
    );
    await stack
      .http()
      .post(`/api/v1/tasks/${suspension.id}/complete`)
      .set('Authorization', casemanager)
      .send({ outcome: 'suspended', data: { note: 'refuse-this value' } })
      .expect(200);

    const report = await taskOf('record-incomplete');
    expect(report).toMatchObject({ status: 'open', role: 'casemanager', context: { deadLetter: { kind: 'task' } } });
    expect(report.context.deadLetter.key).toBe(suspension.id);
    const { rows } = await stack.pg.query('SELECT kind, item_key, reason FROM projection_dead_letters');
    expect(rows).toEqual([{ kind: 'task', item_key: suspension.id, reason: expect.stringMatching(/^SQLSTATE 23514/) }]);
    expect(rows[0].reason).not.toMatch(/refuse-this/);
    // The rest of that batch was written: the completion is on the timeline.
    const timeline = await stack.http().get(`/api/v1/detentions/${id}/timeline`).set('Authorization', casemanager);
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toContain('task-completed');

    // The case goes on: a later change reaches the read models, and the dead letter is not reported again.
    const moved = addDays(amsterdamDate(Date.now()), 120);
    await stack
      .http()
      .put(`/api/v1/detentions/${id}/expected-release`)
      .set('Authorization', casemanager)
      .send({ expectedReleaseDate: moved, reason: 'court' })
      .expect(200);
    await eventually(async () => {
      const view = await stack.http().get(`/api/v1/detentions/${id}`).set('Authorization', casemanager).expect(200);
      expect(view.body.expectedReleaseDate).toBe(moved);
    });
    const reports = await stack
      .http()
      .get(`/api/v1/tasks?detentionId=${id}&type=record-incomplete`)
      .set('Authorization', casemanager);
    expect(reports.body.total).toBe(1);
  });
});
