export * from './detention.workflow';
