import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { completeTaskUpdate, recordReleaseUpdate } from '@terugkeer/contracts';
import { addDays, addMonths, addWeeks, amsterdamInstant, BASIC_CONDITIONS } from '@terugkeer/domain';
import { webhookPartners } from './support/fake-activities';
import {
  advanceTo,
  ALL_CONSENT,
  CASEMANAGER,
  completeScreening,
  eventually,
  morning,
  MUNICIPALITY,
  openTask,
  registration,
  timeSkippingEnv,
  requestsOf,
  respond,
  withDetention,
  workingDayFrom,
  type Running,
} from './support/harness';

// Rules at the edges (DOMAIN.md), at and after release: 1, 2, 11 and 12.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(() => env?.teardown());

const of = requestsOf;

async function release(running: Running, releaseDate: string, releaseAddressKnown: boolean) {
  await advanceTo(env, amsterdamInstant(releaseDate, '07:00'));
  return env.client.workflow.getHandle(running.workflowId).executeUpdate(recordReleaseUpdate, {
    args: [{ releaseDate, releaseAddressKnown, actor: CASEMANAGER }],
  });
}

describe('rules at the edges: release', () => {
  it('rule 1, release before a step’s moment — remand released by the court: housing, income, care and bank/DigiD are arranged at release', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: null });
    await withDetention(env, { registration: reg }, async (running) => {
      // Screening done: housing, income and care needed, no bank account or DigiD; the ID is valid for years.
      await completeScreening(running, ALL_CONSENT, {
        needs: { id: false, debts: false },
        idDocumentExpiry: addMonths(intake, 36),
      });
      const released = workingDayFrom(addDays(intake, 12));
      const result = await release(running, released, false);
      const state = await running.state();

      // Every release-relative request still needed fires at X, marked late, to its usual recipient.
      for (const type of ['housing-request', 'benefit-pre-application', 'care-continuity']) {
        expect(of(state, type)).toEqual([
          expect.objectContaining({ status: 'sent', recipient: 'residenceMunicipality', partnerId: `${type}@GM0363` }),
        ]);
        expect(state.progress[type]).toMatchObject({ late: true, plannedDate: released });
      }
      expect(result.changes.late.map((c) => c.instanceId)).toEqual(
        expect.arrayContaining(['housing-request', 'benefit-pre-application', 'care-continuity']),
      );
      // The prison's bank-account/DigiD task and a first place to stay go to the municipality coordinator.
      const tasks = Object.values(state.tasks);
      expect(tasks.find((t) => t.type === 'bank-account-digid')).toMatchObject({
        role: 'municipality',
        org: 'GM0363',
        status: 'open',
      });
      expect(tasks.find((t) => t.type === 'first-place-to-stay')).toMatchObject({
        role: 'municipality',
        dueDate: released,
        status: 'open',
      });
      // Unfinished prison tasks are handed over, never cancelled silently; a meeting in prison says why it ended.
      expect(tasks.find((t) => t.type === 'insurance-suspension')).toMatchObject({
        role: 'municipality',
        status: 'open',
        context: { handedOver: true },
      });
      expect(tasks.find((t) => t.type === 'trajectory-meeting')).toMatchObject({
        status: 'cancelled',
        context: { reason: expect.stringMatching(/can no longer be held in prison/) },
      });
      const events = running.activities.events(reg.detentionId);
      expect(events.filter((e) => e.type === 'task-handed-over').length).toBeGreaterThan(0);
      expect(events.find((e) => e.type === 'step-fired' && e.stepInstanceId === 'housing-request')!.summary).toMatch(
        /at release, before its moment/,
      );
    });
  });

  it('rule 2, sent is sent — planned 120 days, screened on day 2, released on day 8: the ID application and debt referral stand', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      await advanceTo(env, amsterdamInstant(workingDayFrom(addDays(intake, 2)), '07:00'));
      await completeScreening(running);
      const sent = await eventually(async () => {
        const state = await running.state();
        expect(of(state, 'id-application')).toHaveLength(1);
        expect(of(state, 'debt-help-referral')).toHaveLength(1);
        return state;
      });
      const result = await release(running, workingDayFrom(addDays(intake, 8)), true);
      expect(result.changes.withdrawn).toEqual([]);
      const state = await running.state();
      for (const type of ['id-application', 'debt-help-referral']) {
        expect(of(state, type)).toEqual([expect.objectContaining({ id: of(sent, type)[0].id, status: 'sent' })]);
      }
      expect(running.activities.events(reg.detentionId).some((e) => e.type === 'request-withdrawn')).toBe(false);
      // What was still to come is sent at release (rule 1): the person walks out with it requested.
      expect(of(state, 'housing-request')).toHaveLength(1);
    });
  });

  it('rule 11, ID readiness — a document expiring before X + 6 months is applied for; declined, the release measures the ID missing', async () => {
    const intake = await morning(env);
    const releaseDate = workingDayFrom(addDays(intake, 60));
    const reg = registration({ intakeDate: intake, expectedReleaseDate: releaseDate });
    await withDetention(env, { registration: reg }, async (running) => {
      // "Has a valid ID" — but it expires three months after the release.
      await completeScreening(running, ALL_CONSENT, {
        needs: { id: false },
        idDocumentExpiry: addMonths(releaseDate, 3),
      });
      const id = await eventually(async () => {
        const [request] = of(await running.state(), 'id-application');
        expect(request).toBeDefined();
        return request;
      });
      await respond(running, id, 'declined', { reason: 'no appointment possible' });
      await eventually(async () => expect((await running.state()).requests[id.id].status).toBe('declined'));
      await release(running, releaseDate, true);
      const state = await running.state();
      expect(state.measurements.release).toMatchObject({ id: 'missing' });
    });
  });

  it('rule 12, measurements and closing — measured at X for good; the 6-month check closes the case, accepted services hear coordination ended', async () => {
    const intake = await morning(env);
    const releaseDate = workingDayFrom(addDays(intake, 60));
    const reg = registration({ intakeDate: intake, expectedReleaseDate: releaseDate });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await completeScreening(running);
        const debt = await eventually(async () => {
          const [request] = of(await running.state(), 'debt-help-referral');
          expect(request?.delivery).toBe('delivered');
          return request;
        });
        await respond(running, debt, 'accepted');
        await eventually(async () => expect((await running.state()).requests[debt.id].status).toBe('accepted'));
        await release(running, releaseDate, true);
        const measured = (await running.state()).measurements.release!;
        expect(measured).toMatchObject({ debts: 'ok', housing: 'attention' });
        expect(running.activities.events(reg.detentionId).find((e) => e.type === 'measurement-taken')).toMatchObject({
          data: { moment: 'release', arranged: expect.objectContaining({ debts: 'accepted' }) },
        });

        // The municipality's own statuses at the resumption task do not change the release measurement.
        const ok = Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'ok']));
        const resumption = await openTask(running, 'insurance-resumption');
        await handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: resumption.id, outcome: 'resumed', data: { conditions: ok }, actor: MUNICIPALITY }],
        });
        expect((await running.state()).measurements.release).toEqual(measured);

        // Six months on, the check records the third measurement and closes the case.
        await advanceTo(env, amsterdamInstant(addDays(addMonths(releaseDate, 6), 3), '07:00'));
        const check = await eventually(async () => {
          const task = Object.values((await running.state()).tasks).find(
            (t) => t.stepInstanceId === 'aftercare-check-6m' && t.status === 'open',
          );
          expect(task).toBeDefined();
          return task!;
        });
        await handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: check.id, outcome: 'completed', data: { conditions: ok }, actor: MUNICIPALITY }],
        });
        const outcome = await handle.result();
        expect(outcome.closed.reason).toBe('aftercare completed');
        const last = running.activities.requests(reg.detentionId);
        // The accepted debt help goes on: told coordination ended, not withdrawn.
        expect(last.find((r) => r.id === debt.id)).toMatchObject({
          status: 'accepted',
          coordinationEndedAt: expect.any(String),
        });
        expect(activities.deliveries.find((d) => d.key === `${debt.id}:closed`)?.body).toMatchObject({
          event: 'closed',
          reason: 'coordination-ended',
          data: {},
        });
        // What was never taken on is withdrawn.
        expect(last.find((r) => r.type === 'housing-request')).toMatchObject({
          status: 'withdrawn',
          withdrawReason: 'case-closed',
        });
        expect(running.activities.lastBatch(reg.detentionId)!.detention.measurements).toMatchObject({
          release: measured,
          sixMonths: ok,
        });
      },
      activities,
    );
  });

  it('rule 12, closing by itself — nobody completes the 6-month check: the case closes after the grace period, saying why', async () => {
    const intake = await morning(env);
    const releaseDate = workingDayFrom(addDays(intake, 5));
    const reg = registration({ intakeDate: intake, expectedReleaseDate: releaseDate });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await release(running, releaseDate, true);
      // X+6m+4w: the grace period of playbook v2 (its aftercare-close step).
      await advanceTo(env, amsterdamInstant(addDays(addWeeks(addMonths(releaseDate, 6), 4), 4), '07:00'));
      const outcome = await handle.result();
      expect(outcome.closed.reason).toBe('aftercare check not completed within the grace period');
      const tasks = running.activities.tasks(reg.detentionId);
      expect(tasks.find((t) => t.stepInstanceId === 'aftercare-check-6m')).toMatchObject({ status: 'cancelled' });
    });
  });
});
