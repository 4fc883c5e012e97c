import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll } from 'vitest'
import plugin from '../src/index.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A scratch project folder with a package.json and `files`; removed after the test file. */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hush-eslint-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'package.json'), '{"name":"app","private":true,"type":"module"}')
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

/** Lints `src/` of a project folder through the real ESLint API with the plugin's flat config. */
export async function lintDir(dir: string, config: 'recommended' | 'strict' = 'recommended') {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.{js,jsx,ts,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } }, plugin.configs[config]],
  })
  const results = await eslint.lintFiles(['src/**/*.{js,jsx}'])
  return results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(dir.length + 1), rule: m.ruleId, line: m.line, message: m.message })))
}

/** A project on disk, linted through the real ESLint API with the plugin's flat config. */
export async function lintProject(files: Record<string, string>, config: 'recommended' | 'strict' = 'recommended') {
  return lintDir(makeProject(files), config)
}
