// `import '@hush/dotenv/config'`: loads .env and resolves references before the importing
// module runs, through top-level await. Quiet unless DOTENV_QUIET / DOTENV_CONFIG_QUIET say otherwise.
import { load } from './index.js'
import { failStartup } from './startup.js'

// Inside hush's own resolver worker the parent has already loaded .env.
const inWorker = process.env.HUSH_DOTENV_WORKER === '1'
const quiet = process.env.DOTENV_QUIET != null ? process.env.DOTENV_QUIET : process.env.DOTENV_CONFIG_QUIET
if (!inWorker) await load({ quiet: quiet != null ? quiet : true }).catch(failStartup)
