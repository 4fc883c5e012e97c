import { asEntry } from './core/entry.js'
import { unplugin } from './core/unplugin.js'

/** The hush plugin for rollup. */
export default asEntry(unplugin.rollup)
