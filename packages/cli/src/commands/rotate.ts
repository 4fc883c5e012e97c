import { isHushError } from '@hush/core'
import { schemeOf } from '@hush/core/reference'
import { EXIT, UsageError } from '../exit-codes.js'
import { openProjectOrSay } from '../project/open.js'

export interface RotateCommandOptions {
  env?: string
  wait?: boolean
  json?: boolean
}

const out = (line: string) => void process.stdout.write(`${line}\n`)
const warn = (line: string) => void process.stderr.write(`${line}\n`)

/** Stores whose values live outside anything hush can ask to rotate. */
const CANNOT_ROTATE: Record<string, string> = {
  env: 'an environment variable: set the new value where the variable is set (the deployment, the shell, .env.local) and restart the app',
  file: 'a file: write the new value into the file (hush reads it again on refresh)',
}

/** `hush rotate NAME`: asks the store to rotate one secret and reports the version ids, never a value. */
export async function rotateCommand(name: string, options: RotateCommandOptions): Promise<number> {
  const hush = await openProjectOrSay(process.cwd(), options.env, warn)
  if (!hush) return EXIT.usage
  try {
    const known = hush.names()
    if (!known.includes(name)) {
      throw new UsageError(`${name} is not declared in the ${hush.environment} environment (known: ${known.length ? known.join(', ') : 'none'})`, 'rotate')
    }
    const reference = hush.referenceOf(name)!
    const scheme = schemeOf(reference) ?? ''
    if (CANNOT_ROTATE[scheme]) {
      warn(`hush: ${name} comes from ${reference}, ${CANNOT_ROTATE[scheme]}; hush cannot rotate it.`)
      return EXIT.usage
    }
    const before = (await hush.describe(name)).version
    const wait = Boolean(options.wait)
    if (!options.json) warn(`hush: rotating ${name} (${reference})${wait ? ', waiting for the store to serve the new version' : ''}…`)
    const rotated = await hush.rotate(name, { wait })
    const after = rotated.version ?? (await hush.describe(name)).version
    const pending = rotated.pending === true
    if (options.json) {
      out(JSON.stringify({ name, reference, environment: hush.environment, fromVersion: before ?? null, toVersion: after ?? null, pending }))
    } else if (pending) {
      out(`${name}: rotation started, version ${after ?? '(unknown)'} pending; ${before ?? '(unknown)'} is still current. Run with --wait to wait for it.`)
    } else {
      out(`${name}: rotated, version ${before ?? '(unknown)'} → ${after ?? '(unknown)'}.`)
    }
    return EXIT.ok
  } catch (error) {
    if (!isHushError(error)) throw error
    // HushError messages name the secret, reference and next step, never a value.
    warn(`hush: ${error.message}`)
    return error.code === 'HUSH_BAD_CONFIG' || error.code === 'HUSH_BAD_REFERENCE' || error.code === 'HUSH_NO_PROVIDER' ? EXIT.usage : EXIT.found
  } finally {
    await hush.close()
  }
}
