// ESLint: the TypeScript rules typescript-eslint recommends, on the scripts and the tests.
// Formatting is Prettier's job; the direction of imports is dependency-cruiser's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'templates/', 'tests/**/fixtures/'] },
  js.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly' },
    },
  },
  // Plain JavaScript that runs in Node before anything is compiled (the launcher).
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', URL: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a value left unused on purpose (a destructured part dropped from an object).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Japanese text uses the ideographic space (U+3000) on purpose, in strings, patterns and comments.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true },
      ],
    },
  },
  {
    // A function that does not fit on a screen does more than one thing: split it.
    files: ['scripts/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
);
