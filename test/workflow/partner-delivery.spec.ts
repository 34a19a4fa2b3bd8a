import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import {
  changeExpectedReleaseUpdate,
  DELIVERY_ERRORS,
  endDetentionUpdate,
  partnerResponseSignal,
} from '@terugkeer/contracts';
import {
  addDays,
  addWorkingDays,
  amsterdamInstant,
  DEFAULT_PLAYBOOK_V1,
  deliveryEscalationAt,
} from '@terugkeer/domain';
import { webhookPartners } from './support/fake-activities';
import {
  advanceTo,
  CASEMANAGER,
  completeScreening,
  eventually,
  morning,
  registration,
  timeSkippingEnv,
  withDetention,
} from './support/harness';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(() => env?.teardown());

const screen = completeScreening;

describe('webhook delivery of partner requests', () => {
  it('delivers each request once by its idempotency key, logs the disclosure, and starts the SLA at delivery', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        await screen(running);
        const state = await eventually(async () => {
          const s = await running.state();
          expect(Object.values(s.requests).filter((r) => r.delivery === 'delivered')).toHaveLength(4);
          return s;
        });
        const requests = Object.values(state.requests);
        expect(requests.map((r) => r.type).sort()).toEqual([
          'debt-help-referral',
          'detention-start-notice',
          'detention-start-notice',
          'id-application',
        ]);
        for (const request of requests) {
          expect(request.deliveredAt).toEqual(expect.any(String));
          const sent = activities.deliveries.filter((d) => d.requestId === request.id && d.body.event === 'request');
          expect(sent.map((d) => d.key)).toEqual([request.id]);
          expect(sent[0].body).toMatchObject({
            event: 'request',
            requestId: request.id,
            type: request.type,
            caseReference: state.caseReference,
          });
        }
        // Each delivery is in the disclosure log: what (fields), to whom, why (projected a moment after the state).
        const disclosures = await eventually(async () => {
          const logged = activities.batches.flatMap((b) => b.disclosures).filter((d) => d.event === 'request');
          expect(logged.map((d) => d.requestId).sort()).toEqual(requests.map((r) => r.id).sort());
          return logged;
        });
        const notice = disclosures.find(
          (d) => requests.find((r) => r.id === d.requestId)!.type === 'detention-start-notice',
        )!;
        expect(notice.basis).toMatch(/Pbw art. 18a/);
        expect(notice.fields).toEqual(expect.arrayContaining(['caseReference', 'person']));
        // The notices, sent at intake, then got an update with what the screening found and the detainee
        // consented to share (rule 4), each under its own idempotency key.
        for (const notice of requests.filter((r) => r.type === 'detention-start-notice')) {
          const updates = await eventually(async () => {
            const found = activities.deliveries.filter((d) => d.requestId === notice.id && d.body.event === 'update');
            expect(found).toHaveLength(1);
            return found;
          });
          expect(updates[0]).toMatchObject({
            key: `${notice.id}:update:1`,
            body: { data: { helpNeeded: expect.any(Object) } },
          });
        }
        // The ID must be issued within 5 working days of acceptance: that term starts when the partner accepts.
        const id = requests.find((r) => r.type === 'id-application')!;
        expect(id.deadlines).toEqual([]);
      },
      activities,
    );
  });

  it('retries a partner that answers 503 or 429, then delivers once it answers 2xx', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    const attempts = new Map<string, number>();
    const activities = webhookPartners(async (m) => {
      const n = (attempts.get(m.key) ?? 0) + 1;
      attempts.set(m.key, n);
      if (n === 1)
        throw ApplicationFailure.create({ type: DELIVERY_ERRORS.unavailable, message: 'webhook answered 503' });
      if (n === 2) {
        throw ApplicationFailure.create({
          type: DELIVERY_ERRORS.unavailable,
          message: 'webhook answered 429',
          nextRetryDelay: '30 seconds',
        });
      }
      return { httpStatus: 200 };
    });
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        // Skip the retry backoff (10 s, then the 30 s the partner asked for).
        await eventually(async () => expect(Object.keys((await running.state()).requests)).toHaveLength(2));
        await env.sleep('2 minutes');
        const state = await eventually(async () => {
          const s = await running.state();
          const requests = Object.values(s.requests);
          expect(requests).toHaveLength(2);
          expect(requests.every((r) => r.delivery === 'delivered')).toBe(true);
          return s;
        });
        for (const request of Object.values(state.requests)) expect(attempts.get(request.id)).toBe(3);
        expect(Object.values(state.tasks).filter((t) => t.type === 'request-follow-up')).toEqual([]);
      },
      activities,
    );
  });

  it('a partner refusing with a 4xx: not retried, a task to contact the partner manually', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    const activities = webhookPartners(async (m) => {
      if (m.partnerId.endsWith('@RN')) {
        throw ApplicationFailure.create({
          type: DELIVERY_ERRORS.rejected,
          message: 'webhook answered 400',
          nonRetryable: true,
        });
      }
      return { httpStatus: 202 };
    });
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const state = await eventually(async () => {
          const s = await running.state();
          expect(Object.values(s.requests).some((r) => r.delivery === 'rejected')).toBe(true);
          return s;
        });
        const rejected = Object.values(state.requests).find((r) => r.delivery === 'rejected')!;
        expect(rejected).toMatchObject({
          partnerId: 'detention-start-notice@RN',
          deliveryError: 'webhook answered 400',
        });
        expect(activities.deliveries.filter((d) => d.requestId === rejected.id)).toHaveLength(1);
        const task = Object.values(state.tasks).find((t) => t.context?.requestId === rejected.id)!;
        // A probation notice during detention: the casemanager follows it up (rule 8).
        expect(task).toMatchObject({ role: 'casemanager', context: { reason: 'partner-rejected' } });
        expect(task.title).toMatch(/Contact partner detention-start-notice@RN manually/);
      },
      activities,
    );
  });

  it('a long outage: retried until 3 working days have passed, escalated, then delivered when it returns', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    let back = false;
    const activities = webhookPartners(async (m) => {
      if (m.partnerId.endsWith('@GM0363') && !back) {
        throw ApplicationFailure.create({ type: DELIVERY_ERRORS.unavailable, message: 'webhook answered 503' });
      }
      return { httpStatus: 200 };
    });
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        // Two working days in, the partner is still being retried: nothing failed, no task yet.
        await advanceTo(env, amsterdamInstant(addWorkingDays(intake, 2), '07:00'));
        const early = await running.state();
        expect(Object.values(early.requests).filter((r) => r.delivery === 'failed')).toEqual([]);
        expect(Object.values(early.tasks).filter((t) => t.type === 'request-follow-up')).toEqual([]);
        await advanceTo(env, amsterdamInstant(addDays(intake, 8), '07:00'));
        const state = await eventually(async () => {
          const s = await running.state();
          expect(Object.values(s.requests).some((r) => r.delivery === 'failed')).toBe(true);
          return s;
        }, 90_000); // some 150 delivery attempts run through the skipped three days
        const failed = Object.values(state.requests).find((r) => r.delivery === 'failed')!;
        expect(failed.partnerId).toBe('detention-start-notice@GM0363');
        expect(failed.deliveryError).toMatch(/503/);
        expect(activities.deliveries.filter((d) => d.requestId === failed.id).length).toBeGreaterThan(3);
        const task = Object.values(state.tasks).find((t) => t.context?.requestId === failed.id)!;
        expect(task).toMatchObject({ role: 'municipality', org: 'GM0363', context: { reason: 'partner-unreachable' } });
        // Given up at the end of the three working days: Temporal skips a retry that would start after the
        // window closes, so the last attempt falls at most one retry interval (30 minutes) before its end.
        expect(Date.parse(task.createdAt)).toBeGreaterThanOrEqual(
          deliveryEscalationAt(DEFAULT_PLAYBOOK_V1, Date.parse(failed.sentAt)) - 30 * 60_000,
        );
        expect(task.title).toMatch(/keeps trying/);

        // Still tried after the escalation, at a slower pace: the partner back on day 10 has it within hours, under
        // the same Idempotency-Key, and the follow-up task closes.
        const triedBefore = activities.deliveries.filter((d) => d.requestId === failed.id).length;
        await advanceTo(env, amsterdamInstant(addDays(intake, 10), '07:00'));
        const slow = activities.deliveries.filter((d) => d.requestId === failed.id).length - triedBefore;
        expect(slow).toBeGreaterThan(0);
        expect(slow).toBeLessThan(40); // every few hours, not every 30 minutes
        back = true;
        await advanceTo(env, amsterdamInstant(addDays(intake, 10), '12:00'));
        const after = await eventually(async () => {
          const s = await running.state();
          expect(s.requests[failed.id].delivery).toBe('delivered');
          return s;
        }, 60_000);
        expect(after.requests[failed.id].deliveryError).toBeNull();
        expect(after.tasks[task.id].status).toBe('cancelled');
        expect(Object.keys(after.deliveries)).toEqual([]);
        expect(activities.deliveries.filter((d) => d.requestId === failed.id).every((d) => d.key === failed.id)).toBe(
          true,
        );
      },
      activities,
    );
  });

  it('an escalated request still retried stops with its withdrawal, and the case closes', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    const activities = webhookPartners(async (m) => {
      if (m.partnerId.endsWith('@GM0363')) {
        throw ApplicationFailure.create({ type: DELIVERY_ERRORS.unavailable, message: 'webhook answered 503' });
      }
      return { httpStatus: 200 };
    });
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        await advanceTo(env, amsterdamInstant(addDays(intake, 8), '07:00'));
        const failed = await eventually(async () => {
          const found = Object.values((await running.state()).requests).find((r) => r.delivery === 'failed');
          expect(found).toBeDefined();
          return found!;
        }, 90_000);
        expect(Object.keys((await running.state()).deliveries)).toEqual([failed.id]);
        const handle = env.client.workflow.getHandle(running.workflowId);
        await handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'extradited', date: addDays(intake, 8), actor: CASEMANAGER }],
        });
        await handle.result();
        const state = await running.state();
        expect(state.requests[failed.id]).toMatchObject({ status: 'withdrawn', delivery: 'failed' });
        expect(Object.keys(state.deliveries)).toEqual([]);
        // Never delivered, so nothing to withdraw at the partner: no withdrawal message either.
        expect(activities.deliveries.filter((d) => d.requestId === failed.id).every((d) => d.key === failed.id)).toBe(
          true,
        );
      },
      activities,
    );
  });

  it('sends an update when the due date moves, and a withdrawal when the case ends', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 60) });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await screen(running);
        // Housing (R−12w) fired at S for a 60-day stay; its due date is the release date.
        const housing = await eventually(async () => {
          const found = Object.values((await running.state()).requests).find(
            (r) => r.type === 'housing-request' && r.delivery === 'delivered',
          );
          expect(found).toBeDefined();
          return found!;
        });
        await handle.executeUpdate(changeExpectedReleaseUpdate, {
          args: [{ expectedReleaseDate: addDays(intake, 90), reason: 'appeal', actor: CASEMANAGER }],
        });
        await eventually(async () => {
          const update = activities.deliveries.find((d) => d.key === `${housing.id}:update:1`);
          expect(update?.body).toMatchObject({ event: 'update', requestId: housing.id, dueDate: addDays(intake, 90) });
        });
        await handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'extradited', date: intake, actor: CASEMANAGER }],
        });
        await handle.result();
        const withdrawal = activities.deliveries.find((d) => d.key === `${housing.id}:withdrawal`)!;
        expect(withdrawal.body).toMatchObject({ event: 'withdrawal', data: {}, reason: 'case-closed' });
        // The case closed only after every withdrawal went out.
        const open = Object.values((await running.state()).requests).filter((r) => r.status !== 'withdrawn');
        expect(open).toEqual([]);
        expect(Object.keys((await running.state()).deliveries)).toEqual([]);
      },
      activities,
    );
  });

  it('still delivers the withdrawals when a delivery outcome arrives while the ending is being recorded', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 60) });
    // Gates the test opens: the update delivery, and the projection of the ending.
    let releaseUpdate!: () => void;
    const updateHeld = new Promise<void>((resolve) => (releaseUpdate = resolve));
    const activities = webhookPartners(async (m) => {
      if (m.body.event === 'update') await updateHeld;
      return { httpStatus: 202 };
    });
    let holdProjection = false;
    let projecting!: () => void;
    const endProjecting = new Promise<void>((resolve) => (projecting = resolve));
    let releaseProjection!: () => void;
    const projectionHeld = new Promise<void>((resolve) => (releaseProjection = resolve));
    const project = activities.projectDetention.bind(activities);
    activities.projectDetention = async (batch) => {
      if (holdProjection && batch.detention.phase === 'closed') {
        projecting();
        await projectionHeld;
      }
      return project(batch);
    };
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await screen(running);
        const housing = await eventually(async () => {
          const found = Object.values((await running.state()).requests).find(
            (r) => r.type === 'housing-request' && r.delivery === 'delivered',
          );
          expect(found).toBeDefined();
          return found!;
        });
        await handle.executeUpdate(changeExpectedReleaseUpdate, {
          args: [{ expectedReleaseDate: addDays(intake, 90), reason: 'appeal', actor: CASEMANAGER }],
        });
        await eventually(async () =>
          expect(activities.deliveries.some((d) => d.key === `${housing.id}:update:1`)).toBe(true),
        );
        holdProjection = true;
        const ended = handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'extradited', date: intake, actor: CASEMANAGER }],
        });
        await endProjecting; // the ending's turn waits for its projection…
        releaseUpdate(); // …when the update's delivery outcome wakes the main loop
        await new Promise((resolve) => setTimeout(resolve, 500));
        releaseProjection();
        await ended;
        await handle.result();
        expect(activities.deliveries.find((d) => d.key === `${housing.id}:withdrawal`)?.body).toMatchObject({
          event: 'withdrawal',
          reason: 'case-closed',
        });
        // Delivered and recorded: each withdrawal on the timeline and in the disclosure log.
        const delivered = running.activities.events(reg.detentionId).filter((e) => e.type === 'request-delivered');
        expect(delivered.some((e) => e.requestId === housing.id && /withdrawal/.test(e.summary))).toBe(true);
        expect(Object.keys((await running.state()).deliveries)).toEqual([]);
      },
      activities,
    );
  });

  it('tracks the benefit deadlines: the advance met when accepted, the decision missed after 8 weeks', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 56) });
    const activities = webhookPartners();
    await withDetention(
      env,
      { registration: reg },
      async (running) => {
        const handle = env.client.workflow.getHandle(running.workflowId);
        await screen(running);
        const benefit = await eventually(async () => {
          const found = Object.values((await running.state()).requests).find(
            (r) => r.type === 'benefit-pre-application',
          );
          expect(found?.delivery).toBe('delivered');
          return found!;
        });
        expect(benefit.deadlines.map((d) => [d.name, d.dueDate])).toEqual([
          ['advance', addDays(intake, 28)],
          ['decision', addDays(intake, 56)],
        ]);
        for (const [n, status] of [
          ['1', 'acknowledged'],
          ['2', 'accepted'],
        ] as const) {
          await handle.signal(partnerResponseSignal, {
            responseId: n,
            requestId: benefit.id,
            partnerId: benefit.partnerId,
            status,
            receivedAt: new Date().toISOString(),
          });
        }
        await advanceTo(env, amsterdamInstant(addDays(intake, 60), '07:00'));
        const after = await eventually(async () => {
          const found = (await running.state()).requests[benefit.id];
          expect(found.deadlines.map((d) => d.state)).toEqual(['met', 'missed']);
          return found;
        });
        expect(after.deadlines[1].at).toEqual(expect.any(String));
        const missed = activities
          .events(reg.detentionId)
          .filter((e) => e.type === 'request-deadline-missed' && e.requestId === benefit.id);
        expect(missed.map((e) => e.data)).toEqual([{ deadline: 'decision', dueDate: addDays(intake, 56) }]);
      },
      activities,
    );
  });
});
