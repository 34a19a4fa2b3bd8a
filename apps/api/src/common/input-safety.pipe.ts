import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/** JSON nested deeper than this is refused before anything walks it recursively (class-transformer would overflow). */
export const MAX_DEPTH = 32;
/** No text we store is longer: fields with a tighter limit of their own say so in their validation. */
export const MAX_TEXT = 10_000;
/** Query filters and path ids are short: codes, ids, dates, numbers. */
export const MAX_QUERY_TEXT = 200;
/** Control characters other than tab, line feed and carriage return: PostgreSQL refuses NUL, none belong in text. */
const CONTROL = /[^\P{Cc}\t\n\r]/u;
/** A UTF-16 surrogate without its partner: not text, and not storable as such. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string, max = MAX_TEXT): string | undefined {
  if (text.length > max) return `must be at most ${max} characters`;
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text';
  return undefined;
}

/**
 * Hostile input, refused before validation and transformation: control characters (NUL above all), invalid
 * Unicode and overlong text in any string or key of a body, query or path parameter, and nesting deeper than
 * MAX_DEPTH — each with the field it is in. Walks without recursion, so a deep document cannot overflow it.
 */
@Injectable()
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const root = metadata.type === 'param' ? (metadata.data ?? 'path parameter') : '';
    const problems = new Set<string>();
    const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
    while (stack.length) {
      const { value: node, path, depth } = stack.pop()!;
      const where = path || (metadata.type === 'body' ? 'body' : 'query');
      if (typeof node === 'string') {
        const problem = problemOf(node, metadata.type === 'body' ? MAX_TEXT : MAX_QUERY_TEXT);
        if (problem) problems.add(`${where} ${problem}`);
        continue;
      }
      if (node === null || typeof node !== 'object') continue;
      if (depth >= MAX_DEPTH) {
        // Named by the field it starts at: the whole path would be as deep as the problem.
        problems.add(`${where.split('.')[0]} is nested more than ${MAX_DEPTH} levels deep`);
        continue;
      }
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        const keyProblem = problemOf(key, MAX_QUERY_TEXT);
        if (keyProblem) problems.add(`a field name in ${path || where} ${keyProblem}`);
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
    if (problems.size) throw new BadRequestException([...problems].sort());
    return value;
  }
}
