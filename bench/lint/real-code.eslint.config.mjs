// ESLint config of the false-alarm check on real code: both plugins in one pass, so each file is
// parsed once. A file rather than an inline config because ESLint's worker threads take only
// cloneable options, and the check runs on both cores.
import hush from '@hush/eslint-plugin'
import noSecrets from 'eslint-plugin-no-secrets'

export default [
  // The code under test lives in node_modules, which ESLint skips unless told.
  { ignores: ['!**/node_modules/'] },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  hush.configs.recommended,
  { plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } },
]
