export { BASE } from './base';
export { CASE } from './case';
export { EVENTS } from './events';
