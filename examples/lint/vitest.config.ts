import { defineConfig } from 'vitest/config'

// Each test runs git, husky, lint-staged and ESLint as real child processes.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 } })
