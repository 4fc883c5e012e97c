// The one line users add is `hush.configs.recommended`; the rest is an ordinary flat config.
import hush from '@hush/eslint-plugin'
import tsParser from '@typescript-eslint/parser'

export default [
  { ignores: ['node_modules/**', 'dist/**', 'test/**'] },
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser } },
  { files: ['**/*.{js,jsx,ts,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  hush.configs.recommended,
]
