import type {
  EphemeralServerExecutable,
  LocalTestWorkflowEnvironmentOptions,
  TimeSkippingTestWorkflowEnvironmentOptions,
} from '@temporalio/testing';

type DevServerOptions = NonNullable<LocalTestWorkflowEnvironmentOptions['server']>;
type TimeSkippingServerOptions = NonNullable<TimeSkippingTestWorkflowEnvironmentOptions['server']>;

/** What scripts/test.mjs provisioned for this run; tests fail clearly when started some other way. */
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set: run the tests with \`npm test\` (scripts/test.mjs).`);
  return value;
}

export const testDatabaseUrl = () => required('TEST_DATABASE_URL');
export const testDatabaseAdminUrl = () => required('TEST_DATABASE_ADMIN_URL');

/** An empty path means "use the SDK's own download" (provisioning found no binary). */
function executable(path: string): EphemeralServerExecutable {
  return path ? { type: 'existing-path', path } : { type: 'cached-download' };
}

export const timeSkippingServer = (): TimeSkippingServerOptions => ({
  executable: executable(required('TEMPORAL_TEST_SERVER_PATH')),
});

export const devServer = (extra: DevServerOptions = {}): DevServerOptions => ({
  executable: executable(required('TEMPORAL_CLI_PATH')),
  ...extra,
});

/**
 * Starts a Temporal server for a test, again when it was too slow to come up: the SDK gives a starting server 5 s,
 * which two busy cores running the suites in parallel sometimes exceed. Any other failure is not retried.
 */
export async function startingServer<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      const slow = /did not start within/.test((error as Error).message ?? '');
      if (!slow || attempt >= attempts) throw error;
    }
  }
}
