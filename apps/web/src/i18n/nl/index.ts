export { BASE } from './base';
export { CASE } from './case';
