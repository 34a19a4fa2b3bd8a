import { BadRequestException } from '@nestjs/common';
import { InputSafetyPipe, MAX_DEPTH } from '../../../apps/api/src/common/input-safety.pipe';

const pipe = new InputSafetyPipe();
const problems = (value: unknown, type: 'body' | 'query' | 'param' = 'body', data?: string): string[] => {
  try {
    pipe.transform(value, { type, data });
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { message: string[] }).message;
  }
  return [];
};

describe('hostile input, refused before validation', () => {
  it('names the field holding a NUL byte or another control character', () => {
    expect(problems({ person: { name: 'J\u0000ansen' }, reason: 'ok\u0007' })).toEqual([
      'person.name must not contain control characters',
      'reason must not contain control characters',
    ]);
    expect(problems({ assignee: 'a\u0000b' }, 'query')).toEqual(['assignee must not contain control characters']);
    expect(problems('a\u0000b', 'param', 'id')).toEqual(['id must not contain control characters']);
    expect(problems({ ['bad\u0000key']: 1 })).toEqual(['a field name in body must not contain control characters']);
  });

  it('keeps tabs and line breaks in free text', () => {
    expect(problems({ note: 'line one\nline two\r\n\tindented' })).toEqual([]);
  });

  it('refuses lone surrogates, accepts real ones', () => {
    expect(problems({ person: { name: 'J\uD800nsen' } })).toEqual(['person.name must be valid Unicode text']);
    expect(problems({ person: { name: 'Jansen 😀' } })).toEqual([]);
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} levels without overflowing the stack`, () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40_000; i++) deep = { a: deep };
    expect(problems({ data: deep })[0]).toMatch(/is nested more than 32 levels deep/);
    let shallow: unknown = 'x';
    for (let i = 0; i < MAX_DEPTH - 1; i++) shallow = [shallow];
    expect(problems(shallow)).toEqual([]);
  });

  it('leaves other arguments alone', () => {
    expect(pipe.transform('a\u0000b', { type: 'custom' })).toBe('a\u0000b');
  });
});
