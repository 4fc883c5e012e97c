import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rulesFor } from '../src/configs.js'
import plugin from '../src/index.js'
import { STRICT_CLIENT_FILES } from '../src/rules/no-client-secrets.js'

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string }

describe('plugin meta', () => {
  it('names the package and its version as package.json does', () => {
    expect(plugin.meta.version).toBe(pkg.version)
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version })
  })
})

describe("configs, built from each rule's meta.docs.recommended", () => {
  it('recommended turns every rule on with its default options', () => {
    expect(plugin.configs.recommended.name).toBe('hush/recommended')
    expect(plugin.configs.recommended.rules).toEqual({
      'hush/no-hardcoded-secrets': 'error',
      'hush/no-secret-logging': 'error',
      'hush/no-client-secrets': 'error',
    })
  })

  it('strict turns every rule on, with its stricter options where a rule has them', () => {
    expect(plugin.configs.strict.name).toBe('hush/strict')
    expect(plugin.configs.strict.rules).toEqual({
      'hush/no-hardcoded-secrets': ['error', { unnamedMinLength: 20 }],
      'hush/no-secret-logging': 'error',
      'hush/no-client-secrets': ['error', { clientFiles: ['**/src/**', '**/app/**', '**/components/**', '**/pages/**', '**/*.{vue,svelte,astro}'] }],
    })
    expect(STRICT_CLIENT_FILES).toEqual(['**/src/**', '**/app/**', '**/components/**', '**/pages/**', '**/*.{vue,svelte,astro}'])
  })

  it('both configs register the plugin itself under "hush"', () => {
    expect(plugin.configs.recommended.plugins?.hush).toBe(plugin)
    expect(plugin.configs.strict.plugins?.hush).toBe(plugin)
  })

  it('a rule marked strict is only in strict; one with strict options has them only there', () => {
    const rules = {
      a: { meta: { docs: { recommended: 'recommended' as const } } },
      b: { meta: { docs: { recommended: 'strict' as const } } },
      c: { meta: { docs: { recommended: { recommended: true as const, strict: [{ level: 2 }] } } } },
    }
    expect(rulesFor('recommended', rules)).toEqual({ 'hush/a': 'error', 'hush/c': 'error' })
    expect(rulesFor('strict', rules)).toEqual({ 'hush/a': 'error', 'hush/b': 'error', 'hush/c': ['error', { level: 2 }] })
  })
})
