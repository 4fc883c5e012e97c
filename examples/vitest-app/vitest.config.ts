import hush from '@hush/vitest'
import { defineConfig } from 'vitest/config'

// HUSH_VITEST_SEED lets @hush/vitest's own tests run this example against random values.
export const seed = process.env.HUSH_VITEST_SEED ?? 'test/secrets.yaml'

export default defineConfig({
  plugins: [hush({ environment: 'test', seed, snapshots: 'fail' })],
  test: { include: ['test/**/*.test.ts'], env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
})
