import { unplugin } from './core/unplugin.js'

/** The hush plugin for rollup. */
export default unplugin.rollup
