export * from './calendar';
export * from './detention/detention-facts';
export * from './planner';
export * from './playbook';
export * from './requests/request-status';
export * from './tasks/task-types';
export * from './validation/bsn';
