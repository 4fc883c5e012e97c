import { unplugin } from './core/unplugin.js'

/** The hush plugin for webpack. */
export default unplugin.webpack
