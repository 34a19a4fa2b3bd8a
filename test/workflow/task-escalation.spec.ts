import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { changeExpectedReleaseUpdate, claimTaskUpdate, recordReleaseUpdate } from '@terugkeer/contracts';
import { addDays, addWorkingDays, amsterdamDate, amsterdamInstant } from '@terugkeer/domain';
import {
  advanceTo,
  CASEMANAGER,
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

describe('overdue tasks', () => {
  it('remind whoever holds the task a working day after the due date, and flag the supervisor two working days later', async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 120) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      const suspension = await eventually(async () => {
        const task = Object.values((await running.state()).tasks).find((t) => t.type === 'insurance-suspension');
        expect(task).toBeDefined();
        return task!;
      });
      expect(suspension.dueDate).toBe(addWorkingDays(intake, 5));
      await handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: suspension.id, actor: CASEMANAGER }] });

      const remindOn = addWorkingDays(suspension.dueDate!, 1);
      await advanceTo(env, amsterdamInstant(remindOn, '07:00'));
      const reminded = await eventually(async () => {
        const task = (await running.state()).tasks[suspension.id];
        expect(task.remindedAt).toEqual(expect.any(String));
        return task;
      });
      expect(amsterdamDate(Date.parse(reminded.remindedAt!))).toBe(remindOn);
      expect(reminded.escalatedAt).toBeNull();
      const reminder = running.activities
        .events(reg.detentionId)
        .find((e) => e.type === 'task-overdue' && e.taskId === suspension.id)!;
      expect(reminder.data).toEqual({ dueDate: suspension.dueDate, to: 'cm-1' });

      const escalateOn = addWorkingDays(remindOn, 2);
      await advanceTo(env, amsterdamInstant(escalateOn, '07:00'));
      const escalated = await eventually(async () => {
        const task = (await running.state()).tasks[suspension.id];
        expect(task.escalatedAt).toEqual(expect.any(String));
        return task;
      });
      expect(amsterdamDate(Date.parse(escalated.escalatedAt!))).toBe(escalateOn);
      const last = running.activities.tasks(reg.detentionId).find((t) => t.id === suspension.id)!;
      expect(last.escalatedAt).toBe(escalated.escalatedAt); // projected for the dashboard
    });
  });

  it("move with their step's due date (exit meeting due R−2w), and end with the prison's part at release", async () => {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 35) });
    await withDetention(env, { registration: reg }, async (running) => {
      const handle = env.client.workflow.getHandle(running.workflowId);
      await advanceTo(env, amsterdamInstant(addDays(intake, 8), '07:00'));
      const exit = await eventually(async () => {
        const task = Object.values((await running.state()).tasks).find((t) => t.type === 'exit-meeting');
        expect(task).toBeDefined();
        return task!;
      });
      expect(exit.dueDate).toBe(addDays(intake, 21));
      await handle.executeUpdate(changeExpectedReleaseUpdate, {
        args: [{ expectedReleaseDate: addDays(intake, 49), reason: 'appeal', actor: CASEMANAGER }],
      });
      expect((await running.state()).tasks[exit.id].dueDate).toBe(addDays(intake, 35));

      await handle.executeUpdate(recordReleaseUpdate, {
        args: [{ releaseDate: addDays(intake, 8), releaseAddressKnown: true, actor: CASEMANAGER }],
      });
      const state = await running.state();
      const prisonTasks = Object.values(state.tasks).filter((t) => t.role === 'casemanager');
      expect(prisonTasks.length).toBeGreaterThan(0);
      expect(prisonTasks.every((t) => t.status === 'cancelled' || t.status === 'done')).toBe(true);
      expect(Object.values(state.tasks).some((t) => t.type === 'insurance-resumption' && t.status === 'open')).toBe(
        true,
      );
    });
  });
});
