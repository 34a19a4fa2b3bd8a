import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  changeCasemanagerUpdate,
  changeExpectedReleaseUpdate,
  changeMunicipalityUpdate,
  completeTaskUpdate,
  endDetentionUpdate,
  recordReleaseUpdate,
  setConsentUpdate,
  transferUpdate,
  type PartnerRequest,
} from '@terugkeer/contracts';
import { addDays, addWorkingDays, amsterdamInstant } from '@terugkeer/domain';
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
  screeningData,
  withDetention,
  workingDayFrom,
  type Running,
} from './support/harness';

// Rules at the edges (DOMAIN.md) about the chain: 6 (meetings), 7 (chasing and terms) and 8 (who acts).
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(() => env?.teardown());

const of = requestsOf;

const answer = respond;

async function requestOf(running: Running, type: string, where: (r: PartnerRequest) => boolean = () => true) {
  return eventually(async () => {
    const request = of(await running.state(), type).find(where);
    expect(request).toBeDefined();
    return request!;
  });
}

describe('rules at the edges: the chain', () => {
  it('rule 6, meetings involve the chain — the casemanager organises, municipality and probation are invited with the planned date', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      await completeScreening(running);
      const meeting = await openTask(running, 'trajectory-meeting', 'casemanager');
      const invitations = await eventually(async () => {
        const found = Object.values((await running.state()).tasks).filter((t) => t.type === 'meeting-invitation');
        expect(found).toHaveLength(2);
        return found;
      });
      expect(invitations.map((t) => [t.role, t.org]).sort()).toEqual([
        ['municipality', 'GM0363'],
        ['probation', 'RN'],
      ]);
      for (const invitation of invitations) {
        expect(invitation).toMatchObject({
          dueDate: meeting.dueDate,
          context: { meetingTaskId: meeting.id, plannedDate: meeting.dueDate },
        });
      }
      // Held: the invitations are done with.
      await env.client.workflow.getHandle(running.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: meeting.id, outcome: 'held', data: {}, actor: CASEMANAGER }],
      });
      const state = await running.state();
      for (const invitation of invitations) expect(state.tasks[invitation.id].status).toBe('cancelled');
    });
  });

  it('rule 6, meetings involve the chain — an occurrence that would fall after the expected release is not planned', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 20) });
    await withDetention(env, { registration: reg }, async (running) => {
      // The screening is completed after the expected release date (the release was not recorded yet).
      await advanceTo(env, amsterdamInstant(workingDayFrom(addDays(intake, 22)), '09:00'));
      await completeScreening(running);
      const state = await running.state();
      expect(Object.values(state.tasks).some((t) => t.type === 'trajectory-meeting')).toBe(false);
      const step = running.activities.lastBatch(reg.detentionId)!.steps.find((s) => s.stepId === 'trajectory-meeting');
      expect(step).toMatchObject({ state: 'skipped', reason: 'would fall after the expected release' });
    });
  });

  it('rule 7, chasing reaches the partner — a webhook partner gets one reminder, then the case escalates', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        await completeScreening(running);
        const id = await requestOf(running, 'id-application', (r) => r.delivery === 'delivered');
        await advanceTo(env, amsterdamInstant(addWorkingDays(intake, 8), '07:00'));
        const state = await eventually(async () => {
          const s = await running.state();
          expect(s.requests[id.id].escalatedAt).toEqual(expect.any(String));
          return s;
        });
        const reminders = activities.deliveries.filter((d) => d.requestId === id.id && d.body.event === 'reminder');
        expect(reminders).toEqual([
          expect.objectContaining({ key: `${id.id}:reminder`, body: expect.objectContaining({ data: {} }) }),
        ]);
        expect(state.requests[id.id].chasedAt).toEqual(expect.any(String));
        expect(Object.values(state.tasks).find((t) => t.context?.requestId === id.id)).toMatchObject({
          context: { reason: 'not-acknowledged' },
        });
      },
      activities,
    );
  });

  it('rule 7, partner terms — debt help must answer within 3 working days when debts threaten; the ID be issued within 5 of acceptance', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      await completeScreening(running, ALL_CONSENT, { needs: { debtsThreatening: true } });
      const debt = await requestOf(running, 'debt-help-referral');
      const id = await requestOf(running, 'id-application');
      expect(debt.deadlines).toEqual([
        expect.objectContaining({ name: 'response', dueDate: addWorkingDays(intake, 3), state: 'open' }),
      ]);
      // Both acknowledge in time (no chase); the ID desk accepts, then neither delivers.
      await answer(running, debt, 'acknowledged');
      await answer(running, id, 'acknowledged');
      await answer(running, id, 'accepted');
      await eventually(async () => expect((await running.state()).requests[id.id].deadlines).toHaveLength(1));
      await advanceTo(env, amsterdamInstant(addWorkingDays(intake, 7), '07:00'));
      const state = await eventually(async () => {
        const s = await running.state();
        expect(s.requests[id.id].deadlines[0].state).toBe('missed');
        return s;
      });
      expect(state.requests[debt.id].deadlines[0].state).toBe('missed');
      const followUps = Object.values(state.tasks).filter((t) => t.type === 'request-follow-up');
      // Each missed term is a task for the party that can act: debt help the municipality, the ID the casemanager.
      expect(followUps.find((t) => t.context?.requestId === debt.id)).toMatchObject({
        role: 'municipality',
        context: { reason: 'response-deadline-missed' },
      });
      expect(followUps.find((t) => t.context?.requestId === id.id)).toMatchObject({
        role: 'casemanager',
        context: { reason: 'issued-deadline-missed' },
      });
    });
  });

  it('rule 8, who acts — ID problems go to the casemanager while detained, to the municipality after release', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await completeScreening(running);
      // Civil affairs does not acknowledge the ID application: after the reminder, the casemanager follows up.
      const id = await requestOf(running, 'id-application');
      await advanceTo(env, amsterdamInstant(addWorkingDays(intake, 6), '07:00'));
      const first = await openTask(running, 'request-follow-up', 'casemanager');
      expect(first.context).toMatchObject({ requestId: id.id, reason: 'not-acknowledged' });
      const released = workingDayFrom(addDays(intake, 12));
      await advanceTo(env, amsterdamInstant(released, '07:00'));
      await handle.executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: released, releaseAddressKnown: true, actor: CASEMANAGER }],
      });
      // Released: the casemanager's open follow-up goes to the municipality coordinator…
      expect((await running.state()).tasks[first.id]).toMatchObject({
        role: 'municipality',
        status: 'open',
        context: { handedOver: true },
      });
      // …and so does what civil affairs answers now.
      await answer(running, id, 'declined');
      const declined = await eventually(async () => {
        const found = Object.values((await running.state()).tasks).find(
          (t) => t.context?.requestId === id.id && t.id !== first.id,
        );
        expect(found).toBeDefined();
        return found!;
      });
      expect(declined).toMatchObject({ role: 'municipality', org: 'GM0363' });
      const open = Object.values((await running.state()).tasks).filter((t) => t.status === 'open');
      expect(open.filter((t) => t.role === 'casemanager')).toEqual([]);
    });
  });

  it('rule 8, who acts — a transfer names the new casemanager in what partners hold; a new municipality gets a detention-start notice', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        const notice = await requestOf(
          running,
          'detention-start-notice',
          (r) => r.recipient === 'residenceMunicipality',
        );
        await answer(running, notice, 'completed');
        await eventually(async () => expect((await running.state()).requests[notice.id].status).toBe('completed'));
        const zwolle = { name: 'Z. Casemanager', email: 'z@pi-zwolle.example', phone: '+31 38 000 0000' };
        await handle.executeUpdate(transferUpdate, {
          args: [{ prison: 'PI-ZWOLLE', date: intake, casemanager: zwolle, actor: CASEMANAGER }],
        });
        const probation = of(await running.state(), 'detention-start-notice').find((r) => r.recipient === 'probation')!;
        await eventually(async () => {
          const update = activities.deliveries.filter((d) => d.requestId === probation.id && d.body.event === 'update');
          expect(update.at(-1)?.body.data).toMatchObject({ prison: 'PI-ZWOLLE', casemanager: zwolle });
        });
        // The casemanager of the new prison changes the contact again; a casemanager elsewhere may not.
        const next = { ...zwolle, name: 'Y. Casemanager' };
        const atZwolle = { ...CASEMANAGER, org: 'PI-ZWOLLE' };
        await expect(
          handle.executeUpdate(changeCasemanagerUpdate, { args: [{ casemanager: next, actor: CASEMANAGER }] }),
        ).rejects.toMatchObject({ cause: { type: 'Forbidden' } });
        await handle.executeUpdate(changeCasemanagerUpdate, { args: [{ casemanager: next, actor: atZwolle }] });
        // The person will settle in Zwolle: the new municipality gets its own detention-start notice.
        await handle.executeUpdate(changeMunicipalityUpdate, {
          args: [{ municipality: 'GM0193', reason: 'settles with family', actor: atZwolle }],
        });
        const fresh = await requestOf(running, 'detention-start-notice', (r) => r.routedTo === 'GM0193');
        expect(fresh.data).toMatchObject({ municipality: 'GM0193', casemanager: next });
        expect((await running.state()).requests[notice.id].status).toBe('completed');
        // The former municipality hears nothing more of him; the new one hears when the date moves.
        await eventually(async () => expect((await running.state()).requests[fresh.id].delivery).toBe('delivered'));
        const toFormer = () => activities.deliveries.filter((d) => d.requestId === notice.id).length;
        const before = toFormer();
        await handle.executeUpdate(changeExpectedReleaseUpdate, {
          args: [{ expectedReleaseDate: addDays(intake, 150), reason: 'appeal', actor: atZwolle }],
        });
        await eventually(async () => {
          const update = activities.deliveries.filter((d) => d.requestId === fresh.id && d.body.event === 'update');
          expect(update.at(-1)?.body.data).toMatchObject({ expectedReleaseDate: addDays(intake, 150) });
        });
        expect(toFormer()).toBe(before);
      },
      activities,
    );
  });

  it('rule 1, 6 and 8 — a screening the municipality completes after release: no meeting in prison, the ID from his own municipality', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: null });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      // A stay of two weeks (over 10 days: a re-integration plan), the screening not done by release.
      const released = workingDayFrom(addDays(intake, 14));
      await advanceTo(env, amsterdamInstant(released, '07:00'));
      await handle.executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: released, releaseAddressKnown: true, actor: CASEMANAGER }],
      });
      const screening = await openTask(running, 'screening', 'municipality');
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: screening.id, outcome: 'completed', data: screeningData(), actor: MUNICIPALITY }],
      });
      const id = await requestOf(running, 'id-application');
      expect(id).toMatchObject({ recipient: 'residenceMunicipality', routedTo: 'GM0363' });
      const state = await running.state();
      expect(Object.values(state.tasks).some((t) => t.type === 'trajectory-meeting')).toBe(false);
      const meeting = running.activities
        .lastBatch(reg.detentionId)!
        .steps.find((s) => s.stepId === 'trajectory-meeting');
      expect(meeting).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/no meeting in prison/) });
    });
  });

  it('rule 8, who acts — after release the responsible municipality records consent changes and endings', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      // No consent while detained: the requests wait; released, the municipality records it and they go out.
      const released = workingDayFrom(addDays(intake, 3));
      await advanceTo(env, amsterdamInstant(released, '07:00'));
      await handle.executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: released, releaseAddressKnown: true, actor: CASEMANAGER }],
      });
      await expect(
        handle.executeUpdate(setConsentUpdate, {
          args: [{ consent: { housing: true }, actor: { ...MUNICIPALITY, org: 'GM0599' } }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'Forbidden' } });
      await handle.executeUpdate(setConsentUpdate, { args: [{ consent: { housing: true }, actor: MUNICIPALITY }] });
      expect(of(await running.state(), 'housing-request')).toHaveLength(1);
      await handle.executeUpdate(endDetentionUpdate, {
        args: [{ reason: 'deceased', date: released, actor: MUNICIPALITY }],
      });
      expect((await handle.result()).closed.reason).toBe('deceased');
    });
  });

  it('changes keep the meeting and its invitations on one date when the release moves', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await completeScreening(running);
      await advanceTo(env, amsterdamInstant(addDays(intake, 95), '07:00'));
      const exit = await openTask(running, 'exit-meeting');
      await handle.executeUpdate(changeExpectedReleaseUpdate, {
        args: [{ expectedReleaseDate: addDays(intake, 130), reason: 'later', actor: CASEMANAGER }],
      });
      const state = await running.state();
      const invitations = Object.values(state.tasks).filter((t) => t.context?.meetingTaskId === exit.id);
      expect(invitations).toHaveLength(2);
      for (const invitation of invitations) expect(invitation.dueDate).toBe(state.tasks[exit.id].dueDate);
      expect(state.tasks[exit.id].dueDate).not.toBe(exit.dueDate);
    });
  });
});
