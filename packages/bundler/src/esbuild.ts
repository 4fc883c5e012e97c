import { unplugin } from './core/unplugin.js'

/** The hush plugin for esbuild. */
export default unplugin.esbuild
