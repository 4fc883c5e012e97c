import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// These run the built package in real Node processes: `require`, `node -r` and `import` each
// take a different path (worker + Atomics.wait, or top-level await).
export const dist = fileURLToPath(new URL('../dist/', import.meta.url))
export const secret = () => `s-${randomBytes(10).toString('hex')}`

export function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hush-refs-'))
  writeFileSync(join(dir, 'package.json'), '{"name":"app","private":true}')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

export function node(cwd: string, args: string[], env: Record<string, string> = {}) {
  // NODE_PATH is dropped: pnpm's bin shims point it at every workspace package, which an app would not see.
  const { NODE_PATH: _, ...inherited } = process.env
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...inherited, HUSH_ENV: '', NODE_ENV: '', ...env } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr }
}
