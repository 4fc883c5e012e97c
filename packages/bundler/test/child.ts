import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The built package, as users load it: child-process tests import from here. */
export const dist = (entry: string) => pathToFileURL(fileURLToPath(new URL(`../dist/${entry}`, import.meta.url))).href
export const bundlerPackage = fileURLToPath(new URL('../package.json', import.meta.url))

/** Runs an ES module script in a fresh Node process; resolves with its exit code and output. */
export function runScript(
  script: string,
  cwd: string,
  env: Record<string, string>,
  timeout = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'hush-child-')), 'script.mjs')
  writeFileSync(file, script)
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { cwd, env: { PATH: process.env.PATH!, ...env }, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}
