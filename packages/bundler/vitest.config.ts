import { defineConfig } from 'vitest/config'

// A separate config: vitest would otherwise pick up an example's vite.config.ts.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], globalSetup: ['@hush/test-kit/temp-dir'], testTimeout: 60_000, hookTimeout: 60_000 } })
