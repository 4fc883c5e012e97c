import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dist = new URL('../dist/index.mjs', import.meta.url).href
const dir = mkdtempSync(join(tmpdir(), 'hush-guard-'))
let count = 0

/** A random value that is maskable and, being UTF-8 with multi-byte characters, differs in latin1. */
export const randomValue = () => `${randomBytes(12).toString('base64url')}é€${randomBytes(3).toString('hex')}`

export interface ChildRun {
  status: number | null
  stdout: Buffer
  stderr: Buffer
}

/**
 * Runs `body` in a real Node process after a Redactor holding `value` (as SECRET) is set up
 * and, unless `guard` is false, the log guard installed. The value goes in through the
 * environment, never the command line, and `fs`, `util` and `uninstall` are in scope.
 * With `stdoutFile`, the child's stdout is that file instead of a pipe; `env` adds variables.
 */
export function runChild(body: string, value: string, options: { guard?: boolean; stdoutFile?: string; env?: Record<string, string> } = {}): ChildRun {
  const file = join(dir, `child-${count++}.mjs`)
  writeFileSync(
    file,
    `import { Redactor, installLogGuard } from ${JSON.stringify(dist)}
import fs from 'node:fs'
import util from 'node:util'
const value = process.env.HUSH_TEST_VALUE
const redactor = new Redactor()
if (!redactor.add('SECRET', value)) throw new Error('the test value is not maskable')
const uninstall = ${options.guard === false ? '() => {}' : 'installLogGuard(redactor)'}
${body}
`,
  )
  const out = options.stdoutFile ? openSync(options.stdoutFile, 'w') : 'pipe'
  try {
    const run = spawnSync(process.execPath, [file], { env: { ...process.env, ...options.env, HUSH_TEST_VALUE: value }, stdio: ['ignore', out, 'pipe'] })
    return { status: run.status, stdout: options.stdoutFile ? readFileSync(options.stdoutFile) : run.stdout, stderr: run.stderr }
  } finally {
    if (typeof out === 'number') closeSync(out)
  }
}

/** A fresh path for a child's stdout file. */
export const outputFile = () => join(dir, `stdout-${count++}.txt`)

/** Whether `output` holds `text` (as UTF-8), without ever printing either. */
export const holds = (output: Buffer, text: string): boolean => output.includes(Buffer.from(text, 'utf8'))

/** The JSON a child printed, or a marker when it printed something else (which may hold a value). */
export const jsonOf = (output: Buffer): unknown => {
  try {
    return JSON.parse(output.toString())
  } catch {
    return 'not JSON'
  }
}
