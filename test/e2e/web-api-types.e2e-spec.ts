import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../support/stack';

const ROOT = path.resolve(__dirname, '../..');
const COMMITTED = path.join(ROOT, 'apps/web/src/api/schema.d.ts');

/**
 * The web UI's typed API client is generated from the live OpenAPI document (openapi-typescript). This test
 * regenerates it and fails when the committed types differ, so the UI cannot drift from the API.
 * `UPDATE_WEB_API_TYPES=1` writes the new types instead.
 */
describe('the web UI API types', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('match the OpenAPI document', async () => {
    const document = (await stack.http().get('/api/docs-json').expect(200)).body;
    const dir = mkdtempSync(path.join(tmpdir(), 'web-api-types-'));
    writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document));
    execFileSync(process.execPath, [
      path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'),
      path.join(dir, 'openapi.json'),
      '--output',
      path.join(dir, 'schema.d.ts'),
      '--silent',
    ]);
    const generated = `// Generated from the OpenAPI document by openapi-typescript: do not edit.\n// UPDATE_WEB_API_TYPES=1 npx jest test/e2e/web-api-types.e2e-spec.ts regenerates it.\n${readFileSync(path.join(dir, 'schema.d.ts'), 'utf8')}`;
    if (process.env.UPDATE_WEB_API_TYPES === '1') writeFileSync(COMMITTED, generated);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generated);
  });
});
