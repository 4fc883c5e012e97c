import { asEntry } from './core/entry.js'
import { unplugin } from './core/unplugin.js'

/** The hush plugin for vite. */
export default asEntry(unplugin.vite)
