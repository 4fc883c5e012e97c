// Lint for hush's own sources: rules that catch real bugs, with type information for
// TypeScript (a promise nobody awaits is how a rejected store call goes unseen). Formatting
// is Prettier's job, not lint's.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/fixtures/**', '**/.turbo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-control-regex': 'off',
    },
  },
  // Tests read JSON bodies, caught errors and child output all day: `any` there is the data
  // under test, not a hole in the code. The rules about promises still apply.
  {
    files: ['**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Fakes implement async interfaces without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Type tests assert on purpose what a cast or a wrong call does.
  {
    files: ['**/*.test-d.ts'],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  // Rules compare ESTree node types with string literals, as ESLint's own rules do: the enum
  // typescript-eslint offers would be a runtime import of it, and a JavaScript project using
  // the plugin does not install typescript-eslint (test/package.test.ts checks the bundle).
  {
    files: ['packages/eslint-plugin/src/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-enum-comparison': 'off' },
  },
  // Plain JavaScript (the benches, config files) has no tsconfig: lint it without types.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
)
