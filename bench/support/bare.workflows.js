// The bare-Temporal baselines: what each Terugkeer figure is set beside — the same kind of work with nothing of
// Terugkeer in it (no planner, no codec, no read models).
const { condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } = require('@temporalio/workflow');

const { noop } = proxyActivities({ startToCloseTimeout: '30 seconds' });

const statusQuery = defineQuery('status');
const completeUpdate = defineUpdate('complete');

/** A detention's first turn at its barest: one activity, then waiting. */
exports.bareIntakeWorkflow = async function bareIntakeWorkflow() {
  await noop();
  await condition(() => false);
};

/** A case with tasks at its barest: an Update changes the state and answers it; a Query reads it. */
exports.bareCaseWorkflow = async function bareCaseWorkflow() {
  const tasks = {};
  setHandler(statusQuery, () => tasks);
  setHandler(completeUpdate, ({ taskId, outcome }) => {
    tasks[taskId] = outcome;
    return { taskId, status: 'done', outcome };
  });
  await condition(() => false);
};

/** A step due at a moment at its barest: a timer until then, then one activity. */
exports.bareTimerWorkflow = async function bareTimerWorkflow(fireAt) {
  await sleep(Math.max(fireAt - Date.now(), 1));
  await noop();
  await condition(() => false);
};
