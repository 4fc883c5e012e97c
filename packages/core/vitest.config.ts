import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['@hush/test-kit/temp-dir'],
    testTimeout: 20_000,
    // Type tests (test/*.test-d.ts) run through tsc with every test run: a type error anywhere
    // in src or test, or an @ts-expect-error that no longer errors, fails `pnpm test`.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
