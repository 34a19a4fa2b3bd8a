import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const run = (env: NodeJS.ProcessEnv) =>
  promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/provision-temporal.mjs')], { cwd: ROOT, env });

describe('scripts/provision-temporal.mjs', () => {
  it('finds both binaries (already provisioned for this run) and prints where', async () => {
    const { stdout } = await run(process.env);
    expect(stdout).toMatch(/^temporal: \/\S+ \(/m);
    expect(stdout).toMatch(/^temporal-test-server: \/\S+ \(/m);
  });

  it('refuses a TEMPORAL_CLI_PATH that is not an executable, naming the variable', async () => {
    await expect(run({ ...process.env, TEMPORAL_CLI_PATH: '/nonexistent/temporal' })).rejects.toMatchObject({
      stderr: expect.stringContaining("TEMPORAL_CLI_PATH is set to '/nonexistent/temporal'"),
    });
  });
});
