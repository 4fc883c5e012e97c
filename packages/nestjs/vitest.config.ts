import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { include: ['test/**/*.test.ts'], setupFiles: ['test/setup.ts'], globalSetup: ['@hush/test-kit/temp-dir'], testTimeout: 20_000 },
})
