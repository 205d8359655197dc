// Lint: TypeScript syntax checks plus the module boundaries of the design:
// src/shared imports nothing of the app but the locale registry (pure data);
// server/ imports only src/shared (and the locale registry and UI strings);
// the browser reaches the server only through `import type`. Astro
// components are linted under the same boundaries as the code they sit with.
import eslintPluginAstro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

const appFolders = ['**/server/**', '**/src/islands/**', '**/src/components/**', '**/src/layouts/**', '**/src/pages/**', '**/src/ui/**'];

// Shared and UI kit code runs in the browser as well: it may read no files.
const noFileSystem = [
  { name: 'fs', message: 'src/shared and src/ui run in the browser too: they read no files.' },
  { name: 'node:fs', message: 'src/shared and src/ui run in the browser too: they read no files.' },
  { name: 'fs/promises', message: 'src/shared and src/ui run in the browser too: they read no files.' },
  { name: 'node:fs/promises', message: 'src/shared and src/ui run in the browser too: they read no files.' },
];

export default tseslint.config(
  { ignores: ['dist/**', '.astro/**', 'node_modules/**', '.tools/**', 'data/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  ...eslintPluginAstro.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noFileSystem,
          patterns: [
            {
              group: [...appFolders, '**/src/i18n/**', '!**/src/i18n/locales.ts'],
              message: 'src/shared is pure: it imports nothing of the app but the locale registry.',
            },
          ],
        },
      ],
    },
  },
  {
    // The locale registry is imported by src/shared, so it must stay pure data itself.
    files: ['src/i18n/locales.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noFileSystem, patterns: [{ group: ['./*', '../*'], message: 'The locale registry imports nothing.' }] }] },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    ignores: ['src/ui/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noFileSystem,
          patterns: [
            { group: ['**/server/**'], allowTypeImports: true, message: 'The browser reaches the server only through import type (hc<AppType>).' },
            { group: ['**/src/islands/**', '**/islands/**', '**/src/pages/**', '**/src/components/**', '**/src/layouts/**'], message: 'The UI kit serves the islands: it imports none of them.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...appFolders.filter((f) => f !== '**/server/**'), '**/src/styles/**', '**/src/i18n/t.ts', '**/src/i18n/content.ts'],
              message: 'server/ imports only src/shared (and the locale registry and UI strings).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'src/**/*.astro'],
    ignores: ['src/shared/**', 'src/ui/**', 'src/i18n/locales.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], allowTypeImports: true, message: 'The browser reaches the server only through import type (hc<AppType>).' }] },
      ],
    },
  },
);
