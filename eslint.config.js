// Lint: TypeScript syntax checks plus the module boundaries of the design:
// src/shared imports nothing of the app; server/ imports only src/shared (and
// the locale registry and UI strings); the browser reaches the server only
// through `import type`.
import tseslint from 'typescript-eslint';

const appFolders = ['**/server/**', '**/src/islands/**', '**/src/components/**', '**/src/layouts/**', '**/src/pages/**'];

export default tseslint.config(
  { ignores: ['dist/**', '.astro/**', 'node_modules/**', '.tools/**', 'data/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...appFolders, '**/src/i18n/**'], message: 'src/shared is pure: it imports nothing of the app.' }] }],
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
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], allowTypeImports: true, message: 'The browser reaches the server only through import type (hc<AppType>).' }] },
      ],
    },
  },
);
