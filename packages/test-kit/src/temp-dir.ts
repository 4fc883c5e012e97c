import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A vitest `globalSetup`: the run gets one temp directory of its own, handed to the test
 * workers and every child process they start through TMPDIR (os.tmpdir() reads it on each
 * call), and removed when the run ends. Tests make many scratch projects and state files;
 * without this each run left them behind.
 */
export default function setup(): () => void {
  const before = process.env.TMPDIR
  const root = mkdtempSync(join(tmpdir(), 'hush-test-'))
  process.env.TMPDIR = root
  return () => {
    if (before === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = before
    rmSync(root, { recursive: true, force: true, maxRetries: 3 })
  }
}
