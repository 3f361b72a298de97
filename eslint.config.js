// ESLint flat config: typescript-eslint's type-aware recommended rules across every room.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/var/**', 'kiosk-ui/vite.config.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/test/**',
      'bench/**',
      '**/*.cjs',
      'jest.config.js',
      '.ci/**',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['kiosk-ui/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
