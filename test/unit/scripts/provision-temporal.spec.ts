import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const run = (env: NodeJS.ProcessEnv) =>
  promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/provision-temporal.mjs')], { cwd: ROOT, env });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the script must print for one binary. `npm test` passes on what it located itself: a path, which the script
 * must report as found through that variable, or '' when provisioning fell back to the SDK's own download, which
 * the script must then report as well. Run without `npm test` (the variable unset), it must find a binary.
 */
function expectedLine(name: string, envVar: string): RegExp {
  const located = process.env[envVar];
  if (located) return new RegExp(`^${escape(name)}: ${escape(located)} \\(${envVar}\\)$`, 'm');
  if (located === '') return new RegExp(`^${escape(name)}: SDK download at first use$`, 'm');
  return new RegExp(`^${escape(name)}: /\\S+ \\(`, 'm');
}

describe('scripts/provision-temporal.mjs', () => {
  it('prints where it found each binary, as provisioned for this run', async () => {
    const { stdout } = await run(process.env);
    expect(stdout).toMatch(expectedLine('temporal', 'TEMPORAL_CLI_PATH'));
    expect(stdout).toMatch(expectedLine('temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH'));
  });

  it('refuses a TEMPORAL_CLI_PATH that is not an executable, naming the variable', async () => {
    await expect(run({ ...process.env, TEMPORAL_CLI_PATH: '/nonexistent/temporal' })).rejects.toMatchObject({
      stderr: expect.stringContaining("TEMPORAL_CLI_PATH is set to '/nonexistent/temporal'"),
    });
  });
});
