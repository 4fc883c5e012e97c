import hush from '@hush/vitest'
import { defineConfig } from 'vitest/config'
import { seed } from './vitest.config.js'

// Tests that fail on purpose: snapshots that would hold a secret, and a failing assertion on one.
export default defineConfig({
  plugins: [hush({ environment: 'test', seed, snapshots: process.env.HUSH_VITEST_SNAPSHOTS === 'mask' ? 'mask' : 'fail' })],
  test: { include: ['leaks/**/*.test.ts'], env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
})
