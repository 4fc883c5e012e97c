import { execFile, spawn } from 'node:child_process'
import { join, relative, sep } from 'node:path'
import { promisify } from 'node:util'
import type { Source } from './finding.js'

const run = promisify(execFile)
const posix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'))

/**
 * The staged version of each file added, copied, modified or renamed in the index (what the
 * next commit holds, not the working tree), read through one `git cat-file --batch` process.
 * Paths are relative to `cwd`.
 */
export async function stagedSources(cwd: string): Promise<Source[]> {
  // Two questions at once: each git start costs tens of milliseconds in a hook.
  const [topLine, list] = await Promise.all([
    git(cwd, ['rev-parse', '--show-toplevel']),
    git(cwd, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR']),
  ])
  const top = topLine.trim()
  const names = list.split('\0').filter(Boolean)
  // cat-file reads one object name a line: a path holding a line break cannot be asked for.
  const asked = names.filter((n) => !n.includes('\n'))
  if (!asked.length) return []
  const blobs = await catFile(
    top,
    asked.map((n) => `:${n}`),
  )
  return asked.flatMap((name, i) => (blobs[i] ? [{ file: posix(relative(cwd, join(top, name))), bytes: blobs[i] }] : []))
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 })
  return stdout
}

/** The contents of `objects` in order (`undefined` for one git reports missing), from one `git cat-file --batch`. */
function catFile(cwd: string, objects: string[]): Promise<Array<Buffer | undefined>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed: ${stderr.trim()}`))
      resolve(parseBatch(Buffer.concat(chunks), objects.length))
    })
    child.stdin.end(objects.join('\n') + '\n')
  })
}

/** `<oid> <type> <size>\n<contents>\n` per object, or `<name> missing\n`. */
function parseBatch(out: Buffer, count: number): Array<Buffer | undefined> {
  const blobs: Array<Buffer | undefined> = []
  let pos = 0
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(10, pos)
    const header = out.toString('utf8', pos, eol)
    pos = eol + 1
    const m = / (\w+) (\d+)$/.exec(header)
    if (!m || header.endsWith(' missing')) {
      blobs.push(undefined)
      continue
    }
    const size = Number(m[2])
    blobs.push(m[1] === 'blob' ? out.subarray(pos, pos + size) : undefined)
    pos += size + 1
  }
  return blobs
}
