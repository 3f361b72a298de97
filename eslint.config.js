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
    // Start-up weight (bench/RESULTS.md): these load only where they are used, never with the module
    // graph at boot. Types are free; values come through a lazy import() or createRequire.
    files: ['kiosk-daemon/src/**/*.ts', 'device-drivers/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@kiosk/host-simulator',
              message:
                'Use @kiosk/host-simulator/contract; the simulator itself loads only when the host is embedded.',
              allowTypeImports: true,
            },
            { name: 'mqtt', message: 'Load mqtt when the fleet link starts.', allowTypeImports: true },
            {
              name: 'typeorm',
              message: "Import TypeORM's values from journal/typeorm-runtime.js (loaded through require).",
              allowTypeImports: true,
            },
            {
              name: '@nestjs/typeorm',
              message: 'The journal opens its DataSource in JournalDataSourceModule.',
            },
            {
              name: '@napi-rs/canvas',
              message: 'Load the canvas binding when a receipt image is drawn.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['kiosk-ui/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
