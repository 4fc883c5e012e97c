import { EXIT } from '../exit-codes.js'
import { DEFAULT_SEED, exportLines, seedFile, startStore, storeEnv } from '../store/local.js'

export interface DevStoreCommandOptions {
  seed?: string
  port: number | string
}

const warn = (line: string) => void process.stderr.write(`${line}\n`)
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`

/** `hush dev-store`: @hush/local-store in the foreground, with the lines that point a shell at it. */
export async function devStoreCommand(options: DevStoreCommandOptions): Promise<number> {
  const seed = seedFile(process.cwd(), options.seed, 'dev-store')
  let store
  try {
    store = await startStore({ port: Number(options.port), ...(seed ? { seed } : {}) })
  } catch (error) {
    warn(`hush: the local store did not start: ${(error as Error).message}`)
    return EXIT.usage
  }
  const from = seed ? `from ${options.seed ?? DEFAULT_SEED}` : `empty (no --seed, no ${DEFAULT_SEED})`
  warn(`hush: local store on ${store.url}, ${count(store.store.secrets.size, 'secret')} and ${count(store.parameters.parameters.size, 'parameter')} ${from}.`)
  warn('hush: run these lines in the shell that starts the app; Ctrl-C stops the store.')
  process.stdout.write(`${exportLines(storeEnv(store)).join('\n')}\n`)
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  // close() finishes rotations still waiting, so the store is never left with a half-done one.
  await store.close()
  warn('hush: local store stopped.')
  return EXIT.ok
}
