// typescript-eslint recommended + prettier; house rules from STYLE.md; workflow purity enforced by import bans.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const WORKFLOW_BANS = {
  patterns: [
    { group: ['node:*'], message: 'Workflows run in the Temporal sandbox: no Node built-ins.' },
    {
      group: ['@nestjs/*', 'typeorm', 'pg', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
      message: 'Workflows import only @temporalio/workflow, @terugkeer/domain and @terugkeer/contracts.',
    },
    {
      group: [
        '@terugkeer/persistence*',
        '@terugkeer/temporal*',
        '@terugkeer/auth*',
        '@terugkeer/config*',
        '**/apps/**',
      ],
      message: 'Workflows import only @terugkeer/domain and @terugkeer/contracts.',
    },
  ],
  paths: [
    'fs',
    'path',
    'crypto',
    'os',
    'http',
    'https',
    'net',
    'child_process',
    'util',
    'events',
    'stream',
    'uuid',
  ].map((name) => ({
    name,
    message: 'Workflows run in the Temporal sandbox: no Node built-ins; use uuid4() from @temporalio/workflow.',
  })),
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'coverage/**',
      'test-results/**',
      'apps/web/vite.config.mts',
      'apps/web/src/api/schema.d.ts',
      'apps/web/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // The web UI: browser code, type-checked with its own tsconfig (JSX, DOM).
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { project: 'apps/web/tsconfig.json', projectService: false, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', WORKFLOW_BANS] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
  },
  {
    files: ['jest.config.js', 'bench/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
