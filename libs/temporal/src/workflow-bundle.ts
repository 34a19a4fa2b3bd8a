import { bundleWorkflowCode, DefaultLogger, type BundleOptions } from '@temporalio/worker';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The repository (or image) root: the nearest folder above this file holding package.json. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/**
 * The workflow entry: `workflows/src/index.ts` when running from source (jest, ts tooling),
 * the compiled `index.js` next to this file's compiled twin when running from dist/.
 */
export function workflowsPath(): string {
  const compiled = path.resolve(__dirname, '../../../workflows/src/index.js');
  const source = path.resolve(__dirname, '../../../workflows/src/index.ts');
  return existsSync(source) ? source : compiled;
}

/**
 * The workflow interceptors (OpenTelemetry tracing, gated by its patch): in every bundle, whatever OTEL_ENABLED
 * says, so that a bundle, and the way it replays a history, never depends on the environment.
 */
export function workflowInterceptorModules(): string[] {
  const source = path.resolve(__dirname, '../../../workflows/src/tracing-interceptors.ts');
  return [existsSync(source) ? source : path.resolve(__dirname, '../../../workflows/src/tracing-interceptors.js')];
}

/**
 * Teaches the workflow bundler (webpack) the `@terugkeer/*` path aliases of tsconfig.json, so that workflow
 * code imports `@terugkeer/domain` and `@terugkeer/contracts` the same way Nest and jest code does.
 */
export function aliasWebpackConfig(config: Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0]) {
  const root = projectRoot();
  const tsconfigFile = path.join(root, 'tsconfig.json');
  if (!existsSync(tsconfigFile)) return config; // a built image: dist/ has no aliases left
  const paths = (
    JSON.parse(readFileSync(tsconfigFile, 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }
  ).compilerOptions.paths;
  const alias = Object.fromEntries(
    Object.entries(paths)
      .filter(([name]) => !name.includes('*'))
      .map(([name, [target]]) => [name, path.join(root, target)]),
  );
  config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...alias } };
  return config;
}

export const workflowBundleOptions = (): BundleOptions => ({
  workflowsPath: workflowsPath(),
  workflowInterceptorModules: workflowInterceptorModules(),
  webpackConfigHook: aliasWebpackConfig,
});

/** Prebuilds the workflow bundle for production workers (`WORKFLOW_BUNDLE_PATH`). */
export async function writeWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: new DefaultLogger('WARN') });
  writeFileSync(file, code);
}
