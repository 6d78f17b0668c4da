import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'url', 'util', 'events', 'worker_threads'];
const nodeImports = [{ group: ['node:*', ...nodeBuiltins], message: 'Node modules are not allowed here.' }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['**/*.{mjs,js,cjs}', 'scripts/**', 'tests/**', 'src/main/**', '*.config.ts', 'bin/**'], languageOptions: { globals: globals.node } },
  // The three code worlds: shared is pure, the renderer sees only shared, electron stays in its folders.
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeImports, { group: ['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**'], message: 'src/shared stays pure.' }] }],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      'no-restricted-imports': ['error', { patterns: [...nodeImports, { group: ['electron', '**/main/**'], message: 'The renderer imports only src/shared.' }] }],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**', 'src/main/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', '**/renderer/**'], message: 'Only src/main/electron and src/main/preload may import electron.' }] }],
    },
  },
);
