import { defineConfig } from 'vitest/config'

// Each test runs the example's vitest as a child process: slow on 2 shared cores.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], globalSetup: ['@hush/test-kit/temp-dir'], testTimeout: 90_000, hookTimeout: 90_000 } })
