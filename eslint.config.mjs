import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'client/builds/**',
      'data/**',
      'coverage/**',
      'client/src/graphql/**',
      'screenshots/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The web client runs in the browser, with React's JSX.
    files: ['client/src/**/*.{ts,tsx}', 'client/test/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  },
  {
    // Node scripts and the browser tests' driver.
    files: ['client/scripts/**/*.mjs', 'client/e2e/**/*.ts', 'client/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests read loosely typed GraphQL answers.
    files: ['**/*.test.ts', '**/*.test.tsx', 'server/test/**/*.ts', 'client/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
