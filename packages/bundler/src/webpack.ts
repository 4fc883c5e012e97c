import { asEntry } from './core/entry.js'
import { unplugin } from './core/unplugin.js'

/** The hush plugin for webpack. */
export default asEntry(unplugin.webpack)
