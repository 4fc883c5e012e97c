import { expect, test } from 'vitest'
import hush from '../src/index.js'

test('a misspelt option is refused, naming it', () => {
  expect(() => hush({ snapshot: 'mask' } as never)).toThrow('option "snapshot" is not one it knows')
})

test('an unknown snapshot mode is refused', () => {
  expect(() => hush({ snapshots: 'warn' } as never)).toThrow("write snapshots: 'fail' (the default) or 'mask'")
})

test('the plugin adds the global setup and the setup file, and hands the options over', () => {
  const plugin = hush({ seed: 'test/secrets.yaml', snapshots: 'mask' })
  const config = (plugin.config as () => { test: Record<string, unknown> })()
  expect(config.test).toEqual({
    globalSetup: ['@hush/vitest/global-setup'],
    setupFiles: ['@hush/vitest/setup'],
    provide: { hushVitestOptions: { environment: undefined, seed: 'test/secrets.yaml', snapshots: 'mask', env: true } },
  })
})
