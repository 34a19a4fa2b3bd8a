import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  changeExpectedReleaseUpdate,
  recordReleaseUpdate,
  setConsentUpdate,
  stateQuery,
  type PendingDelivery,
} from '@terugkeer/contracts';
import { addDays, addWorkingDays, amsterdamDate, amsterdamInstant, isWorkingDay, weekday } from '@terugkeer/domain';
import { FakeActivities, webhookPartners } from './support/fake-activities';
import {
  advanceTo,
  ALL_CONSENT,
  CASEMANAGER,
  completeScreening,
  eventually,
  morning,
  registration,
  timeSkippingEnv,
  requestsOf,
  respond,
  withDetention,
  type Running,
} from './support/harness';

// Rules at the edges (DOMAIN.md) while the dates and consents change: 3, 4, 5, 9 and 10.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(() => env?.teardown());

const of = requestsOf;

function moveRelease(running: Running, expectedReleaseDate: string | null, reason = 'court ruling') {
  return env.client.workflow
    .getHandle(running.workflowId)
    .executeUpdate(changeExpectedReleaseUpdate, { args: [{ expectedReleaseDate, reason, actor: CASEMANAGER }] });
}

function setConsent(running: Running, consent: Record<string, boolean>) {
  return env.client.workflow
    .getHandle(running.workflowId)
    .executeUpdate(setConsentUpdate, { args: [{ consent, actor: CASEMANAGER }] });
}

/** The last message of an event that a partner got about a request. */
const lastMessage = (deliveries: PendingDelivery[], requestId: string, event: string) =>
  deliveries.filter((d) => d.requestId === requestId && d.body.event === event).at(-1);

describe('rules at the edges: changes', () => {
  it('rule 3, corrections undo — a release date making the stay 9 days, corrected a minute later: debt and housing are sent again, the issued ID stays done', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 60) });
    await withDetention(env, { registration: reg }, async (running) => {
      await completeScreening(running);
      const types = ['debt-help-referral', 'housing-request'];
      const first = await eventually(async () => {
        const state = await running.state();
        for (const type of [...types, 'id-application']) expect(of(state, type)).toHaveLength(1);
        return state;
      });
      // Civil affairs has already issued the ID card: what was done stays done.
      const [id] = of(first, 'id-application');
      await respond(running, id, 'accepted');
      await respond(running, id, 'completed');
      await eventually(async () => expect((await running.state()).requests[id.id].status).toBe('completed'));
      const typo = await moveRelease(running, addDays(intake, 9), 'typo');
      expect(typo.changes.withdrawn.map((c) => c.instanceId).sort()).toEqual([...types].sort());
      await env.sleep('1 minute');
      await moveRelease(running, addDays(intake, 60), 'corrected');
      const state = await running.state();
      expect(of(state, 'id-application')).toEqual([expect.objectContaining({ id: id.id, status: 'completed' })]);
      expect(state.progress['id-application']).toMatchObject({ settled: true });
      for (const type of types) {
        const [old, again] = of(state, type).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
        expect(old).toMatchObject({
          id: of(first, type)[0].id,
          status: 'withdrawn',
          withdrawReason: 'no-longer-needed',
        });
        // A new request with a new id: the partner can tell it from the withdrawn one.
        expect(again).toMatchObject({ status: 'sent' });
        expect(again.id).not.toBe(old.id);
        expect(state.progress[type]).toMatchObject({ attempt: 2 });
      }
    });
  });

  it('rule 3, corrections undo — consent revoked and given again: the request is sent again as a new one', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 60) });
    await withDetention(env, { registration: reg }, async (running) => {
      await completeScreening(running);
      await eventually(async () => expect(of(await running.state(), 'housing-request')).toHaveLength(1));
      await setConsent(running, { housing: false });
      expect(of(await running.state(), 'housing-request')[0]).toMatchObject({
        status: 'withdrawn',
        withdrawReason: 'consent-withdrawn',
      });
      await setConsent(running, { housing: true });
      const housing = of(await running.state(), 'housing-request');
      expect(housing.map((r) => r.status).sort()).toEqual(['sent', 'withdrawn']);
    });
  });

  it('rule 4, everyone who holds a date hears when it moves — benefit, civil affairs, debt help and the notice recipients get the new date', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 50) });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        await completeScreening(running);
        const holders = ['detention-start-notice', 'id-application', 'debt-help-referral', 'benefit-pre-application'];
        const sent = await eventually(async () => {
          const state = await running.state();
          const requests = [...holders, 'housing-request'].flatMap((type) => of(state, type));
          expect(requests).toHaveLength(6); // two notices: the municipality and probation
          for (const request of requests) expect(request.delivery).toBe('delivered');
          return requests;
        });
        const moved = addDays(intake, 80);
        await moveRelease(running, moved, 'conditional release later');
        await eventually(async () => {
          for (const request of sent) {
            // Each holder gets an update carrying the rebuilt data: the new expected release date.
            const update = lastMessage(activities.deliveries, request.id, 'update');
            expect(update?.body.data).toMatchObject({ expectedReleaseDate: moved });
          }
        });
        // The housing request is due by the release: its new due date travels with the update.
        const housing = sent.find((r) => r.type === 'housing-request')!;
        expect(lastMessage(activities.deliveries, housing.id, 'update')?.body.dueDate).toBe(moved);
        const state = await running.state();
        expect(state.requests[housing.id]).toMatchObject({ dueDate: moved, data: { expectedReleaseDate: moved } });
      },
      activities,
    );
  });

  it('rule 5, revocation reaches every recipient — open requests are withdrawn "consent-withdrawn", notices updated without it', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 50) });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        await completeScreening(running);
        const state = await eventually(async () => {
          const s = await running.state();
          expect(of(s, 'debt-help-referral')[0]?.delivery).toBe('delivered');
          for (const notice of of(s, 'detention-start-notice')) {
            expect(lastMessage(activities.deliveries, notice.id, 'update')?.body.data).toMatchObject({
              helpNeeded: { debts: true },
            });
          }
          return s;
        });
        await setConsent(running, { debts: false });
        const debt = of(state, 'debt-help-referral')[0];
        await eventually(async () => {
          expect(lastMessage(activities.deliveries, debt.id, 'withdrawal')?.body).toMatchObject({
            reason: 'consent-withdrawn',
            data: {},
          });
          for (const notice of of(state, 'detention-start-notice')) {
            const data = lastMessage(activities.deliveries, notice.id, 'update')!.body.data;
            expect(data.helpNeeded).not.toHaveProperty('debts');
            expect(data.helpNeeded).toHaveProperty('housing');
          }
        });
      },
      activities,
    );
  });

  it('rule 5, revocation reaches every recipient — partners that already closed a request are told to stop processing; what they did stays done', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 50) });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await completeScreening(running);
        const sent = await eventually(async () => {
          const s = await running.state();
          const debt = of(s, 'debt-help-referral')[0];
          const id = of(s, 'id-application')[0];
          expect([debt?.delivery, id?.delivery]).toEqual(['delivered', 'delivered']);
          return { debt, id };
        });
        // Debt help finished its work; civil affairs declined, and a person is finding another route.
        await respond(running, sent.debt, 'accepted');
        await respond(running, sent.debt, 'completed');
        await respond(running, sent.id, 'declined', { reason: 'no appointment possible' });
        const followUp = await eventually(async () => {
          const task = Object.values((await running.state()).tasks).find((t) => t.context?.requestId === sent.id.id);
          expect(task).toBeDefined();
          return task!;
        });
        await setConsent(running, { debts: false, id: false });
        await eventually(async () => {
          for (const request of [sent.debt, sent.id]) {
            expect(lastMessage(activities.deliveries, request.id, 'withdrawal')?.body).toMatchObject({
              reason: 'consent-withdrawn',
              data: {},
            });
          }
        });
        const state = await handle.query(stateQuery);
        expect(state.requests[sent.debt.id]).toMatchObject({
          status: 'completed',
          consentWithdrawnAt: expect.any(String),
        });
        expect(state.requests[sent.id.id]).toMatchObject({
          status: 'declined',
          consentWithdrawnAt: expect.any(String),
        });
        expect(state.tasks[followUp.id]).toMatchObject({ status: 'cancelled' });
        // Given again, nothing is sent again: the referral was done, the application declined.
        await setConsent(running, { debts: true, id: true });
        const after = await running.state();
        expect(of(after, 'debt-help-referral')).toHaveLength(1);
        expect(of(after, 'id-application')).toHaveLength(1);
      },
      activities,
    );
  });

  it('rule 3, corrections undo — with no partner registered, the task to arrange it another way goes and comes with the step', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 60) });
    const noHousingDesk = new FakeActivities((q) =>
      q.type === 'housing-request'
        ? null
        : { id: `${q.type}@${q.routedTo}`, name: 'desk', government: true, delivery: 'inbox' },
    );
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        await completeScreening(running);
        const arrange = (state: Awaited<ReturnType<Running['state']>>) =>
          Object.values(state.tasks).filter(
            (t) => t.type === 'request-follow-up' && t.stepInstanceId === 'housing-request',
          );
        await eventually(async () => expect(arrange(await running.state())).toHaveLength(1));
        await moveRelease(running, addDays(intake, 9), 'typo');
        expect(arrange(await running.state()).map((t) => t.status)).toEqual(['cancelled']);
        await moveRelease(running, addDays(intake, 60), 'corrected');
        expect(
          arrange(await running.state())
            .map((t) => t.status)
            .sort(),
        ).toEqual(['cancelled', 'open']);
      },
      noHousingDesk,
    );
  });

  it('rule 9, short stays at intake — consent given at intake: a 3-week stay sends its requests at intake, not late', async () => {
    const intake = await morning(env);
    const reg = registration({
      intakeDate: intake,
      expectedReleaseDate: addDays(intake, 21),
      consent: { ...ALL_CONSENT },
    });
    await withDetention(env, { registration: reg }, async (running) => {
      const state = await eventually(async () => {
        const s = await running.state();
        for (const type of ['housing-request', 'benefit-pre-application', 'care-continuity']) {
          expect(of(s, type)).toHaveLength(1);
        }
        return s;
      });
      for (const type of ['housing-request', 'benefit-pre-application', 'care-continuity']) {
        expect(of(state, type)).toHaveLength(1);
        expect(state.progress[type]).toMatchObject({ plannedDate: intake, late: false });
      }
      expect(state.tasks[Object.keys(state.tasks).find((id) => state.tasks[id].type === 'screening')!].status).toBe(
        'open',
      );
    });
  });

  it('rule 9, short stays at intake — without consent at intake the fast path waits for it, and then it is late', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 21) });
    await withDetention(env, { registration: reg }, async (running) => {
      await advanceTo(env, amsterdamInstant(addWorkingDays(intake, 2), '09:00'));
      await completeScreening(running);
      const state = await running.state();
      // Its moment was the intake; the consent that could have been asked then came two working days later.
      expect(state.progress['housing-request']).toMatchObject({ plannedDate: intake, late: true });
    });
  });

  it('rule 10, calendar — an expected release date in the past is refused while detained; moments move off weekends and holidays', async () => {
    const intake = await morning(env);
    // An expected release on a Sunday whose R−12w is a Sunday too, with a working Friday before it: the housing
    // request goes out that Friday, and the exit meeting (due R−2w, a Sunday) is due on the Friday before that.
    let release = addDays(intake, 120);
    while (weekday(release) !== 0 || !isWorkingDay(addDays(release, -86)) || !isWorkingDay(addDays(release, -16))) {
      release = addDays(release, 1);
    }
    const reg = registration({ intakeDate: intake, expectedReleaseDate: release });
    await withDetention(env, { registration: reg }, async (running) => {
      await completeScreening(running);
      // Three days on, a date after intake but before today is a mistake: record the release instead.
      await advanceTo(env, amsterdamInstant(addDays(intake, 3), '09:00'));
      await expect(moveRelease(running, addDays(intake, 1))).rejects.toMatchObject({
        cause: {
          type: 'Invalid',
          message: expect.stringMatching(/must not be in the past while the person is detained/),
        },
      });
      const housingDay = addDays(release, -86); // R−12w − 2 days: the Friday
      await advanceTo(env, amsterdamInstant(housingDay, '07:00'));
      const state = await eventually(async () => {
        const s = await running.state();
        expect(s.progress['housing-request']).toBeDefined();
        return s;
      });
      expect(state.progress['housing-request']).toMatchObject({ plannedDate: housingDay, late: false });
      expect(amsterdamDate(state.progress['housing-request'].firedAt)).toBe(housingDay);
      const exit = running.activities.lastBatch(reg.detentionId)!.steps.find((s) => s.instanceId === 'exit-meeting');
      expect(exit).toMatchObject({ dueDate: addDays(release, -16) });
    });
  });

  it('rule 10, calendar — after release a moment on a weekend moves to the working day after', async () => {
    const intake = await morning(env);
    // Released on a Friday (not before a holiday): the 48-hour check falls on Sunday and moves to Monday.
    let released = addDays(intake, 14);
    while (weekday(released) !== 5 || !isWorkingDay(released) || !isWorkingDay(addDays(released, 3))) {
      released = addDays(released, 1);
    }
    const reg = registration({ intakeDate: intake, expectedReleaseDate: released });
    await withDetention(env, { registration: reg }, async (running) => {
      await advanceTo(env, amsterdamInstant(released, '07:00'));
      await env.client.workflow.getHandle(running.workflowId).executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: released, releaseAddressKnown: true, actor: CASEMANAGER }],
      });
      const monday = addDays(released, 3);
      const check = running.activities
        .lastBatch(reg.detentionId)!
        .steps.find((s) => s.instanceId === 'aftercare-check-48h');
      expect(check).toMatchObject({ plannedDate: monday, state: 'planned' });
      await advanceTo(env, amsterdamInstant(monday, '07:00'));
      const fired = await eventually(async () => {
        const progress = (await running.state()).progress['aftercare-check-48h'];
        expect(progress).toBeDefined();
        return progress;
      });
      expect(amsterdamDate(fired.firedAt)).toBe(monday);
    });
  });
});
