import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { lintDir, makeProject } from './project.js'

/** A fresh secret-looking value for each case: asserted absent from everything printed. */
const secret = () => `sk_live_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`

/** Lints a project whose hush.config is broken; returns what ESLint throws, as Node would print it. */
async function configError(file: string, text: string): Promise<{ message: string; printed: string; dir: string }> {
  const dir = makeProject({ [file]: text, 'src/a.js': 'export const a = 1\n' })
  const error = await lintDir(dir).then(
    () => undefined,
    (e: unknown) => e as Error,
  )
  expect(error, 'the lint should stop on a broken config').toBeInstanceOf(Error)
  return { message: error!.message, printed: inspect(error), dir }
}

/** No part of the value (any 10 characters of it) in the message, the stack or a cause. */
const expectNoPiece = (printed: string, value: string) => expectNoValue(printed, value, { piece: 10, in: 'the printed error' })

describe('a broken hush.config names the file, line and key path and quotes nothing from it', () => {
  it.each([
    [
      'an unquoted value',
      (v: string) => `{\n  "secrets": {\n    "STRIPE_KEY": { "from": ${v} }\n  }\n}\n`,
      3,
      'secrets.STRIPE_KEY.from',
      /not valid JSON: a value is not in double quotes/,
    ],
    [
      'a missing comma after the value',
      (v: string) => `{\n  "secrets": {\n    "STRIPE_KEY": { "from": "${v}" "owner": "pay" }\n  }\n}\n`,
      3,
      'secrets.STRIPE_KEY',
      /a "," or "}" is missing/,
    ],
    [
      'a trailing comma after the value',
      (v: string) => `{\n  "secrets": {\n    "STRIPE_KEY": {\n      "from": "${v}",\n    },\n    "OTHER": {}\n  }\n}\n`,
      5,
      'secrets.STRIPE_KEY',
      /a property name is missing/,
    ],
    [
      'an unclosed string holding the value',
      (v: string) => `{\n  "secrets": {\n    "STRIPE_KEY": { "from": "${v}\n  }\n}\n`,
      3,
      'secrets.STRIPE_KEY.from',
      /a string is not closed/,
    ],
  ])('hush.config.json with %s', async (_, make, line, path, problem) => {
    const value = secret()
    const { message, printed, dir } = await configError('hush.config.json', make(value))
    expect(message).toContain(`${join(dir, 'hush.config.json')} could not be read for @hush/eslint-plugin (line ${line}, at ${path}): it is not valid JSON`)
    expect(message).toMatch(problem)
    expect(message).toMatch(/fix: /)
    expectNoPiece(printed, value)
  })

  it.each([
    [
      'an unclosed quote',
      (v: string) => `secrets:\n  STRIPE_KEY:\n    from: "${v}\n    owner: pay\n`,
      5,
      'secrets.STRIPE_KEY.from',
      /a closing quote or bracket is missing/,
    ],
    [
      'text after a quoted value',
      (v: string) => `secrets:\n  STRIPE_KEY:\n    from: '${v}'x\n    owner: pay\n`,
      3,
      'secrets.STRIPE_KEY.from',
      /unexpected text/,
    ],
    [
      'a value running into a badly indented line',
      (v: string) => `secrets:\n  STRIPE_KEY:\n    from: ${v}\n     owner: [pay\n`,
      3,
      'secrets.STRIPE_KEY.from',
      /not valid YAML/,
    ],
    [
      'a tab before the next key',
      (v: string) => `secrets:\n  STRIPE_KEY:\n    from: ${v}\n\towner: pay\n`,
      4,
      'secrets.STRIPE_KEY.from',
      /a tab is used for indentation/,
    ],
  ])('hush.config.yaml with %s', async (_, make, line, path, problem) => {
    const value = secret()
    const { message, printed, dir } = await configError('hush.config.yaml', make(value))
    expect(message).toContain(`${join(dir, 'hush.config.yaml')} could not be read for @hush/eslint-plugin (line ${line}, at ${path}): it is not valid YAML`)
    expect(message).toMatch(problem)
    expectNoPiece(printed, value)
  })

  it.each([
    ['hush.config.json', (v: string) => `{\n  "secrets": {\n    "STRIPE_KEY": {\n      "from": "env://STRIPE_KEY",\n      "rotation": "${v}"\n    }\n  }\n}\n`],
    ['hush.config.yaml', (v: string) => `secrets:\n  STRIPE_KEY:\n    from: env://STRIPE_KEY\n    rotation: ${v}\n`],
  ])('%s with a value where a setting belongs: the setting, its line, no value', async (file, make) => {
    const value = secret()
    const { message, printed } = await configError(file, make(value))
    expect(message).toMatch(
      new RegExp(
        `${file.replace('.', '\\.')} could not be read for @hush/eslint-plugin \\(line ${file.endsWith('json') ? 5 : 4}, at secrets\\.STRIPE_KEY\\.rotation\\): the setting is a ${value.length}-character string, not a duration`,
      ),
    )
    expectNoPiece(printed, value)
  })

  it('hush.config.ts that throws an object whose name holds the value: "Error", not the name', async () => {
    const value = secret()
    const { message, printed } = await configError('hush.config.ts', `throw { name: 'Bad ${value}', code: '${value}' }\n`)
    expect(message).toMatch(/hush\.config\.ts could not be read for @hush\/eslint-plugin/)
    expectNoPiece(printed, value)
  })

  it('hush.config.cjs that requires the value as a module: not named as a package to install', async () => {
    const value = secret()
    const { message, printed } = await configError('hush.config.cjs', `module.exports = require('${value}')\n`)
    expect(message).not.toMatch(/imports/)
    expectNoPiece(printed, value)
  })

  it('a named pipe where hush.config.json belongs stops the lint instead of waiting for a writer', async () => {
    const dir = makeProject({ 'src/a.js': 'export const a = 1\n' })
    expect(spawnSync('mkfifo', [join(dir, 'hush.config.json')]).status).toBe(0)
    const error = (await lintDir(dir).catch((e: unknown) => e)) as Error
    expect(error.message).toContain('hush.config.json could not be read for @hush/eslint-plugin: it is not a regular file')
  })

  it('hush.config.ts that fails to run: its kind of error, not its text', async () => {
    const value = secret()
    const { message, printed } = await configError('hush.config.ts', `export default {\n  secrets: {\n    STRIPE_KEY: { from: ${value} },\n  },\n}\n`)
    expect(message).toMatch(/hush\.config\.ts could not be read for @hush\/eslint-plugin( \(line \d+\))?: running it failed \(ReferenceError\)/)
    expectNoPiece(printed, value)
  })
})
