import { serializeError, serializeRequest } from '@terugkeer/config';
import type { IncomingMessage } from 'node:http';

describe('log serializers keep personal data out of log lines', () => {
  it('drops SQL parameters, queries and constraint details from errors', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "uq_person"'), {
      code: '23505',
      query: 'INSERT INTO person(bsn, name) VALUES ($1, $2)',
      parameters: ['123456782', 'J. Jansen'],
      detail: 'Key (bsn)=(123456782) already exists.',
    });
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toContain('23505');
    expect(logged).toContain('duplicate key');
    expect(logged).not.toContain('123456782');
    expect(logged).not.toContain('Jansen');
  });

  it('logs requests by method and path only', () => {
    const req = { id: 1, method: 'GET', url: '/api/v1/detentions?name=Jansen', headers: { authorization: 'Bearer x' } };
    expect(serializeRequest(req as unknown as IncomingMessage)).toEqual({
      id: 1,
      method: 'GET',
      path: '/api/v1/detentions',
    });
  });
});
