import type { Plugin } from 'vitest/config'
import { asEntry } from './entry.js'
import { type HushVitestOptions, resolveOptions } from './options.js'
import './context.js'
import './matcher-types.js'

export type { HushVitestOptions, SnapshotMode } from './options.js'
export type { HushProvided } from './context.js'

/**
 * The Vite plugin for `vitest.config.*`: resolves the manifest's secrets before the run (from a
 * local store started from `seed` when given), hands them to the workers, masks them in test
 * output and refuses (or masks) them in snapshots.
 */
function hush(options: HushVitestOptions = {}): Plugin {
  const resolved = resolveOptions(options)
  return {
    name: 'hush:vitest',
    config() {
      // Bare specifiers: vitest resolves them from the project, where @hush/vitest is installed.
      return { test: { globalSetup: ['@hush/vitest/global-setup'], setupFiles: ['@hush/vitest/setup'], provide: { hushVitestOptions: resolved } } }
    },
  }
}

export default asEntry(hush)
