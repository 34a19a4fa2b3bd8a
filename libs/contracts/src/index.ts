export * from './detention.activities';
export * from './detention.messages';
export * from './detention.types';
export * from './detention.workflow-io';
export * from './search-attributes';
