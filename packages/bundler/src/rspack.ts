import { asEntry } from './core/entry.js'
import { unplugin } from './core/unplugin.js'

/** The hush plugin for rspack. */
export default asEntry(unplugin.rspack)
