import { isHushError } from '@hush/core'
import { EXIT } from '../exit-codes.js'
import { configChanges, CONFIG_FILE, declaredEnvironments, mergeConfig, otherConfig, writeConfig } from '../init/config-file.js'
import { addIgnores, missingIgnores } from '../init/gitignore.js'
import { nextSteps } from '../init/next-steps.js'
import { makePlan, type StoreKind } from '../init/plan.js'
import { rewriteEnvFile } from '../init/rewrite.js'
import { StoreError, writeStore } from '../init/stores.js'
import type { InitCommandOptions } from './init-options.js'

const out = (line = '') => void process.stdout.write(`${line}\n`)
const warn = (line: string) => void process.stderr.write(`${line}\n`)

/** `hush init`: prints the plan (names only); with `--write`, moves the values, store first. */
export async function initCommand(options: InitCommandOptions): Promise<number> {
  const cwd = process.cwd()
  const store = options.store as StoreKind
  const other = otherConfig(cwd)
  if (other) {
    warn(`hush: ${other} is not JSON, so hush init cannot merge into it: move it away, or declare the secrets in it by hand.`)
    return EXIT.usage
  }
  const { plan, values, references, texts } = makePlan(cwd, store, options.prefix)
  const config = configChanges(cwd, plan.moves)
  const gitignore = missingIgnores(cwd, plan.gitignore)
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...plan, config: { file: CONFIG_FILE, ...config }, gitignore, write: Boolean(options.write) }, null, 2)}\n`)
  } else printPlan(plan, config, gitignore, Boolean(options.write))
  if (!plan.files.length) {
    warn('hush: no .env file here: nothing to do.')
    return EXIT.ok
  }
  if (!plan.moves.length) {
    if (!options.json) out('Nothing to move: no plain secret value left in .env.')
    return EXIT.ok
  }
  if (!options.write) {
    if (!options.json) out('\nDry run: nothing was changed. Run again with --write to apply.')
    return EXIT.ok
  }
  let configText: string
  try {
    configText = mergeConfig(cwd, { moves: plan.moves, environments: plan.environments, references })
  } catch (error) {
    warn(`hush: ${CONFIG_FILE} cannot take the new entries: ${isHushError(error) ? error.message : (error as Error).message}. Nothing was changed.`)
    return EXIT.usage
  }
  try {
    await writeStore(cwd, store, plan.moves, values)
  } catch (error) {
    if (!(error instanceof StoreError)) throw error
    warn(`hush: ${error.message}`)
    return EXIT.usage
  }
  // The values are in the store and read back: only now may .env lose them.
  for (const [file, { text, assignments }] of texts) {
    // Only where the value was found: another file's reference or value for that name is its own.
    const here = plan.moves.filter((m) => m.files.includes(file))
    if (here.length) rewriteEnvFile(cwd, file, text, assignments, here)
  }
  writeConfig(cwd, configText)
  addIgnores(cwd, gitignore)
  if (!options.json) {
    out(`\nMoved ${plan.moves.length} secret${plan.moves.length === 1 ? '' : 's'}; the old values are gone from ${filesOf(plan.moves).join(' and ')}.`)
    for (const line of nextSteps(store, declaredEnvironments(configText))) out(line)
  }
  return EXIT.ok
}

function printPlan(plan: ReturnType<typeof makePlan>['plan'], config: { add: string[]; declared: string[] }, gitignore: string[], write: boolean): void {
  const envLocal = plan.moves.some((m) => m.environment !== 'development') ? '.env.local and .env.<environment>.local' : '.env.local'
  const where = { local: '.hush/local-store.seed.json (served by @hush/local-store)', 'env-local': envLocal, 'aws-sm': 'AWS Secrets Manager' }[plan.store]
  const from = filesOf(plan.moves).join(' and ')
  const then = plan.store === 'env-local' ? `remove their lines from ${from}` : `replace them in ${from} with references`
  for (const { file, environment, keys } of plan.files) {
    out(`${file} (${environment}):`)
    for (const { name, kind } of keys) {
      const move = plan.moves.find((m) => m.name === name && m.files.includes(file))
      const what = move
        ? `secret → ${move.reference}`
        : plan.conflicts.includes(name)
          ? 'secret, different values in two files of one environment: left alone (move it by hand)'
          : { secret: 'secret', public: 'public (framework prefix): stays', reference: 'reference already: stays', plain: 'not a secret: stays' }[kind]
      out(`  ${name}  ${what}`)
    }
  }
  if (!plan.moves.length) return
  out(`\n${write ? 'Writing' : 'Would write'} ${plan.moves.length} value${plan.moves.length === 1 ? '' : 's'} to ${where}, then ${then}.`)
  if (config.add.length) out(`${CONFIG_FILE}: ${write ? 'adding' : 'would add'} ${config.add.join(', ')}`)
  if (config.declared.length) out(`${CONFIG_FILE}: already declares ${config.declared.join(', ')} (left as is)`)
  if (gitignore.length) out(`.gitignore: ${write ? 'adding' : 'would add'} ${gitignore.join(' ')}`)
}

/** The files values move out of, in the plan's order. */
const filesOf = (moves: ReturnType<typeof makePlan>['plan']['moves']) => [...new Set(moves.flatMap((m) => m.files))]
