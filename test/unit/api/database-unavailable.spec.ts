import { QueryFailedError } from 'typeorm';
import { databaseUnreachable } from '../../../apps/api/src/common/database-unavailable.filter';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('databaseUnreachable: which errors are PostgreSQL being away (503), not a fault (500)', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['the pool waiting in vain', new Error('timeout exceeded when trying to connect')],
    ['a connection broken mid-query', new Error('Connection terminated unexpectedly')],
    ['the server shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['the server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    [
      'the same inside TypeORM',
      new QueryFailedError('SELECT 1', [], withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
    ],
  ])('%s: unreachable', (_name, error) => expect(databaseUnreachable(error)).toBe(true));

  it.each([
    ['a constraint violated', new QueryFailedError('INSERT', [], withCode('duplicate key', '23505'))],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'ECONNREFUSED'],
  ])('%s: not', (_name, error) => expect(databaseUnreachable(error)).toBe(false));
});
