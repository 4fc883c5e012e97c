import { defineConfig } from 'vitest/config'

// The tests run the built binary (dist/bin.mjs) as a child process against real git repositories.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['@hush/test-kit/temp-dir'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
})
