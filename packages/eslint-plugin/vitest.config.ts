import { defineConfig } from 'vitest/config'

// Typed RuleTester cases and the git hook test start TypeScript and child processes: slow under load.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], globalSetup: ['@hush/test-kit/temp-dir'], testTimeout: 60_000, hookTimeout: 60_000 } })
