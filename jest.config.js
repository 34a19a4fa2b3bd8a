// Four suites: unit (pure), workflow (time-skipping test server), e2e (API + worker + Postgres + Temporal), and
// browser (the web UI in headless Chromium on that same stack).
// `npm test` runs them through scripts/test.mjs, which provisions Temporal and PostgreSQL first.
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/*', '/(.*)')}$`,
    `<rootDir>/${target.replace('/*', '/$1')}`,
  ]),
);

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testMatch,
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  ...extra,
});

module.exports = {
  projects: [
    project('unit', ['<rootDir>/test/unit/**/*.spec.ts']),
    project('workflow', ['<rootDir>/test/workflow/**/*.spec.ts'], { slowTestThreshold: 30 }),
    project('e2e', ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], { slowTestThreshold: 60 }),
    project('browser', ['<rootDir>/test/browser/**/*.browser-spec.ts'], { slowTestThreshold: 60 }),
  ],
  testTimeout: 120_000,
};
