import { defineConfig } from 'vitest/config'

// Each test starts @hush/local-store and the built Nest app as child processes and waits for
// background refreshes to land: generous limits, for a loaded two-core machine.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['@hush/test-kit/temp-dir'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // The tests' own SDK client (rotating, putting values) would warn about Node 20 on every run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
})
