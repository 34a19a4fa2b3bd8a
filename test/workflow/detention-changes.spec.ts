import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from '@temporalio/client';
import {
  changeMunicipalityUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  endDetentionUpdate,
  partnerResponseSignal,
  setConsentUpdate,
  transferUpdate,
  unclaimTaskUpdate,
} from '@terugkeer/contracts';
import { addDays, amsterdamInstant, DEFAULT_PLAYBOOK_V1 } from '@terugkeer/domain';
import { initialState } from '../../workflows/src/initial-state';
import { FakeActivities } from './support/fake-activities';
import {
  advanceTo,
  ALL_CONSENT,
  CASEMANAGER,
  completeScreening,
  eventually,
  morning,
  MUNICIPALITY,
  registration,
  screeningData,
  timeSkippingEnv,
  withDetention,
} from './support/harness';

// A test server per test: time skipping is global to a server, and each test moves the clock on its own.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(() => env?.teardown());

const screen = completeScreening;

describe('changes of facts and endings', () => {
  it('transfer: open prison tasks move to the new prison; the ID request follows the new location if not yet sent', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await eventually(async () => expect(Object.keys((await running.state()).tasks)).toHaveLength(2));
      const result = await handle.executeUpdate(transferUpdate, {
        args: [{ prison: 'PI-ZWOLLE', date: intake, actor: CASEMANAGER }],
      });
      expect(result.changes).toMatchObject({ moved: [], late: [], withdrawn: [], skipped: [] }); // a transfer moves no dates
      const state = await running.state();
      expect(state.facts.prison).toBe('PI-ZWOLLE');
      expect(Object.values(state.tasks).map((t) => t.org)).toEqual(['PI-ZWOLLE', 'PI-ZWOLLE']);
      // The old prison's casemanager may no longer act; the new one screens, and the ID goes to Zwolle.
      await expect(
        handle.executeUpdate(transferUpdate, { args: [{ prison: 'PI-ALMELO', date: intake, actor: CASEMANAGER }] }),
      ).rejects.toMatchObject({ cause: { type: 'Forbidden' } });
      const zwolle = { sub: 'cm-9', role: 'casemanager', org: 'PI-ZWOLLE' };
      const screening = Object.values(state.tasks).find((t) => t.type === 'screening')!;
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: screening.id, outcome: 'completed', data: screeningData(), actor: zwolle }],
      });
      const id = await eventually(async () => {
        const request = Object.values((await running.state()).requests).find((r) => r.type === 'id-application');
        expect(request).toBeDefined();
        return request!;
      });
      expect(id).toMatchObject({ routedTo: 'GM0193', partnerId: 'id-application@GM0193' });
      expect(running.activities.events(reg.detentionId).filter((e) => e.type === 'task-moved')).toHaveLength(2);
    });
  });

  it('change of municipality: pending requests are re-routed and municipality tasks move', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await screen(running);
      const before = await eventually(async () => {
        const s = await running.state();
        expect(Object.values(s.requests).some((r) => r.type === 'debt-help-referral')).toBe(true);
        return s;
      });
      const oldDebt = Object.values(before.requests).find((r) => r.type === 'debt-help-referral')!;
      await handle.executeUpdate(changeMunicipalityUpdate, {
        args: [{ municipality: 'GM0599', reason: 'moves in with family', actor: MUNICIPALITY }],
      });
      const after = await running.state();
      expect(after.facts.municipality).toBe('GM0599');
      expect(after.requests[oldDebt.id]).toMatchObject({ status: 'withdrawn', withdrawReason: 're-routed' });
      expect(running.activities.events(reg.detentionId).map((e) => e.summary)).toContain(
        'Debt-help referral withdrawn: re-routed to GM0599',
      );
      const rerouted = Object.values(after.requests).filter(
        (r) => r.type === 'debt-help-referral' && r.status === 'sent',
      );
      expect(rerouted.map((r) => r.partnerId)).toEqual(['debt-help-referral@GM0599']);
      // The ID application goes to where the prison stands, not to the residence: it stays.
      const id = Object.values(after.requests).find((r) => r.type === 'id-application')!;
      expect(id.status).toBe('sent');
      await expect(
        handle.executeUpdate(changeMunicipalityUpdate, {
          args: [{ municipality: 'GM0599', reason: 'again', actor: CASEMANAGER }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'Conflict' } });
    });
  });

  it('death: open requests are withdrawn, open tasks cancelled, the case closes', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await screen(running);
      await eventually(async () =>
        expect(Object.keys((await running.state()).requests).length).toBeGreaterThanOrEqual(4),
      );
      const result = await handle.executeUpdate(endDetentionUpdate, {
        args: [{ reason: 'deceased', date: intake, actor: CASEMANAGER }],
      });
      expect(result.changes.skipped.map((c) => c.instanceId)).toContain('housing-request');
      const outcome = await handle.result();
      expect(outcome.closed).toEqual({ reason: 'deceased', date: intake });
      const requests = running.activities.requests(reg.detentionId);
      expect(requests.length).toBeGreaterThanOrEqual(4);
      for (const request of requests) {
        expect(request.status).toBe('withdrawn');
        // The partner learns the case closed, not that the person died; the timeline keeps why.
        expect(request.withdrawReason).toBe('case-closed');
      }
      const withdrawals = running.activities
        .events(reg.detentionId)
        .filter((e) => e.type === 'request-withdrawn')
        .map((e) => e.summary);
      expect(withdrawals).toHaveLength(requests.length);
      for (const summary of withdrawals) expect(summary).toMatch(/ withdrawn: case closed \(deceased\)$/);
      expect(
        running.activities.tasks(reg.detentionId).every((t) => t.status === 'done' || t.status === 'cancelled'),
      ).toBe(true);
    });
  });

  it('re-detention during aftercare: the new detention closes the old one', async () => {
    const intake = await morning(env);
    const previous = registration({ intakeDate: addDays(intake, -200), expectedReleaseDate: addDays(intake, -20) });
    const activities = new FakeActivities();
    await withDetention(
      env,
      { registration: registration({ intakeDate: intake, previousDetentionId: previous.detentionId }) },
      async (running) => {
        await eventually(async () => expect(running.activities.closedPrevious).toHaveLength(1));
        expect(running.activities.closedPrevious[0]).toEqual({
          previousDetentionId: previous.detentionId,
          newDetentionId: running.workflowId.replace('detention-', ''),
          date: intake,
        });
      },
      activities,
    );
    // The old workflow accepts the ending from the system (the activity sends it with reason re-detained).
    await withDetention(env, { registration: previous }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await eventually(async () => expect(Object.keys((await running.state()).progress).length).toBeGreaterThan(0));
      await handle.executeUpdate(endDetentionUpdate, {
        args: [{ reason: 're-detained', date: intake, actor: { sub: 'terugkeer', role: 'system', org: '*' } }],
      });
      expect((await handle.result()).closed.reason).toBe('re-detained');
    });
  });

  it('consent withheld for one condition: nothing about it is shared, and a revocation withdraws', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 21) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await screen(running, { ...ALL_CONSENT, housing: false });
      const state = await eventually(async () => {
        const s = await running.state();
        expect(s.progress['benefit-pre-application']).toBeDefined();
        return s;
      });
      const requests = Object.values(state.requests);
      expect(requests.some((r) => r.type === 'housing-request')).toBe(false);
      // No payload mentions housing: not the notices, not the other requests.
      for (const request of requests) expect(JSON.stringify(request.data)).not.toMatch(/housing/);
      expect(
        running.activities.lastBatch(reg.detentionId)!.steps.find((s) => s.instanceId === 'housing-request'),
      ).toMatchObject({
        state: 'skipped',
        reason: 'no consent to share housing information',
      });

      // Revoking consent for debts withdraws the debt-help referral at the partner: stop processing (rule 5).
      await handle.executeUpdate(setConsentUpdate, { args: [{ consent: { debts: false }, actor: CASEMANAGER }] });
      const debt = Object.values((await running.state()).requests).find((r) => r.type === 'debt-help-referral')!;
      expect(debt).toMatchObject({ status: 'withdrawn', withdrawReason: 'consent-withdrawn' });
      expect(running.activities.events(reg.detentionId).map((e) => e.summary)).toContain(
        'Debt-help referral withdrawn: no consent to share debts information',
      );
    });
  });

  it('tasks: claim, unclaim, complete with validation; stale and foreign completions are refused', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 60) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      const task = await eventually(async () => {
        const found = Object.values((await running.state()).tasks).find((t) => t.type === 'insurance-suspension');
        expect(found).toBeDefined();
        return found!;
      });
      const other = { ...CASEMANAGER, sub: 'cm-2' };
      const claimed = await handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: task.id, actor: CASEMANAGER }] });
      expect(claimed).toMatchObject({ status: 'claimed', claimedBy: 'cm-1', version: 2 });
      await expect(
        handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: task.id, actor: other }] }),
      ).rejects.toMatchObject({
        cause: { type: 'Conflict' },
      });
      await expect(
        handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: task.id, outcome: 'suspended', data: {}, actor: other }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'Conflict' } });
      await expect(
        handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: task.id, outcome: 'suspended', data: {}, actor: MUNICIPALITY }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'Forbidden' } });
      await expect(
        handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: task.id, outcome: 'maybe', data: {}, actor: CASEMANAGER }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'Invalid', message: expect.stringContaining('outcome must be one of') },
      });
      await expect(
        handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: task.id, outcome: 'suspended', data: {}, expectedVersion: 1, actor: CASEMANAGER }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'Conflict' } });
      const unclaimed = await handle.executeUpdate(unclaimTaskUpdate, {
        args: [{ taskId: task.id, actor: CASEMANAGER }],
      });
      expect(unclaimed).toMatchObject({ status: 'open', claimedBy: null });
      const done = await handle.executeUpdate(completeTaskUpdate, {
        args: [
          { taskId: task.id, outcome: 'suspended', data: { note: 'form sent' }, expectedVersion: 3, actor: other },
        ],
      });
      expect(done).toMatchObject({ status: 'done', outcome: 'suspended', completedBy: 'cm-2' });
      await expect(
        handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: task.id, outcome: 'suspended', data: {}, actor: CASEMANAGER }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'Conflict', message: 'the task is already done' } });
      await expect(
        handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: 'nope', actor: CASEMANAGER }] }),
      ).rejects.toMatchObject({ cause: { type: 'NotFound' } });
    });
  });
});

describe('the engine obeys key holders only', () => {
  it('ignores a partner answer and refuses an update sent to Temporal without the payload key', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      await screen(running);
      const id = await eventually(async () => {
        const found = Object.values((await running.state()).requests).find((r) => r.type === 'id-application');
        expect(found).toBeDefined();
        return found!;
      });
      const screening = Object.values((await running.state()).tasks).find((t) => t.type === 'insurance-suspension')!;
      // Whoever reaches port 7233 can talk to Temporal — but without the key, only in plain JSON.
      const forger = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
      const handle = forger.workflow.getHandle(running.workflowId);
      await handle.signal(partnerResponseSignal, {
        responseId: 'forged',
        requestId: id.id,
        partnerId: id.partnerId,
        status: 'completed',
        receivedAt: new Date().toISOString(),
      });
      await expect(
        handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: screening.id, outcome: 'suspended', data: {}, actor: CASEMANAGER }],
        }),
      ).rejects.toMatchObject({ cause: { message: 'not a message this workflow accepts' } });
      await expect(
        forger.workflow
          .start('detentionWorkflow', {
            taskQueue: running.taskQueue,
            workflowId: `forged-${reg.detentionId}`,
            args: [{ registration: reg, playbook: { id: 'default', version: 2 } }],
          })
          .then((forged) => forged.result()),
      ).rejects.toMatchObject({ cause: { message: 'not a detention this worker accepts' } });
      // Nothing changed; the key holders' messages still work.
      const state = await running.state();
      expect(state.requests[id.id].status).toBe('sent');
      expect(state.tasks[screening.id].status).toBe('open');
      const done = await env.client.workflow.getHandle(running.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: screening.id, outcome: 'suspended', data: {}, actor: CASEMANAGER }],
      });
      expect(done.status).toBe('done');
    });
  });
});

describe('continue-as-new', () => {
  it('continues as new mid-detention with its state intact', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 200) });
    await withDetention(env, { registration: reg, continueAsNewAfterEvents: 40 }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      const firstRun = (await handle.describe()).runId;
      await screen(running);
      const before = await running.state();
      await advanceTo(env, amsterdamInstant(addDays(intake, 20), '07:00'));
      await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRun));
      const after = await running.state();
      expect(after.detentionId).toBe(before.detentionId);
      expect(after.registration).toEqual(before.registration);
      expect(after.caseReference).toBe(before.caseReference);
      expect(after.facts.screeningCompletedDate).toBe(intake);
      for (const [id, progress] of Object.entries(before.progress)) expect(after.progress[id]).toEqual(progress);
      for (const id of Object.keys(before.tasks)) expect(after.tasks[id]).toBeDefined();
      expect(after.seq).toBeGreaterThanOrEqual(before.seq);

      // A task created by the first run is completed in the second.
      const suspension = Object.values(after.tasks).find((t) => t.type === 'insurance-suspension')!;
      const done = await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: suspension.id, outcome: 'suspended', data: {}, actor: CASEMANAGER }],
      });
      expect(done.status).toBe('done');
      // The timeline continues without gaps or repeats across runs.
      const seqs = running.activities.events(reg.detentionId).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(running.activities.events(reg.detentionId).filter((e) => e.type === 'registered')).toHaveLength(1);
      // The rules at the edges travel with the case.
      expect(after.edgeRules).toBe(true);
    });
  });

  it('a case that started before the rules at the edges keeps its way of working in the next run', async () => {
    const intake = await morning(env);
    const released = addDays(intake, -1);
    const reg = registration({ intakeDate: addDays(intake, -40), expectedReleaseDate: addDays(intake, 60) });
    // The state such a case carries into a continue-as-new: in aftercare, its housing request never sent (the old
    // rules skipped it at an early release), and no edgeRules mark.
    const carried = initialState(reg, DEFAULT_PLAYBOOK_V1, '00000000-0000-4000-8000-000000000000', false);
    carried.phase = 'aftercare';
    carried.facts = { ...carried.facts, actualReleaseDate: released, consent: { ...ALL_CONSENT } };
    carried.progress = {
      'release-notice': { firedAt: amsterdamInstant(released, '06:00'), plannedDate: released, late: false },
    };
    await withDetention(
      env,
      { registration: reg, playbook: { id: 'default', version: 1 }, carried },
      async (running) => {
        await eventually(async () => expect((await running.state()).progress['insurance-resumption']).toBeDefined());
        const state = await running.state();
        expect(state.edgeRules).toBeUndefined();
        // The new rules would send it now, "late at release"; the case keeps the rules it started with.
        expect(state.progress['housing-request']).toBeUndefined();
        expect(Object.values(state.requests).filter((r) => r.type === 'housing-request')).toEqual([]);
      },
    );
  });
});

describe('partner requests', () => {
  it('a declined request raises a task to find another route', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await screen(running);
      const debt = await eventually(async () => {
        const request = Object.values((await running.state()).requests).find((r) => r.type === 'debt-help-referral');
        expect(request).toBeDefined();
        return request!;
      });
      const respond = (status: 'acknowledged' | 'declined', responseId: string) =>
        handle.signal(partnerResponseSignal, {
          responseId,
          requestId: debt.id,
          partnerId: debt.partnerId,
          status,
          reason: status === 'declined' ? 'not our region' : undefined,
          receivedAt: new Date().toISOString(),
        });
      await respond('acknowledged', 'r1');
      await respond('declined', 'r2');
      await respond('declined', 'r2'); // the same response again: no second task
      const state = await eventually(async () => {
        const s = await running.state();
        expect(s.requests[debt.id].status).toBe('declined');
        return s;
      });
      const followUps = Object.values(state.tasks).filter((t) => t.type === 'request-follow-up');
      expect(followUps).toHaveLength(1);
      expect(followUps[0]).toMatchObject({
        role: 'municipality',
        org: 'GM0363',
        context: { requestId: debt.id, reason: 'not our region' },
      });
      expect(state.requests[debt.id].acknowledgedAt).toEqual(expect.any(String));
    });
  });

  it('an unacknowledged request is chased once, then escalated to whoever can act on it', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      await screen(running);
      const id = await eventually(async () => {
        const request = Object.values((await running.state()).requests).find((r) => r.type === 'id-application');
        expect(request).toBeDefined();
        return request!;
      });
      // Two working days to acknowledge; chased on the third; escalated two working days after the chase.
      await advanceTo(env, amsterdamInstant(addDays(intake, 14), '07:00'));
      const state = await eventually(async () => {
        const s = await running.state();
        expect(s.requests[id.id].escalatedAt).toEqual(expect.any(String));
        return s;
      });
      const request = state.requests[id.id];
      expect(request.chasedAt).toEqual(expect.any(String));
      expect(Date.parse(request.escalatedAt!)).toBeGreaterThan(Date.parse(request.chasedAt!));
      const escalation = Object.values(state.tasks).find(
        (t) => t.type === 'request-follow-up' && t.context?.requestId === id.id,
      );
      // The ID application (at the prison's municipality) during detention: the casemanager acts (rule 8).
      expect(escalation).toMatchObject({
        role: 'casemanager',
        org: 'PI-ALMELO',
        context: { reason: 'not-acknowledged' },
      });
      const types = running.activities
        .events(reg.detentionId)
        .filter((e) => e.requestId === id.id)
        .map((e) => e.type);
      // The ID is due 5 working days after acceptance (rule 7): never accepted, that term never started.
      expect(types).toEqual(['request-sent', 'request-chased']);
      // Notices are informational: never chased.
      expect(
        Object.values(state.requests)
          .filter((r) => r.type === 'detention-start-notice')
          .every((r) => r.chasedAt === null),
      ).toBe(true);

      // Withdrawing the request (here: consent for ID revoked) ends its follow-up task with it.
      await env.client.workflow
        .getHandle(running.workflowId)
        .executeUpdate(setConsentUpdate, { args: [{ consent: { id: false }, actor: CASEMANAGER }] });
      const after = await running.state();
      expect(after.requests[id.id].status).toBe('withdrawn');
      expect(after.tasks[escalation!.id]).toMatchObject({
        status: 'cancelled',
        context: { reason: 'request withdrawn' },
      });
    });
  });

  it('with no partner registered, a request becomes a task to arrange it another way', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    const activities = new FakeActivities((q) =>
      q.recipient === 'probation' ? null : { id: `p-${q.type}`, name: 'desk', government: true, delivery: 'inbox' },
    );
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const state = await eventually(async () => {
          const s = await running.state();
          expect(Object.values(s.tasks).some((t) => t.type === 'request-follow-up')).toBe(true);
          return s;
        });
        const task = Object.values(state.tasks).find((t) => t.type === 'request-follow-up')!;
        expect(task.title).toBe('Arrange "Detention-start notice" another way: no partner registered for RN');
        expect(Object.values(state.requests).map((r) => r.partnerId)).toEqual(['p-detention-start-notice']);
      },
      activities,
    );
  });
});
