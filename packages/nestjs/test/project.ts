import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A random value shaped like a real secret, so the redactor learns it and a leak is findable. */
export const secretValue = (prefix = 's') => `${prefix}-${randomBytes(12).toString('hex')}`

export interface Project {
  dir: string
  /** The absolute path of a secret file, for a `file://` reference. */
  file(name: string): string
  /** Writes a secret file: a rotation, for `file://`. */
  write(name: string, value: string): void
}

/** A scratch project: a `.env`, an optional `hush.config.json` and secret files to point `file://` at. */
export function project(files: { env?: (p: Project) => string; config?: object; secrets?: Record<string, string> }): Project {
  const dir = mkdtempSync(join(tmpdir(), 'hush-nest-'))
  mkdirSync(join(dir, 'secrets'))
  const p: Project = {
    dir,
    file: (name) => join(dir, 'secrets', name),
    write: (name, value) => writeFileSync(join(dir, 'secrets', name), value),
  }
  writeFileSync(join(dir, 'package.json'), '{"name":"app","private":true}')
  for (const [name, value] of Object.entries(files.secrets ?? {})) p.write(name, value)
  if (files.env) writeFileSync(join(dir, '.env'), files.env(p))
  if (files.config) writeFileSync(join(dir, 'hush.config.json'), JSON.stringify(files.config))
  return p
}

/** Polls until `check` holds (a background refresh has landed), or fails after `ms`. */
export async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met in ${ms} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
