import { existsSync, readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import type { SourceLocation, SourceReference } from '@hush/core'
import { isReference, KNOWN_SCHEMES, suggestScheme } from '@hush/core/reference'
import { isSecretName } from '@hush/core/detect'
import { parseWithReferences } from '@hush/dotenv'

interface Found {
  reference: string
  value: string
  where: SourceLocation
}

export interface EnvFileSources {
  sources: Record<string, SourceReference>
  /** `.env` lines that look like a mistyped reference (`aws-ms://`), to warn about by key and place, never value. */
  suspects: string[]
}

/**
 * The secrets `.env` files name by reference, read as `ConfigModule` reads them (the first file
 * that sets a key wins), with where each was written; and the variables the process
 * environment set before (the shell, CI, a container), which win over `.env` and over
 * hush.config as they do in dotenv: a reference there is used instead, a plain value becomes
 * `env://NAME`, so the name still resolves and is still masked.
 */
export function envFileSources(options: {
  cwd: string
  envFilePath?: string | string[] | undefined
  ignoreEnvFile?: boolean | undefined
  env: Record<string, string | undefined>
  /** Names hush.config declares: a variable the environment set for one wins over the config. */
  declared: readonly string[]
}): EnvFileSources {
  const files = options.ignoreEnvFile ? [] : [options.envFilePath ?? '.env'].flat().map((file) => resolve(options.cwd, file))
  const fromFiles = new Map<string, Found>()
  const plain = new Map<string, string>()
  const suspects: string[] = []
  for (const file of files) {
    if (!existsSync(file)) continue
    const shown = relative(options.cwd, file) || file
    const { values, references } = parseWithReferences(readFileSync(file, 'utf8'), shown)
    for (const [key, value] of Object.entries(values)) {
      if (fromFiles.has(key) || plain.has(key)) continue
      const ref = references[key]
      if (ref) fromFiles.set(key, { reference: ref.reference, value, where: ref.where ?? { file: shown } })
      else {
        plain.set(key, value)
        const near = value.indexOf(':') > 0 && value.indexOf(':') <= 12 ? suggestScheme(value) : undefined
        if (near)
          suspects.push(
            `${shown}: ${key} starts with "${value.slice(0, value.indexOf(':'))}:", which is not a reference scheme hush reads; did you mean "${near.scheme}://"?`,
          )
      }
    }
  }
  const sources: Record<string, SourceReference> = {}
  const fromEnvironment = (key: string, current: string): SourceReference => ({
    reference: isReference(current, KNOWN_SCHEMES) ? current : `env://${key}`,
    override: true,
  })
  for (const [key, found] of fromFiles) {
    const current = options.env[key]
    // ConfigModule copies .env into process.env before hush starts: the same text there is
    // the file's own, not a value the shell set.
    // An empty variable is an unset one (Compose's `${DB_PASSWORD}` when the host has none).
    if (current === undefined || current === '' || current === found.value || current === found.reference)
      sources[key] = { reference: found.reference, where: found.where }
    else sources[key] = fromEnvironment(key, current)
  }
  for (const key of options.declared) {
    const current = options.env[key]
    if (fromFiles.has(key) || current === undefined || current === '' || plain.get(key) === current) continue
    sources[key] = fromEnvironment(key, current)
  }
  // A reference the environment holds for a name hush has not met yet: ConfigModule copied it
  // from an env file HushModule does not read (`.env.local`), or the platform set it. Handed
  // out as it is, it would be the app's password. env:// and the stores' schemes mean nothing
  // else; `file://` also names ordinary files (`file:///data/app.db`), so only a name that says
  // secret (and not a URL or a path: DATABASE_URL) takes it as a reference.
  for (const [key, current] of Object.entries(options.env)) {
    if (current === undefined || Object.hasOwn(sources, key) || !isReference(current, KNOWN_SCHEMES)) continue
    if (current.startsWith('file:') && (!isSecretName(key) || /(?:^|_)(?:URL|URI|DSN|PATH|FILE|DIR)$/i.test(key))) continue
    sources[key] = { reference: current, override: true }
  }
  return { sources, suspects }
}
