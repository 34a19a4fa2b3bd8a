export * from './plan-diff';
export * from './planner';
