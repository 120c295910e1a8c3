import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: [
      'tools/**/*.ts',
      'bench/**/*.ts',
      'test/**/*.ts',
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      'apps/customer/src/database/migrate.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
