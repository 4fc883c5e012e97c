// `require('@hush/dotenv/config')` and `node -r @hush/dotenv/config`: the same as the ESM
// entry, resolving references synchronously since require() cannot wait on a promise.
import { config } from './index.js'
import { failStartup } from './startup.js'

// Inside hush's own resolver worker the parent has already loaded .env.
const inWorker = process.env.HUSH_DOTENV_WORKER === '1'
const quiet = process.env.DOTENV_QUIET != null ? process.env.DOTENV_QUIET : process.env.DOTENV_CONFIG_QUIET
if (!inWorker) {
  try {
    config({ quiet: quiet != null ? quiet : true })
  } catch (error) {
    failStartup(error)
  }
}
