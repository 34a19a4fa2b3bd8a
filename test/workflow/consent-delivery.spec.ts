import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { DELIVERY_ERRORS, setConsentUpdate, type PendingDelivery } from '@terugkeer/contracts';
import { addDays } from '@terugkeer/domain';
import { webhookPartners } from './support/fake-activities';
import {
  CASEMANAGER,
  completeScreening,
  eventually,
  morning,
  registration,
  requestsOf,
  timeSkippingEnv,
  withDetention,
} from './support/harness';

// Issue 9, consent on what leaves: a revoked consent also stops a delivery of data about that condition that is
// still on its way (the partner is down and the message is being retried).
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(() => env?.teardown());

it('a revoked consent stops the pending delivery of the debt-help referral; the partner is told of the withdrawal', async () => {
  const intake = await morning(env);
  const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 50) });
  const attempts: PendingDelivery[] = [];
  const activities = webhookPartners(async (m) => {
    attempts.push(m);
    if (m.body.type === 'debt-help-referral' && m.body.event === 'request') {
      throw ApplicationFailure.create({ type: DELIVERY_ERRORS.unavailable, message: 'webhook answered 503' });
    }
    return { httpStatus: 200 };
  });
  const referralAttempts = () =>
    attempts.filter((m) => m.body.type === 'debt-help-referral' && m.body.event === 'request');
  await withDetention(
    env,
    { registration: reg },
    async (running) => {
      await completeScreening(running);
      await eventually(async () => expect(referralAttempts().length).toBeGreaterThanOrEqual(2));
      const [debt] = requestsOf(await running.state(), 'debt-help-referral');
      expect(debt.delivery).toBe('pending');

      await env.client.workflow
        .getHandle(running.workflowId)
        .executeUpdate(setConsentUpdate, { args: [{ consent: { debts: false }, actor: CASEMANAGER }] });
      const state = await eventually(async () => {
        const s = await running.state();
        expect(requestsOf(s, 'debt-help-referral')[0]).toMatchObject({
          status: 'withdrawn',
          withdrawReason: 'consent-withdrawn',
          delivery: 'cancelled',
        });
        return s;
      });
      expect(
        Object.values(state.deliveries).filter((d) => d.requestId === debt.id && d.body.event === 'request'),
      ).toEqual([]);
      const stoppedAt = referralAttempts().length;
      // An hour of retry backoff later: the referral's data went out no more; the withdrawal (no data) did.
      await env.sleep('1 hour');
      expect(referralAttempts()).toHaveLength(stoppedAt);
      const withdrawal = attempts.find((m) => m.requestId === debt.id && m.body.event === 'withdrawal');
      expect(withdrawal?.body).toMatchObject({ reason: 'consent-withdrawn', data: {} });
    },
    activities,
  );
});

it('a notice still on its way takes the data as they are now: after the revocation it no longer names the debts', async () => {
  const intake = await morning(env);
  const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 50) });
  let down = true;
  const activities = webhookPartners(async (m) => {
    if (down && m.body.type === 'detention-start-notice' && m.body.event === 'request') {
      throw ApplicationFailure.create({ type: DELIVERY_ERRORS.unavailable, message: 'webhook answered 503' });
    }
    return { httpStatus: 200 };
  });
  const noticeAttempts = () =>
    activities.deliveries.filter((m) => m.body.type === 'detention-start-notice' && m.body.event === 'request');
  await withDetention(
    env,
    { registration: reg },
    async (running) => {
      await completeScreening(running);
      await eventually(async () => {
        const carried = noticeAttempts().map((m) => m.body.data.helpNeeded as Record<string, boolean> | undefined);
        expect(carried.some((help) => help?.debts === true)).toBe(true);
      });
      await env.client.workflow
        .getHandle(running.workflowId)
        .executeUpdate(setConsentUpdate, { args: [{ consent: { debts: false }, actor: CASEMANAGER }] });
      const since = noticeAttempts().length;
      down = false;
      const state = await eventually(async () => {
        const s = await running.state();
        for (const notice of requestsOf(s, 'detention-start-notice')) expect(notice.delivery).toBe('delivered');
        return s;
      });
      for (const attempt of noticeAttempts().slice(since))
        expect(attempt.body.data.helpNeeded).not.toHaveProperty('debts');
      // It was stopped mid-way: an update follows, in case the older message had arrived.
      for (const notice of requestsOf(state, 'detention-start-notice')) {
        await eventually(async () => {
          const update = activities.deliveries.find((m) => m.requestId === notice.id && m.body.event === 'update');
          expect(update?.body.data.helpNeeded).not.toHaveProperty('debts');
        });
      }
    },
    activities,
  );
});
