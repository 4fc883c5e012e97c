export { unplugin, unpluginFactory } from './core/unplugin.js'
export type { HushBundlerOptions, LeakMode } from './core/options.js'
export { defineConfig } from '@hush/core'
