import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// `"$schema": "./node_modules/@hush/<package>/dist/hush.config.schema.json"` must resolve in
// a user's install. Under pnpm only the packages a user added are in node_modules, never
// @hush/core itself, so every package a user adds directly ships the schema.
const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)))
const core = readFileSync(join(dirname(require.resolve('@hush/core/package.json')), 'schema', 'hush.config.schema.json'), 'utf8')
const userFacing = ['@hush/dotenv', '@hush/bundler']

describe.each(userFacing)('%s', (name) => {
  const dir = dirname(require.resolve(`${name}/package.json`))

  it('packs dist/hush.config.schema.json, equal to the core schema', () => {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as Array<{ files: Array<{ path: string }> }>
    expect(packed!.files.map((f) => f.path)).toContain('dist/hush.config.schema.json')
    expect(readFileSync(join(dir, 'dist', 'hush.config.schema.json'), 'utf8')).toBe(core)
  })
})

it('the README points $schema at a path that a user of @hush/dotenv has', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8')
  const path = /"\$schema": "\.\/node_modules\/(@hush\/[^/]+)\/([^"]+)"/.exec(readme)
  expect(path?.[1]).toBe('@hush/dotenv')
  expect(readFileSync(join(dirname(require.resolve('@hush/dotenv/package.json')), path![2]!), 'utf8')).toBe(core)
})
