import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  changeExpectedReleaseUpdate,
  changeMunicipalityUpdate,
  DELIVERY_ERRORS,
  completeTaskUpdate,
  endDetentionUpdate,
  partnerResponseSignal,
  recordReleaseUpdate,
  setConsentUpdate,
  stateQuery,
  transferUpdate,
  type DetentionState,
} from '@terugkeer/contracts';
import {
  addDays,
  addMonths,
  addWorkingDays,
  amsterdamInstant,
  BASIC_CONDITIONS,
  onOrAfterWorkingDay,
} from '@terugkeer/domain';
import { FakeActivities, webhookPartners } from './fake-activities';
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
  screeningData,
  withDetention,
} from './harness';

const SCREENING = screeningData();

/**
 * Scenarios that exercise every message and most paths of the detention workflow. Their histories are
 * recorded into test/workflow/histories (RECORD_HISTORIES=1) and replayed by replay.spec.ts: a change to the
 * workflow code that would break a running detention fails the replay.
 */
export const SCENARIOS: Record<
  string,
  (env: TestWorkflowEnvironment) => Promise<{ workflowId: string; runId?: string }>
> = {
  async 'full-lifecycle'(env) {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 100) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      const task = async (type: string) =>
        eventually(async () => {
          const found = Object.values((await handle.query(stateQuery)).tasks).find(
            (t) => t.type === type && t.status === 'open',
          );
          expect(found).toBeDefined();
          return found!;
        });
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: (await task('screening')).id, outcome: 'completed', data: SCREENING, actor: CASEMANAGER }],
      });
      const state: DetentionState = await handle.query(stateQuery);
      const debt = Object.values(state.requests).find((r) => r.type === 'debt-help-referral')!;
      const id = Object.values(state.requests).find((r) => r.type === 'id-application')!;
      const respond = (
        requestId: string,
        partnerId: string,
        status: 'acknowledged' | 'declined' | 'accepted',
        n: string,
      ) =>
        handle.signal(partnerResponseSignal, {
          responseId: n,
          requestId,
          partnerId,
          status,
          receivedAt: new Date().toISOString(),
        });
      await respond(id.id, id.partnerId, 'acknowledged', 'a1');
      await respond(id.id, id.partnerId, 'accepted', 'a2');
      await respond(debt.id, debt.partnerId, 'declined', 'a3');
      const released = onOrAfterWorkingDay(addDays(intake, 60));
      await advanceTo(env, amsterdamInstant(addDays(intake, 30), '07:00'));
      await handle.executeUpdate(changeExpectedReleaseUpdate, {
        args: [{ expectedReleaseDate: released, reason: 'early release', actor: CASEMANAGER }],
      });
      await advanceTo(env, amsterdamInstant(released, '07:00'));
      await handle.executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: released, releaseAddressKnown: true, actor: CASEMANAGER }],
      });
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: (await task('insurance-resumption')).id, outcome: 'resumed', data: {}, actor: MUNICIPALITY }],
      });
      await advanceTo(env, amsterdamInstant(addDays(released, 190), '07:00'));
      await eventually(async () =>
        expect((await handle.query(stateQuery)).progress['aftercare-check-6m']).toBeDefined(),
      );
      const conditions = Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'ok']));
      for (;;) {
        const open = Object.values((await handle.query(stateQuery)).tasks).find(
          (t) => t.type === 'aftercare-check' && t.status === 'open',
        );
        if (!open) break;
        await handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: open.id, outcome: 'completed', data: { conditions }, actor: MUNICIPALITY }],
        });
        if ((await handle.describe()).status.name !== 'RUNNING') break;
      }
      await handle.result();
    });
    return { workflowId: `detention-${reg.detentionId}` };
  },

  async 'changes-and-death'(env) {
    const intake = await morning(env);
    const reg = registration({ intakeDate: addDays(intake, -3), expectedReleaseDate: null });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await eventually(async () => expect(Object.keys((await handle.query(stateQuery)).tasks)).toHaveLength(2));
      const screening = Object.values((await handle.query(stateQuery)).tasks).find((t) => t.type === 'screening')!;
      await handle.executeUpdate(completeTaskUpdate, {
        args: [
          {
            taskId: screening.id,
            outcome: 'completed',
            data: { ...SCREENING, consent: { ...SCREENING.consent, care: false } },
            actor: CASEMANAGER,
          },
        ],
      });
      await handle.executeUpdate(changeExpectedReleaseUpdate, {
        args: [{ expectedReleaseDate: addDays(intake, 40), reason: 'court ruling', actor: CASEMANAGER }],
      });
      const zwolleContact = { name: 'Z. Casemanager', email: 'z@pi-zwolle.example', phone: '+31 38 000 0000' };
      await handle.executeUpdate(transferUpdate, {
        args: [{ prison: 'PI-ZWOLLE', date: intake, casemanager: zwolleContact, actor: CASEMANAGER }],
      });
      const zwolle = { ...CASEMANAGER, org: 'PI-ZWOLLE' };
      await handle.executeUpdate(changeMunicipalityUpdate, {
        args: [{ municipality: 'GM0193', reason: 'new address', actor: zwolle }],
      });
      await handle.executeUpdate(setConsentUpdate, { args: [{ consent: { debts: false }, actor: zwolle }] });
      await advanceTo(env, amsterdamInstant(addDays(intake, 10), '07:00'));
      await handle.executeUpdate(endDetentionUpdate, {
        args: [{ reason: 'deceased', date: addDays(intake, 10), actor: zwolle }],
      });
      await handle.result();
    });
    return { workflowId: `detention-${reg.detentionId}` };
  },

  async 'continue-as-new'(env) {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 200) });
    let first = '';
    await withDetention(env, { registration: reg, continueAsNewAfterEvents: 40 }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      first = (await handle.describe()).runId;
      const screening = await eventually(async () => {
        const found = Object.values((await handle.query(stateQuery)).tasks).find((t) => t.type === 'screening');
        expect(found).toBeDefined();
        return found!;
      });
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: screening.id, outcome: 'completed', data: SCREENING, actor: CASEMANAGER }],
      });
      // Unacknowledged requests are chased and escalated: enough history for a continue-as-new.
      await advanceTo(env, amsterdamInstant(addDays(intake, 20), '07:00'));
      await eventually(async () => expect((await handle.describe()).runId).not.toBe(first));
    });
    // The first run, whose history ends in the continue-as-new.
    return { workflowId: `detention-${reg.detentionId}`, runId: first };
  },

  async 'released-by-court'(env) {
    // Rules 1, 8 and 12: remand released by the court without an address; the municipality takes over and records
    // consent; nobody completes the 6-month check, so the case closes by itself.
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: null });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await completeScreening(running, { ...ALL_CONSENT, care: false }, { needs: { id: false, debts: false } });
      const released = onOrAfterWorkingDay(addDays(intake, 12));
      await advanceTo(env, amsterdamInstant(released, '07:00'));
      await handle.executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: released, releaseAddressKnown: false, actor: CASEMANAGER }],
      });
      await handle.executeUpdate(setConsentUpdate, { args: [{ consent: { care: true }, actor: MUNICIPALITY }] });
      const place = await openTask(running, 'first-place-to-stay');
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: place.id, outcome: 'arranged', data: { place: 'shelter' }, actor: MUNICIPALITY }],
      });
      await advanceTo(env, amsterdamInstant(addDays(addMonths(released, 8), 2), '07:00'));
      await handle.result();
    });
    return { workflowId: `detention-${reg.detentionId}` };
  },

  async 'corrections-by-webhook'(env) {
    // Rules 3, 4, 5, 6 and 7 with webhook partners: a typo corrected, consent revoked and given again, the date
    // moved (updates), a reminder for an unacknowledged request, a missed term; then a death ends the case.
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 60) });
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await completeScreening(running, ALL_CONSENT, { needs: { debtsThreatening: true } });
        // Each change waits until the messages of the one before are out: the time-skipping test server hangs when
        // a delivery is cancelled right after being scheduled (the real server does not; see consent-delivery e2e).
        const delivered = () =>
          eventually(async () => expect(Object.keys((await handle.query(stateQuery)).deliveries)).toEqual([]));
        const move = async (days: number, reason: string) => {
          await delivered();
          return handle.executeUpdate(changeExpectedReleaseUpdate, {
            args: [{ expectedReleaseDate: addDays(intake, days), reason, actor: CASEMANAGER }],
          });
        };
        await move(9, 'typo');
        await env.sleep('1 minute');
        await move(60, 'corrected');
        await delivered();
        await handle.executeUpdate(setConsentUpdate, { args: [{ consent: { housing: false }, actor: CASEMANAGER }] });
        await delivered();
        await handle.executeUpdate(setConsentUpdate, { args: [{ consent: { housing: true }, actor: CASEMANAGER }] });
        const id = await eventually(async () => {
          const request = Object.values((await handle.query(stateQuery)).requests).find(
            (r) => r.type === 'id-application' && r.status === 'sent' && r.delivery === 'delivered',
          );
          expect(request).toBeDefined();
          return request!;
        });
        await handle.signal(partnerResponseSignal, {
          responseId: 'c1',
          requestId: id.id,
          partnerId: id.partnerId,
          status: 'accepted',
          receivedAt: new Date().toISOString(),
        });
        await advanceTo(env, amsterdamInstant(addWorkingDays(intake, 9), '07:00'));
        await move(75, 'conditional release');
        const meeting = await openTask(running, 'trajectory-meeting');
        await handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: meeting.id, outcome: 'held', data: {}, actor: CASEMANAGER }],
        });
        await handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'deceased', date: addWorkingDays(intake, 9), actor: CASEMANAGER }],
        });
        await handle.result();
      },
      webhookPartners(),
    );
    return { workflowId: `detention-${reg.detentionId}` };
  },
  async 'consent-stops-delivery'(env) {
    // DROP_WITHDRAWN_DATA_PATCH: the debt-help partner is down; consent for debts is revoked while the referral is
    // being retried — its delivery is stopped, the withdrawal goes out; then the case ends.
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 50) });
    const down = ApplicationFailure.create({ type: DELIVERY_ERRORS.unavailable, message: 'webhook answered 503' });
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await completeScreening(running, ALL_CONSENT);
        await eventually(async () => {
          const debt = Object.values((await handle.query(stateQuery)).requests).find(
            (r) => r.type === 'debt-help-referral',
          );
          expect(debt?.delivery).toBe('pending');
        });
        await env.sleep('30 seconds');
        await handle.executeUpdate(setConsentUpdate, { args: [{ consent: { debts: false }, actor: CASEMANAGER }] });
        await env.sleep('10 minutes');
        await handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'deceased', date: intake, actor: CASEMANAGER }],
        });
        await handle.result();
      },
      webhookPartners(async (m) => {
        if (m.body.type === 'debt-help-referral' && m.body.event === 'request') throw down;
        return { httpStatus: 200 };
      }),
    );
    return { workflowId: `detention-${reg.detentionId}` };
  },
  async 'notice-on-its-way'(env) {
    // REFRESH_ON_ITS_WAY_PATCH: the notice partners are down; the notice on its way takes the screening's help
    // questions, then loses the debts when that consent is revoked; delivered once they are back, then an update.
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 50) });
    let down = true;
    const unavailable = ApplicationFailure.create({
      type: DELIVERY_ERRORS.unavailable,
      message: 'webhook answered 503',
    });
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await completeScreening(running);
        await eventually(async () => {
          const notices = Object.values((await handle.query(stateQuery)).requests).filter(
            (r) => r.type === 'detention-start-notice',
          );
          expect(notices.every((r) => r.data.helpNeeded !== undefined)).toBe(true);
        });
        await handle.executeUpdate(setConsentUpdate, { args: [{ consent: { debts: false }, actor: CASEMANAGER }] });
        down = false;
        // The retry backoff passes in real time (seconds): the notices are delivered, then their updates.
        await eventually(async () => {
          const state = await handle.query(stateQuery);
          const notices = Object.values(state.requests).filter((r) => r.type === 'detention-start-notice');
          expect(notices.every((r) => r.delivery === 'delivered')).toBe(true);
          expect(Object.keys(state.deliveries)).toEqual([]);
        }, 60_000);
        await handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'deceased', date: intake, actor: CASEMANAGER }],
        });
        await handle.result();
      },
      webhookPartners(async (m) => {
        if (down && m.body.type === 'detention-start-notice' && m.body.event === 'request') throw unavailable;
        return { httpStatus: 200 };
      }),
    );
    return { workflowId: `detention-${reg.detentionId}` };
  },
  async 'dead-letter'(env) {
    // DEAD_LETTER_PATCH: the read models refuse a completed task; it is reported once by a task, the case goes on.
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 100) });
    const activities = new FakeActivities();
    activities.refuse = (batch) =>
      batch.tasks
        .filter((t) => JSON.stringify(t.data ?? {}).includes('refuse'))
        .map((t) => ({ kind: 'task' as const, key: t.id, reason: 'SQLSTATE 23514' }));
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        const suspension = await openTask(running, 'insurance-suspension');
        await handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: suspension.id, outcome: 'suspended', data: { note: 'refuse' }, actor: CASEMANAGER }],
        });
        await openTask(running, 'record-incomplete');
        await handle.executeUpdate(changeExpectedReleaseUpdate, {
          args: [{ expectedReleaseDate: addDays(intake, 110), reason: 'court', actor: CASEMANAGER }],
        });
        await handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'deceased', date: intake, actor: CASEMANAGER }],
        });
        await handle.result();
      },
      activities,
    );
    return { workflowId: `detention-${reg.detentionId}` };
  },
  async 'redelivered-after-outage'(env) {
    // REDELIVER_AFTER_OUTAGE_PATCH: Amsterdam's desk is down for days; the notice is escalated after 3 working
    // days, retried at a slower pace, delivered once the desk is back on day 10, and its follow-up task closes.
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    let down = true;
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await advanceTo(env, amsterdamInstant(addDays(intake, 10), '07:00'));
        await eventually(async () => {
          const state = await handle.query(stateQuery);
          expect(Object.values(state.tasks).some((t) => t.context?.reason === 'partner-unreachable')).toBe(true);
        }, 90_000);
        down = false;
        await advanceTo(env, amsterdamInstant(addDays(intake, 10), '12:00'));
        await eventually(async () => {
          const state = await handle.query(stateQuery);
          expect(Object.values(state.requests).every((r) => r.delivery === 'delivered')).toBe(true);
        }, 60_000);
        await handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'deceased', date: intake, actor: CASEMANAGER }],
        });
        await handle.result();
      },
      webhookPartners(async (m) => {
        if (down && m.partnerId.endsWith('@GM0363')) {
          throw ApplicationFailure.create({ type: DELIVERY_ERRORS.unavailable, message: 'webhook answered 503' });
        }
        return { httpStatus: 200 };
      }),
    );
    return { workflowId: `detention-${reg.detentionId}` };
  },
};
