import { execFile, execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { crc32 } from 'node:zlib'

export const BIN = join(import.meta.dirname, '..', 'dist', 'bin.mjs')

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs the built `hush` binary in `cwd` as a user's shell would (as another user with `as`). */
export function hush(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, as: { uid?: number; gid?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, ...as }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** A fresh git repository in a temp folder, with the files given (path → content). */
export function gitRepo(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hush-scan-'))
  git(dir, 'init', '-q', '-b', 'main')
  write(dir, files)
  return dir
}

export function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], { cwd, encoding: 'utf8' })
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const randomBase62 = (n: number) => Array.from(randomBytes(n), (b) => BASE62[b % 62]).join('')

/** A GitHub token that detection takes for real: its last six characters are the CRC-32 of the rest, in base62. */
export function githubToken(): string {
  const random = randomBase62(30)
  let sum = ''
  for (let n = crc32(random); n > 0; n = Math.floor(n / 62)) sum = BASE62[n % 62] + sum
  return 'ghp_' + random + sum.padStart(6, '0')
}

export const stripeKey = () => `sk_live_${randomBase62(24)}`
/** A password with every character class, as a person would pick one. */
export const password = () => `Q${randomBase62(10)}#7x!`
