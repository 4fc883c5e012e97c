import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import dotenv from 'dotenv'
import dotenvExpand from 'dotenv-expand'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as hush from '../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'hush-dotenv-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const first = file('first.env', 'A=from-first\nSHARED=first\n# comment\nQ="quoted # not comment"\n')
const second = file('second.env', 'B=from-second\nSHARED=second\n')
const latin = join(dir, 'latin1.env')
writeFileSync(latin, Buffer.from('NAME=caf\xe9\n', 'latin1'))

type Options = Parameters<typeof dotenv.config>[0] & Record<string, unknown>

/** Runs both implementations on fresh copies of the same target and captures what they print. */
function both(make: () => Options, env: Record<string, string> = {}) {
  const run = (impl: (o: Options) => unknown) => {
    const saved = { ...process.env }
    Object.assign(process.env, env)
    const out: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(`log:${a.join(' ')}`))
    const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(`err:${a.join(' ')}`))
    const options = make()
    try {
      const result = impl(options) as { parsed?: unknown; error?: { code?: string; message: string } }
      return {
        result: { parsed: result.parsed, error: result.error && { code: result.error.code, message: result.error.message } },
        target: options.processEnv,
        out,
      }
    } finally {
      log.mockRestore()
      err.mockRestore()
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
      Object.assign(process.env, saved)
    }
  }
  return { theirs: run((o) => dotenv.config(o)), ours: run((o) => hush.config(o)) }
}

afterEach(() => vi.restoreAllMocks())

describe('config matches dotenv 18.0.10', () => {
  const scenarios: Array<[string, () => Options, Record<string, string>?]> = [
    ['one path, quiet', () => ({ path: first, processEnv: {}, quiet: true })],
    ['one path, status line on stderr', () => ({ path: first, processEnv: {} })],
    ['path array, first file wins', () => ({ path: [first, second], processEnv: {}, quiet: true })],
    ['path array with override, last file wins', () => ({ path: [first, second], processEnv: {}, override: true, quiet: true })],
    ['existing keys are kept', () => ({ path: first, processEnv: { A: 'already' }, quiet: true })],
    ['override "false" as a string', () => ({ path: first, processEnv: { A: 'already' }, override: 'false', quiet: true })],
    ['override "yes" as a string', () => ({ path: first, processEnv: { A: 'already' }, override: 'yes', quiet: true })],
    ['debug logging', () => ({ path: [first, join(dir, 'missing.env')], processEnv: { A: 'x' }, debug: true })],
    ['quiet "0" prints', () => ({ path: first, processEnv: {}, quiet: '0' })],
    ['missing file returns parsed and error', () => ({ path: join(dir, 'missing.env'), processEnv: {}, quiet: true })],
    ['encoding latin1', () => ({ path: latin, processEnv: {}, encoding: 'latin1', quiet: true })],
    ['URL path', () => ({ path: pathToFileURL(first), processEnv: {}, quiet: true })],
    [
      'options from DOTENV_CONFIG_*',
      () => ({ processEnv: { A: 'kept?' } }),
      { DOTENV_CONFIG_PATH: first, DOTENV_CONFIG_OVERRIDE: 'true', DOTENV_CONFIG_QUIET: 'true' },
    ],
    [
      'DOTENV_* beats DOTENV_CONFIG_*',
      () => ({ processEnv: {} }),
      { DOTENV_PATH: second, DOTENV_CONFIG_PATH: first, DOTENV_QUIET: 'false', DOTENV_CONFIG_QUIET: 'true' },
    ],
    ['explicit options beat the environment', () => ({ path: first, processEnv: {}, quiet: true }), { DOTENV_PATH: second, DOTENV_QUIET: 'false' }],
    [
      'undefined options do not mask the environment',
      () => ({ path: undefined, processEnv: {}, quiet: undefined }),
      { DOTENV_CONFIG_PATH: second, DOTENV_CONFIG_QUIET: 'yes' },
    ],
  ]

  it.each(scenarios)('%s', (_, make, env) => {
    const { theirs, ours } = both(make, env)
    expect(ours.result).toEqual(theirs.result)
    expect(ours.target).toEqual(theirs.target)
    expect(ours.out).toEqual(theirs.out)
  })

  it('writes to process.env by default, relative status path from the cwd', () => {
    const key = `HUSH_TEST_${Date.now()}`
    const path = file('default.env', `${key}=value\n`)
    const { theirs, ours } = both(() => ({ path: relative(process.cwd(), path) }))
    expect(ours.out).toEqual(theirs.out)
    expect(ours.out[0]).toContain(relative(process.cwd(), path))
    expect(process.env[key]).toBeUndefined() // restored by the helper after each run
  })

  it('populate matches, including its OBJECT_REQUIRED error and debug lines', () => {
    const target = { A: '1' }
    const out: string[] = []
    vi.spyOn(console, 'log').mockImplementation((m) => void out.push(m))
    expect(hush.populate({ ...target }, { A: '2', B: '3' }, { override: 'true', debug: true })).toEqual(
      dotenv.populate({ ...target }, { A: '2', B: '3' }, { override: 'true' as never, debug: true }),
    )
    expect(out[0]).toBe(out[1])
    for (const bad of [null, 'str', 5]) {
      const a = (() => {
        try {
          hush.populate(bad as never, {})
        } catch (e) {
          return e as Error & { code: string }
        }
      })()
      const b = (() => {
        try {
          dotenv.populate(bad as never, {})
        } catch (e) {
          return e as Error & { code: string }
        }
      })()
      expect(a?.code).toBe('OBJECT_REQUIRED')
      expect(a?.message).toBe(b?.message)
    }
  })
})

describe('expand matches dotenv-expand 12', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['BASIC=basic\nEXPANDED=$BASIC\nBRACED=${BASIC}x\n', {}],
    ['A=${MISSING:-default}\nB=${MISSING-dash}\nC=${SET:+alt}\nD=${SET+plus}\nE=${UNSET:+nope}\n', { SET: 'yes' }],
    ['ESC=\\$NOT\nMIX=pre${A}post\\${B}\nA=later\n', {}],
    ['SELF=$SELF\nLOOP1=$LOOP2\nLOOP2=$LOOP1\n', {}],
    ['FROM_ENV=$MACHINE\nMACHINE=file\n', { MACHINE: 'machine' }],
    ['DOLLAR=$&amp\nX=${A}$$\nA=$&\n', {}],
    ['URL=postgres://${USER}:${PASS}@host\nUSER=u\nPASS=p\n', { PASS: 'env-pass' }],
  ]
  it.each(cases)('%j with env %j', (src, env) => {
    const theirsEnv: Record<string, string> = { ...env }
    const oursEnv: Record<string, string> = { ...env }
    const theirs = dotenvExpand.expand({ parsed: dotenv.parse(src), processEnv: theirsEnv }).parsed
    const ours = hush.expand(hush.parse(src), oursEnv)
    expect(ours).toEqual(theirs)
    expect(oursEnv).toEqual(theirsEnv)
  })

  it('on generated inputs (property)', () => {
    // No escaped "\\$" or "$&" tokens: with those, dotenv-expand itself can loop forever.
    const token = fc.constantFrom('A', 'B', 'C', '$A', '${B}', '${C:-d}', '${A-x}', '${B:+y}', '${C+z}', '$', '{', '}', ' ', 'text')
    const value = fc.array(token, { maxLength: 6 }).map((t) => t.join(''))
    fc.assert(
      fc.property(fc.tuple(value, value, value), fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D'), fc.constantFrom('', 'v', 'w x')), ([a, b, c], env) => {
        const parsed = { A: a, B: b, C: c }
        const e1 = { ...env }
        const e2 = { ...env }
        expect(hush.expand({ ...parsed }, e2)).toEqual(dotenvExpand.expand({ parsed: { ...parsed }, processEnv: e1 }).parsed)
        expect(e2).toEqual(e1)
      }),
      { numRuns: 3000 },
    )
  })

  it('stops where dotenv-expand would loop forever', () => {
    expect(hush.expand({ A: '\\$B', B: '$A$A' }, {}).A).toBe('$B')
  })

  it('is applied by config({ expand: true }) and never runs commands', () => {
    const path = file('expand.env', 'HOST=db\nURL=postgres://${HOST}/app\nCMD=$(echo pwned)\n')
    const target: Record<string, string> = {}
    const result = hush.config({ path, processEnv: target, expand: true, quiet: true })
    expect(result.parsed).toEqual({ HOST: 'db', URL: 'postgres://db/app', CMD: '$(echo pwned)' })
    expect(target.URL).toBe('postgres://db/app')
  })
})
