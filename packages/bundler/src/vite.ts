import { unplugin } from './core/unplugin.js'

/** The hush plugin for vite. */
export default unplugin.vite
