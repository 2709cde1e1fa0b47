// Layer rules from DESIGN.md, enforced at lint time so a stray import fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['node:fs', 'node:fs/promises', 'node:child_process', 'node:http', 'node:https', 'node:net', 'fs', 'child_process', 'http', 'https'];
const ioPatterns = ioModules.map((name) => ({ name, message: 'src/shared is pure: do I/O in src/shared/io, src/cli, action/ or app/.' }));
// A devDependency for the bench and the evidence scripts only: the shipped code never needs it.
const benchOnly = { name: '@aws-cdk/cloudformation-diff', message: '@aws-cdk/cloudformation-diff is for bench/ and scripts/ only, never src/.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'lib/', 'dist/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [benchOnly] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/io/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [...ioPatterns, benchOnly], patterns: [{ group: ['**/io/*', '**/cli/*', '**/action/*', '**/app/*'], message: 'Pure layers must not import I/O layers.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process.env or clock in src/shared outside io/.' }],
    },
  },
  {
    files: ['src/shared/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./[^/]+$)', message: 'The model imports nothing but itself.' }] }],
    },
  },
  {
    files: ['action/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'probot', message: 'action/ never imports probot.' }],
        patterns: [{ group: ['probot/*', '**/app/*', '**/app/**'], message: 'action/ never imports probot or app/ code.' }],
      }],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@actions/*'], message: 'app/ never imports @actions/*.' }] }] },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
