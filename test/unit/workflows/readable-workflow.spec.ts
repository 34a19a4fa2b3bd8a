import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The workflow is read by newcomers and by whoever must judge a determinism question under pressure: no file over
 * ~300 lines, no function over ~60. This keeps it so.
 */
const DIR = path.join(__dirname, '../../../workflows/src');
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function functionsOf(file: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = (node as ts.FunctionLikeDeclaration).name?.getText() ?? `<anonymous at line ${start + 1}>`;
      found.push({ name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the workflow code stays readable', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s has at most 300 lines', (file) => {
    expect(readFileSync(path.join(DIR, file), 'utf8').split('\n').length).toBeLessThanOrEqual(MAX_FILE_LINES + 1);
  });

  it.each(files)('%s has no function over 60 lines', (file) => {
    const long = functionsOf(path.join(DIR, file)).filter((f) => f.lines > MAX_FUNCTION_LINES);
    expect(long).toEqual([]);
  });
});
