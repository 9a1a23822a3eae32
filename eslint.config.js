// Lint rules: typescript-eslint's recommended sets, type-aware, for server, common, test and admin.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'admin/dist/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "ExportDefaultDeclaration:not([declaration.type='ObjectExpression'])", message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Tool configuration files must default-export their config; React.lazy needs default-exported scenes.
    files: ['**/vite.config.ts', 'vitest.config.ts', 'test/e2e/vitest.config.ts', 'eslint.config.js', 'admin/src/scenes/*.tsx'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
