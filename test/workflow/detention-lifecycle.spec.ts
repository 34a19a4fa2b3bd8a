import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  changeExpectedReleaseUpdate,
  completeTaskUpdate,
  detentionWorkflowId,
  recordReleaseUpdate,
  type DetentionState,
} from '@terugkeer/contracts';
import {
  addDays,
  amsterdamDate,
  amsterdamInstant,
  BASIC_CONDITIONS,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
  type CalendarDate,
} from '@terugkeer/domain';
import {
  advanceTo,
  CASEMANAGER,
  eventually,
  morning,
  MUNICIPALITY,
  registration,
  screeningData,
  timeSkippingEnv,
  withDetention,
  type Running,
} from './support/harness';

// A test server per test: time skipping is global to a server, and each test moves the clock on its own.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(() => env?.teardown());

const SCREENING = screeningData();

/** Fired instances with the day they fired on. */
function firedOn(state: DetentionState): Record<string, CalendarDate> {
  return Object.fromEntries(Object.entries(state.progress).map(([id, p]) => [id, amsterdamDate(p.firedAt)]));
}

async function openTask(running: Running, type: string) {
  return eventually(async () => {
    const task = Object.values((await running.state()).tasks).find((t) => t.type === type && t.status === 'open');
    expect(task).toBeDefined();
    return task!;
  });
}

async function complete(running: Running, type: string, outcome: string, data: object, actor = CASEMANAGER) {
  const task = await openTask(running, type);
  return env.client.workflow.getHandle(running.workflowId).executeUpdate(completeTaskUpdate, {
    args: [{ taskId: task.id, outcome, data: data as Record<string, unknown>, actor }],
  });
}

describe('detention workflow on the time-skipping test server', () => {
  it('carries out a 120-day detention end to end, every step at its offset (on a working day)', async () => {
    const intake = await morning(env);
    const release = onOrAfterWorkingDay(addDays(intake, 120));
    // Rule 10: during detention a moment on a weekend or holiday moves to the working day before it.
    const before = onOrBeforeWorkingDay;
    const reg = registration({ intakeDate: intake, expectedReleaseDate: release });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      // Intake steps fire at once: notices to the municipality and probation, two casemanager tasks.
      await eventually(async () => {
        const requests = running.activities.requests().filter((r) => r.type === 'detention-start-notice');
        expect(requests.map((r) => r.partnerId).sort()).toEqual([
          'detention-start-notice@GM0363',
          'detention-start-notice@RN',
        ]);
      });
      const screening = await complete(running, 'screening', 'completed', SCREENING);
      expect(screening.status).toBe('done');

      // The whole detention, until the expected release date.
      await advanceTo(env, amsterdamInstant(release, '07:00'));
      const detained = await eventually(async () => {
        const state = await running.state();
        expect(state.progress['bank-account-digid']).toBeDefined();
        return state;
      });
      const expected: Record<string, CalendarDate> = {
        'detention-start-notice': intake,
        'insurance-suspension': intake,
        screening: intake,
        'trajectory-meeting#1': intake, // S = intake: the screening was completed on the intake day
        'id-application': intake,
        'debt-help-referral': intake,
        'housing-request': before(addDays(release, -84)), // R−12w
        'trajectory-meeting#2': before(addDays(intake, 42)), // S+6w
        'benefit-pre-application': before(addDays(release, -56)), // R−8w
        'care-continuity': before(addDays(release, -42)), // R−6w
        'exit-meeting': before(addDays(release, -28)), // R−4w
        'bank-account-digid': before(addDays(release, -28)),
      };
      // S+12w falls before R−2w for a 120-day stay (84 < 106): a third meeting.
      expected['trajectory-meeting#3'] = before(addDays(intake, 84));
      expect(firedOn(detained)).toEqual(expected);
      expect(Object.values(detained.progress).every((p) => !p.late)).toBe(true);

      // Release on the expected date; aftercare until six months later, when the case closes.
      await handle.executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: release, releaseAddressKnown: true, actor: CASEMANAGER }],
      });
      await complete(running, 'insurance-resumption', 'resumed', { careAllowanceApplied: true }, MUNICIPALITY);
      const sixMonths = amsterdamInstant(addDays(release, 190), '07:00');
      await advanceTo(env, sixMonths);
      const aftercare = await eventually(async () => {
        const state = await running.state();
        expect(state.progress['aftercare-check-6m']).toBeDefined();
        return state;
      });
      expect(firedOn(aftercare)).toMatchObject({
        'release-notice': release,
        'insurance-resumption': release,
        'aftercare-check-48h': onOrAfterWorkingDay(addDays(release, 2)),
        'aftercare-check-4w': onOrAfterWorkingDay(addDays(release, 28)),
      });
      expect(amsterdamDate(aftercare.progress['aftercare-check-6m'].firedAt) >= addDays(release, 181)).toBe(true);
      const conditions = Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'ok']));
      // The 48-hour, 4-week and 6-month checks are open; completing the 6-month one closes the case.
      for (;;) {
        const state = await running.state().catch(() => undefined);
        const open =
          state && Object.values(state.tasks).find((t) => t.type === 'aftercare-check' && t.status === 'open');
        if (!open) break;
        await handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: open.id, outcome: 'completed', data: { conditions }, actor: MUNICIPALITY }],
        });
      }
      const outcome = await handle.result();
      expect(outcome.closed.reason).toBe('aftercare completed');
      const last = running.activities.lastBatch(reg.detentionId)!;
      expect(last.detention.phase).toBe('closed');
      // The release measurement was taken at X (everything requested, nothing answered yet) and kept (rule 12).
      const attention = Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention']));
      expect(last.detention.measurements).toEqual({
        intake: SCREENING.conditions,
        release: attention,
        sixMonths: conditions,
      });
      expect(running.activities.events(reg.detentionId).map((e) => e.type)).toContain('case-closed');
    });
  });

  it('a 7-day stay: no re-integration plan; at release what is still needed goes to the municipality', async () => {
    const intake = await morning(env);
    const released = onOrAfterWorkingDay(addDays(intake, 7));
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 7) });
    await withDetention(env, { registration: reg }, async (running) => {
      await advanceTo(env, amsterdamInstant(released, '07:00'));
      await env.client.workflow.getHandle(running.workflowId).executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: released, releaseAddressKnown: false, actor: CASEMANAGER }],
      });
      const state = await eventually(async () => {
        const s = await running.state();
        expect(s.progress['insurance-resumption']).toBeDefined();
        return s;
      });
      // No consent was asked (no screening in a short stay): the requests that share a condition wait for it.
      expect(Object.keys(state.progress).sort()).toEqual(
        [
          'bank-account-digid',
          'detention-start-notice',
          'first-place-to-stay',
          'insurance-resumption',
          'insurance-suspension',
          'release-notice',
        ].sort(),
      );
      const tasks = Object.values(state.tasks).map((t) => [t.type, t.role]);
      expect(tasks.sort()).toEqual(
        [
          ['bank-account-digid', 'municipality'],
          ['first-place-to-stay', 'municipality'],
          ['insurance-resumption', 'municipality'],
          ['insurance-suspension', 'municipality'], // handed over at release, not cancelled
        ].sort(),
      );
      const skipped = running.activities.lastBatch(reg.detentionId)!.steps.find((s) => s.instanceId === 'screening');
      expect(skipped).toMatchObject({ state: 'skipped', reason: 'short stay (7 days): no re-integration plan' });
    });
  });

  it('a 3-week stay: release-relative steps that fall before intake fire at intake', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 21) });
    await withDetention(env, { registration: reg }, async (running) => {
      const state = await eventually(async () => {
        const s = await running.state();
        expect(Object.keys(s.progress)).toHaveLength(4);
        return s;
      });
      // Consent is not asked yet: the requests that share a condition wait for it; the DigiD task does not.
      expect(Object.keys(state.progress).sort()).toEqual([
        'bank-account-digid',
        'detention-start-notice',
        'insurance-suspension',
        'screening',
      ]);
      expect(state.progress['bank-account-digid']).toMatchObject({ plannedDate: intake, late: false });
      await complete(running, 'screening', 'completed', SCREENING);
      const after = await eventually(async () => {
        const s = await running.state();
        expect(s.progress['benefit-pre-application']).toBeDefined();
        return s;
      });
      for (const id of ['housing-request', 'benefit-pre-application', 'care-continuity', 'bank-account-digid']) {
        expect(after.progress[id]).toMatchObject({ plannedDate: intake, late: false });
      }
      expect(after.progress['exit-meeting']).toBeUndefined();
    });
  });

  it('remand: release-relative steps wait for a date; set later, they fire (late where passed)', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: null });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await complete(running, 'screening', 'completed', SCREENING);
      await advanceTo(env, amsterdamInstant(addDays(intake, 50), '07:00'));
      const waiting = await eventually(async () => {
        const s = await running.state();
        expect(s.progress['trajectory-meeting#2']).toBeDefined(); // meetings recur without a release date
        return s;
      });
      expect(waiting.progress['housing-request']).toBeUndefined();

      // A court sets the release date 50 days from now: R−12w and R−8w have passed, R−6w has not.
      const release = addDays(intake, 100);
      const result = await handle.executeUpdate(changeExpectedReleaseUpdate, {
        args: [{ expectedReleaseDate: release, reason: 'court ruling', actor: CASEMANAGER }],
      });
      expect(result.changes.late.map((c) => c.instanceId).sort()).toEqual([
        'benefit-pre-application',
        'housing-request',
      ]);
      expect(result.changes.moved.map((c) => [c.instanceId, c.to])).toEqual(
        // On the working day on or before R−6w (the release may fall in a weekend, whatever day the test runs).
        expect.arrayContaining([['care-continuity', onOrBeforeWorkingDay(addDays(release, -42))]]),
      );
      const state = await running.state();
      expect(state.progress['housing-request']).toMatchObject({
        late: true,
        plannedDate: onOrBeforeWorkingDay(addDays(release, -84)),
      });
      expect(state.progress['benefit-pre-application']).toMatchObject({ late: true });
      expect(state.progress['care-continuity']).toBeUndefined();
    });
  });

  it('release moved earlier (catch-up with late flags) and later (nothing done is undone)', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 200) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await complete(running, 'screening', 'completed', SCREENING);
      await advanceTo(env, amsterdamInstant(addDays(intake, 30), '07:00'));
      // Capacity-driven early release: R moves to 40 days from now.
      const earlier = addDays(intake, 70);
      const moved = await handle.executeUpdate(changeExpectedReleaseUpdate, {
        args: [{ expectedReleaseDate: earlier, reason: 'early release', actor: CASEMANAGER }],
      });
      // R−12w, R−8w and R−6w have all passed now.
      expect(moved.changes.late.map((c) => c.instanceId).sort()).toEqual([
        'benefit-pre-application',
        'care-continuity',
        'housing-request',
      ]);
      const afterEarlier = await running.state();
      expect(afterEarlier.progress['housing-request'].late).toBe(true);
      const done = Object.keys(afterEarlier.progress);

      const later = await handle.executeUpdate(changeExpectedReleaseUpdate, {
        args: [{ expectedReleaseDate: addDays(intake, 300), reason: 'appeal', actor: CASEMANAGER }],
      });
      expect(later.changes.withdrawn).toEqual([]);
      const afterLater = await running.state();
      expect(Object.keys(afterLater.progress)).toEqual(expect.arrayContaining(done));
      // The housing request's due date follows R: the partner gets the new date.
      const housing = Object.values(afterLater.requests).find((r) => r.type === 'housing-request')!;
      expect(housing.dueDate).toBe(addDays(intake, 300));
      expect(running.activities.events(reg.detentionId).some((e) => e.type === 'request-updated')).toBe(true);
    });
  });

  it('an early actual release: what is still needed fires at release (late), meetings are skipped', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 150) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await complete(running, 'screening', 'completed', SCREENING);
      const releaseDate = onOrAfterWorkingDay(addDays(intake, 20));
      await advanceTo(env, amsterdamInstant(releaseDate, '07:00'));
      const result = await handle.executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate, releaseAddressKnown: true, actor: CASEMANAGER }],
      });
      expect(result.changes.skipped.map((c) => c.instanceId)).toEqual(expect.arrayContaining(['exit-meeting']));
      expect(result.changes.late.map((c) => c.instanceId)).toEqual(
        expect.arrayContaining(['housing-request', 'benefit-pre-application', 'care-continuity']),
      );
      const state = await running.state();
      expect(state.phase).toBe('aftercare');
      expect(state.progress['release-notice']).toBeDefined();
      expect(state.progress['housing-request']).toMatchObject({ late: true, plannedDate: releaseDate });
      expect(state.progress['first-place-to-stay']).toBeUndefined(); // the address is known
      await expect(
        handle.executeUpdate(changeExpectedReleaseUpdate, {
          args: [{ expectedReleaseDate: addDays(intake, 160), reason: 'too late', actor: CASEMANAGER }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'Conflict', message: expect.stringMatching(/not possible after release/) },
      });
      expect(detentionWorkflowId(reg.detentionId)).toBe(running.workflowId);
    });
  });
});
