// The bare-Temporal baseline of bench/detention-start.mjs: one activity, then waiting, like a detention's first turn.
const { condition, proxyActivities } = require('@temporalio/workflow');

const { noop } = proxyActivities({ startToCloseTimeout: '30 seconds' });

exports.baselineWorkflow = async function baselineWorkflow() {
  await noop();
  await condition(() => false, '1 day');
};
