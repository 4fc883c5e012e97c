import { unplugin } from './core/unplugin.js'

/** The hush plugin for rspack. */
export default unplugin.rspack
