import { asEntry } from './core/entry.js'
import { unplugin } from './core/unplugin.js'

/** The hush plugin for esbuild. */
export default asEntry(unplugin.esbuild)
