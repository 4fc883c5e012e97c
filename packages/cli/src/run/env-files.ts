import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SourceReference } from '@hush/core'
import { parseWithReferences } from '@hush/dotenv'

export interface EnvFileSources {
  /** `.env` keys whose values are references, by name, with where each was written. */
  sources: Record<string, SourceReference>
  /** The plain values of the files, for `env://` references (the process's own variables win). */
  plain: Record<string, string>
  /** The files read, in order. */
  files: string[]
}

/**
 * The `.env` files of an environment, in the order Vite and Next.js read them (a later file
 * wins): `.env`, `.env.local`, `.env.<environment>`, `.env.<environment>.local`.
 */
export function readEnvFiles(cwd: string, environment: string): EnvFileSources {
  const names = ['.env', '.env.local', `.env.${environment}`, `.env.${environment}.local`]
  const out: EnvFileSources = { sources: {}, plain: {}, files: [] }
  for (const name of names) {
    const file = join(cwd, name)
    if (!existsSync(file)) continue
    const { values, references } = parseWithReferences(readFileSync(file, 'utf8'), file)
    out.files.push(name)
    for (const [key, value] of Object.entries(values)) {
      if (references[key]) {
        out.sources[key] = references[key]
        delete out.plain[key]
      } else {
        out.plain[key] = value
        delete out.sources[key]
      }
    }
  }
  return out
}
