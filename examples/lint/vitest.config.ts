import { defineConfig } from 'vitest/config'

// Each test runs git, husky, lint-staged and ESLint as real child processes.
// The hook test's setup (git init, husky, a first commit through the hook) runs them too.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } })
