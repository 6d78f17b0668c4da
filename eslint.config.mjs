import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import zones from './scripts/eslint-import-zones.mjs';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'url',
  'util',
  'events',
  'worker_threads',
];
const nodeImports = { group: ['node:*', ...nodeBuiltins], message: 'Node modules are not allowed here.' };
const testSupport = {
  group: ['**/tests/**', '**/test-support/**'],
  message: 'Test helpers are for tests; product code never imports them.',
};
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/**
 * One import zone: `patterns` apply to every file under `files`; product files (not tests) may not
 * import test helpers (nor `productOnly` patterns) either. Flat config keeps only the last matching `no-restricted-imports`, so
 * each zone states all of its patterns.
 */
function zone(files, patterns, extra = {}, productOnly = []) {
  const rule = (p) => ({ 'no-restricted-imports': ['error', { patterns: p }] });
  return [
    { files, ...extra, rules: { ...extra.rules, ...rule([...patterns, ...productOnly, testSupport]) } },
    {
      files: files.flatMap((f) => TESTS.map((t) => `${f.replace(/\/\*\*$/, '')}/${t}`)),
      rules: rule(patterns),
    },
  ];
}

const noElectron = {
  group: ['electron'],
  message: 'Only src/main/electron and src/main/preload may import electron.',
};
const noRenderer = { group: ['**/renderer/**'], message: 'Main never imports the renderer.' };

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'resources/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.{mjs,js,cjs}', 'scripts/**', 'tests/**', 'src/main/**', '*.config.ts', 'bin/**'],
    languageOptions: { globals: globals.node },
  },
  // The three code worlds: shared is pure, the renderer sees only shared, electron stays in its folders.
  ...zone(
    ['src/shared/**'],
    [
      nodeImports,
      {
        group: ['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**'],
        message: 'src/shared stays pure.',
      },
    ],
  ),
  ...zone(
    ['src/renderer/**'],
    [nodeImports, { group: ['electron', '**/main/**'], message: 'The renderer imports only src/shared.' }],
    {
      languageOptions: { globals: globals.browser },
      plugins: { 'react-hooks': reactHooks },
      rules: {
        ...reactHooks.configs.recommended.rules,
        'react-hooks/set-state-in-effect': 'off',
        'react-hooks/refs': 'off',
      },
    },
  ),
  ...zone(['src/main/**'], [noElectron, noRenderer]),
  {
    files: ['src/main/electron/**', 'src/main/preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer, testSupport] }] },
  },
  // A backend client speaks to the real server; the emulators (an offline sandbox users start) live apart.
  ...zone(['src/main/sync/**'], [noElectron, noRenderer], {}, [
    { group: ['**/emulators/**'], message: 'The sync clients never import the emulators (their tests may).' },
  ]),
  // Processes: main and the runner meet only in src/shared/runner-protocol.ts.
  {
    files: ['src/**/*.ts'],
    ignores: TESTS,
    plugins: { bdp: zones },
    rules: {
      'bdp/import-zones': [
        'error',
        {
          zones: [
            {
              target: ['src/main/runner/**'],
              from: [
                'src/main/services/**',
                'src/main/sync/**',
                'src/main/transport/**',
                'src/main/electron/**',
                'src/main/cli/**',
                'src/main/emulators/**',
                'src/main/preload/**',
                'src/main/*',
              ],
              message:
                'the runner process runs task code only; it talks to main through src/shared/runner-protocol.ts',
            },
            {
              target: ['src/main/**'],
              exceptTarget: ['src/main/runner/**'],
              from: ['src/main/runner/**'],
              message:
                'main does not load runner code; use src/shared/runner-protocol.ts and the runner client',
            },
          ],
        },
      ],
    },
  },
  // Renderer features meet through their index.ts; shared pieces live in renderer/ui, below them.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { bdp: zones },
    rules: { 'bdp/feature-index': ['error', { features: 'src/renderer/features' }] },
  },
  {
    files: ['src/renderer/ui/**/*.{ts,tsx}'],
    plugins: { bdp: zones },
    rules: {
      'bdp/import-zones': [
        'error',
        {
          zones: [
            {
              target: ['src/renderer/ui/**'],
              from: ['src/renderer/features/**'],
              message: 'renderer/ui holds pieces shared by features; it never imports a feature',
            },
          ],
        },
      ],
    },
  },
);
