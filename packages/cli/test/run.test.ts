import { type ChildProcess, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as pty from '@lydell/node-pty'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { BIN, hush as runHush, write } from './helpers.js'

// The environment comes from HUSH_ENV, else NODE_ENV (vitest sets it to `test`): unset both,
// as in a user's shell, unless a test sets one.
const NO_ENV = { NODE_ENV: undefined, HUSH_ENV: undefined }
const hush = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runHush(args, cwd, { ...NO_ENV, ...env })

/** A value the redactor masks: random, long enough, URL- and JSON-unsafe characters in it. */
const secret = () => `${randomBytes(15).toString('base64url')}/+"é${randomBytes(6).toString('hex')}`

/** A project folder whose `.env` refers to files holding the values (`file://`), as `hush init` would leave it. */
function project(secrets: Record<string, string>, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hush-run-'))
  const lines = Object.keys(secrets).map((name) => `${name}=file://${join(dir, 'secrets', name)}`)
  write(dir, {
    ...Object.fromEntries(Object.entries(secrets).map(([name, value]) => [`secrets/${name}`, value])),
    '.env': `${lines.join('\n')}\nPORT=3000\n`,
    ...extra,
  })
  return dir
}

/** Writes a script the command runs, so the test reads as the program it starts. */
function script(dir: string, name: string, code: string): string {
  writeFileSync(join(dir, name), code)
  return name
}

/** `hush run` as a long-lived child: its output so far, a way to wait for text, and its exit. */
function start(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, 'run', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...NO_ENV, ...env } })
  const out = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }
  child.stdout.on('data', (b: Buffer) => (out.stdout = Buffer.concat([out.stdout, b])))
  child.stderr.on('data', (b: Buffer) => (out.stderr = Buffer.concat([out.stderr, b])))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })))
  const waitFor = async (text: string) => {
    for (let i = 0; i < 300 && !out.stdout.toString().includes(text); i++) await new Promise((r) => setTimeout(r, 20))
    return out.stdout.toString().includes(text)
  }
  return { child: child as ChildProcess, out, exit, waitFor }
}

describe('hush run', () => {
  it('gives the command only the declared secrets, and masks their plain, base64, URL and JSON forms on stdout and stderr', async () => {
    const values = { API_TOKEN: secret(), DB_PASSWORD: secret() }
    const dir = project(values, { '.env.local': `DB_PASSWORD_RAW=${values.DB_PASSWORD}\n` })
    // DB_PASSWORD reads its value from a variable the process does not have: .env.local's plain one.
    write(dir, { '.env': `API_TOKEN=file://${join(dir, 'secrets', 'API_TOKEN')}\nDB_PASSWORD=env://DB_PASSWORD_RAW\nPORT=3000\n` })
    const app = script(
      dir,
      'app.js',
      `const { API_TOKEN: a, DB_PASSWORD: d } = process.env
       console.log('plain', a, 'and', d)
       console.log('base64', Buffer.from(a).toString('base64'), Buffer.from('u:' + d).toString('base64url'))
       console.error('url', encodeURIComponent(a), 'json', JSON.stringify({ d }))
       console.log('env', JSON.stringify({ port: process.env.PORT ?? null, raw: process.env.DB_PASSWORD_RAW ?? null, env: process.env.HUSH_ENV }))`,
    )
    const run = await hush(['run', '--', 'node', app], dir)
    expectNoValue(run.stdout + run.stderr, Object.values(values), { in: "hush run's output" })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('plain [redacted:API_TOKEN] and [redacted:DB_PASSWORD]')
    // `u:` fills 2 bytes of a 3-byte group: the third character also holds 2 bits of the value's first byte.
    expect(run.stdout).toMatch(/base64 \[redacted:API_TOKEN\]=* dT[o-r]\[redacted:DB_PASSWORD\]/)
    expect(run.stderr).toContain('url [redacted:API_TOKEN] json {"d":"[redacted:DB_PASSWORD]"}')
    // Plain .env values are the app's own business (its dotenv), not secrets hush hands out.
    expect(run.stdout).toContain('env {"port":null,"raw":null,"env":"development"}')
    expect(run.stderr).toContain('hush: injected 2 secrets for development (1 from env, 1 from file)')
  })

  it('reads the config file and the environment given with --env, and --only narrows what is injected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-run-'))
    const values = { DEV: secret(), PROD: secret(), OTHER: secret() }
    write(dir, { ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`s/${k}`, v])) })
    const from = (env: string) => `file://${join(dir, 's', env)}`
    write(dir, {
      'hush.config.json': JSON.stringify({
        secrets: { API_KEY: { from: { development: from('DEV'), production: from('PROD') } }, OTHER_KEY: { from: from('OTHER') } },
      }),
    })
    const app = script(
      dir,
      'app.js',
      `console.log(JSON.stringify({ api: process.env.API_KEY?.length, other: process.env.OTHER_KEY?.length, env: process.env.HUSH_ENV }))`,
    )
    const prod = await hush(['run', '--env', 'production', '--', 'node', app], dir)
    expect(prod.code).toBe(0)
    expect(JSON.parse(prod.stdout)).toEqual({ api: values.PROD.length, other: values.OTHER.length, env: 'production' })
    expect(prod.stderr).toContain('injected 2 secrets for production (2 from file)')
    const only = await hush(['run', '--env', 'production', '--only', 'OTHER_KEY', '--', 'node', app], dir)
    expect(JSON.parse(only.stdout)).toEqual({ other: values.OTHER.length, env: 'production' })
    const unknown = await hush(['run', '--only', 'NOPE', '--', 'node', app], dir)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('NOPE')
    expect(unknown.stderr).toContain('known: API_KEY, OTHER_KEY')
    const quiet = await hush(['run', '--quiet', '--', 'node', app], dir)
    expect(quiet.stderr).toBe('')
  })

  it('catches a value written in pieces with pauses between them, and a multi-byte value cut inside a character', async () => {
    const value = `${randomBytes(12).toString('hex')}ü€${randomBytes(6).toString('hex')}`
    const dir = project({ TOKEN: value })
    const app = script(
      dir,
      'app.js',
      `const bytes = Buffer.from(process.env.TOKEN)
       const cuts = [3, 25, 26, 27, bytes.length]
       let at = 0
       const next = () => {
         if (!cuts.length) return process.stdout.write(' end\\n')
         const to = cuts.shift()
         process.stdout.write(bytes.subarray(at, to))
         at = to
         setTimeout(next, 80)
       }
       process.stdout.write('token: ')
       next()`,
    )
    const run = await hush(['run', '--', 'node', app], dir)
    expectNoValue(run.stdout, value, { in: 'stdout', piece: 8 })
    // The first piece, 3 bytes, shows when the command's pause is seen as one (a loaded machine
    // may read two pieces at once): no more of a value ever does.
    const shown = /^token: (.*)\[redacted:TOKEN\] end\n$/s.exec(run.stdout)?.[1]
    expect(shown === '' || shown === value.slice(0, 3)).toBe(true)
  })

  it('passes binary output through byte for byte', async () => {
    const dir = project({ TOKEN: secret() })
    const blob = randomBytes(256 * 1024)
    writeFileSync(join(dir, 'blob.bin'), blob)
    const app = script(dir, 'app.js', `process.stdout.write(require('fs').readFileSync('blob.bin'))`)
    const run = start(['--quiet', '--', 'node', app], dir)
    const { code } = await run.exit
    expect(code).toBe(0)
    expect(run.out.stdout.equals(blob)).toBe(true)
  })

  it('forwards stdin, and shows a prompt with no newline while the command waits for the answer', async () => {
    const value = secret()
    const dir = project({ TOKEN: value })
    const app = script(
      dir,
      'app.js',
      `process.stdout.write('Name? ')
       process.stdin.once('data', (d) => { console.log('hello ' + d.toString().trim() + ' ' + process.env.TOKEN); process.exit(0) })`,
    )
    const run = start(['--', 'node', app], dir)
    // The prompt must show before any answer is given: held back, the two would wait on each other.
    expect(await run.waitFor('Name? ')).toBe(true)
    run.child.stdin!.write(`ann ${value}\n`)
    const { code } = await run.exit
    expectNoValue(run.out.stdout, value, { in: 'stdout' })
    expect(code).toBe(0)
    expect(run.out.stdout.toString()).toBe('Name? hello ann [redacted:TOKEN] [redacted:TOKEN]\n')
  })

  it('shows a prompt that ends in the first letters of a value while the command waits, and masks the value if it follows', async () => {
    // `me` starts the value: the stream holds it in case the value follows, but not while the
    // command sits waiting for an answer (with many values nearly every word ends so).
    const value = `me${randomBytes(12).toString('hex')}`
    const dir = project({ TOKEN: value })
    const app = script(
      dir,
      'app.js',
      `process.stdout.write('Username')
       process.stdin.once('data', () => { process.stdout.write(process.env.TOKEN.slice(2) + '\\n'); process.exit(0) })`,
    )
    const run = start(['--quiet', '--', 'node', app], dir)
    const prompted = await run.waitFor('Username')
    run.child.stdin!.write('ann\n')
    await run.exit
    expectNoValue(run.out.stdout, value, { in: 'stdout', piece: 8 })
    expect(prompted).toBe(true)
    expect(run.out.stdout.toString()).toBe('Username[redacted:TOKEN]\n')
  })

  it('on a terminal, feeds piped input to the command byte for byte: not echoed, not read as keys', async () => {
    const dir = project({ TOKEN: secret() })
    // Ctrl-C, Ctrl-D and a last line with no newline: a pseudo-terminal would take them as keys.
    const input = Buffer.concat([Buffer.from('INPUT-MARKER\n\x03\x04'), randomBytes(20_000), Buffer.from('last line')])
    writeFileSync(join(dir, 'input.bin'), input)
    const app = script(
      dir,
      'app.js',
      `const chunks = []
       process.stdin.on('data', (c) => chunks.push(c)).on('end', () => {
         const all = Buffer.concat(chunks)
         console.log('read', all.length, require('crypto').createHash('sha256').update(all).digest('hex'))
       })`,
    )
    const term = pty.spawn('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" run --quiet -- node ${app} < input.bin`], {
      cols: 100,
      rows: 30,
      cwd: dir,
      env: { ...process.env, NODE_ENV: '', HUSH_ENV: '', NO_COLOR: '1' },
      encoding: null,
    })
    let out = Buffer.alloc(0)
    term.onData((data: string | Buffer) => (out = Buffer.concat([out, Buffer.from(data)])))
    const killer = setTimeout(() => term.kill('SIGKILL'), 20_000)
    const exit = await new Promise<{ exitCode: number }>((resolve) => term.onExit(resolve))
    clearTimeout(killer)
    const text = out.toString()
    expect(text).toContain(`read ${input.length} ${createHash('sha256').update(input).digest('hex')}`)
    expect(text).not.toContain('INPUT-MARKER')
    expect(exit.exitCode).toBe(0)
  })

  it("on a terminal, keeps the command's stderr where hush's was redirected (2>file), masked", async () => {
    const value = secret()
    const dir = project({ TOKEN: value })
    const app = script(dir, 'app.js', `console.log('to stdout'); console.error('to stderr', process.env.TOKEN)`)
    const term = pty.spawn('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" run --quiet -- node ${app} 2>err.log`], {
      cols: 100,
      rows: 30,
      cwd: dir,
      env: { ...process.env, NODE_ENV: '', HUSH_ENV: '', NO_COLOR: '1' },
      encoding: null,
    })
    let out = Buffer.alloc(0)
    term.onData((data: string | Buffer) => (out = Buffer.concat([out, Buffer.from(data)])))
    const exit = await new Promise<{ exitCode: number }>((resolve) => term.onExit(resolve))
    const errors = readFileSync(join(dir, 'err.log'))
    expectNoValue(out, value, { in: 'the terminal' })
    expectNoValue(errors, value, { in: 'err.log' })
    expect(exit.exitCode).toBe(0)
    expect(out.toString()).toContain('to stdout')
    expect(out.toString()).not.toContain('to stderr')
    expect(errors.toString()).toBe('to stderr [redacted:TOKEN]\n')
  })

  it('stops on SIGTERM once the command has exited, even while a process it left in the background holds the output open', async () => {
    const dir = project({ TOKEN: secret() })
    const run = start(['--quiet', '--', 'sh', '-c', 'sleep 30 & echo $! > background.pid; echo parent done'], dir)
    try {
      expect(await run.waitFor('parent done')).toBe(true)
      // The command (sh) has exited; hush still reads what the background sleep might write.
      for (let i = 0; i < 100 && run.child.exitCode === null && !existsSync(join(dir, 'background.pid')); i++) await new Promise((r) => setTimeout(r, 20))
      await new Promise((r) => setTimeout(r, 200))
      run.child.kill('SIGTERM')
      const timer = setTimeout(() => run.child.kill('SIGKILL'), 10_000)
      const { signal } = await run.exit
      clearTimeout(timer)
      expect(signal).toBe('SIGTERM')
    } finally {
      try {
        process.kill(Number(readFileSync(join(dir, 'background.pid'), 'utf8')), 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
  })

  it("exits with the command's exit code, and 128 + n when a signal ended it", async () => {
    const dir = project({ TOKEN: secret() })
    expect((await hush(['run', '--', 'node', '-e', 'process.exit(7)'], dir)).code).toBe(7)
    expect((await hush(['run', '--', 'node', '-e', 'process.kill(process.pid, "SIGKILL")'], dir)).code).toBe(128 + 9)
  })

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('passes %s on to the command and waits for it to finish', async (signal) => {
    const dir = project({ TOKEN: secret() })
    const app = script(
      dir,
      'app.js',
      `process.on('${signal}', () => { console.log('got ${signal}, cleaning up'); setTimeout(() => process.exit(4), 100) })
       console.log('ready'); setInterval(() => {}, 1000)`,
    )
    const run = start(['--', 'node', app], dir)
    expect(await run.waitFor('ready')).toBe(true)
    run.child.kill(signal)
    const { code } = await run.exit
    expect(run.out.stdout.toString()).toContain(`got ${signal}, cleaning up`)
    expect(code).toBe(4)
  })

  it('keeps the order of stdout and stderr lines when both go to one place (2>&1)', async () => {
    const value = secret()
    const dir = project({ TOKEN: value })
    const app = script(
      dir,
      'app.js',
      `const { writeSync } = require('fs')
       for (let i = 0; i < 200; i++) writeSync(i % 2 ? 2 : 1, 'line ' + i + (i % 50 ? '' : ' ' + process.env.TOKEN) + '\\n')`,
    )
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" run --quiet -- node ${app} 2>&1`], { cwd: dir, env: { ...process.env, ...NO_ENV } })
      let out = ''
      child.stdout.on('data', (b: Buffer) => (out += b.toString()))
      child.on('close', (code) => resolve({ code, out }))
    })
    expectNoValue(run.out, value, { in: "hush run's output" })
    expect(run.code).toBe(0)
    const expected = Array.from({ length: 200 }, (_, i) => `line ${i}${i % 50 ? '' : ' [redacted:TOKEN]'}\n`).join('')
    expect(run.out).toBe(expected)
  })

  it("closes the command's output when the reader goes away (`| head`) instead of hanging", async () => {
    const dir = project({ TOKEN: secret() })
    const run = start(['--quiet', '--', 'yes', 'y'], dir)
    expect(await run.waitFor('y\ny\n')).toBe(true)
    run.child.stdout!.destroy()
    const { code } = await run.exit
    // `yes` met the closed pipe as it would on its own (SIGPIPE, or EPIPE where the parent ignores SIGPIPE), and hush did not crash on it.
    expect(code).not.toBe(0)
    expect(run.out.stderr.toString()).not.toContain('node:events')
    expect(run.out.stderr.toString()).not.toContain('unsettled top-level await')
  })

  it('does not start the command when a secret cannot be read, and says why without a value', async () => {
    const dir = project({ TOKEN: secret() })
    write(dir, { '.env': `TOKEN=file://${join(dir, 'secrets', 'MISSING')}\n` })
    const run = await hush(['run', '--', 'node', '-e', 'require("fs").writeFileSync("started", "")'], dir)
    expect(run.code).toBe(125)
    expect(run.stderr).toContain('TOKEN')
    expect(run.stderr).toContain('node was not started')
    expect(existsSync(join(dir, 'started'))).toBe(false)
  })

  it('tells a missing command (127) from one that cannot run (126), and needs a command', async () => {
    const dir = project({ TOKEN: secret() })
    writeFileSync(join(dir, 'tool.sh'), '#!/bin/sh\necho hi\n')
    chmodSync(join(dir, 'tool.sh'), 0o644)
    const missing = await hush(['run', '--', 'no-such-command-here'], dir)
    expect(missing.code).toBe(127)
    expect(missing.stderr).toContain('no-such-command-here: command not found')
    expect((await hush(['run', '--', './tool.sh'], dir)).code).toBe(126)
    chmodSync(join(dir, 'tool.sh'), 0o755)
    expect((await hush(['run', '--', './tool.sh'], dir)).stdout).toBe('hi\n')
    const none = await hush(['run'], dir)
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('no command to run')
  })

  it('says in one line why a command the system refuses to start did not run (126), without a stack trace', async () => {
    const dir = project({ TOKEN: secret() })
    writeFileSync(join(dir, 'tool.sh'), '#!/no/such/interpreter\necho hi\n')
    chmodSync(join(dir, 'tool.sh'), 0o755)
    for (const mask of [[], ['--no-mask']]) {
      const run = await hush(['run', ...mask, '--', './tool.sh'], dir)
      expect(run.code).toBe(126)
      expect(run.stderr).toContain('./tool.sh: cannot run it: its interpreter /no/such/interpreter (its #! line) was not found.')
    }
    // A value over Linux's 128 KiB per variable: the system refuses the whole environment.
    const value = randomBytes(100_000).toString('base64')
    const run = await hush(['run', '--', 'node', '-e', '0'], project({ TOKEN: value }))
    expectNoValue(run.stdout + run.stderr, value, { in: "hush run's output" })
    expect(run.stderr).not.toContain('    at ')
    expect(run.code).toBe(126)
    expect(run.stderr).toContain('node: cannot run it (E2BIG): its environment is too large')
  })

  it('with --no-mask passes output as it is, and warns that it does', async () => {
    const value = secret()
    const dir = project({ TOKEN: value })
    const run = await hush(['run', '--no-mask', '--', 'node', '-e', 'console.log(process.env.TOKEN.length, process.env.TOKEN.includes("/+"))'], dir)
    expect(run.stdout).toBe(`${value.length} true\n`)
    expect(run.stderr).toContain('not masked (--no-mask)')
  })

  it('names (never shows) a value too short to mask', async () => {
    const dir = project({ PIN: '1234', TOKEN: secret() })
    const run = await hush(['run', '--', 'node', '-e', '0'], dir)
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('not masked, too short or plain to find safely: PIN')
    expect(run.stderr).not.toContain('1234')
  })

  it('on a terminal, runs the command in a pseudo-terminal: it sees a TTY, colours and prompts work, values are masked', async () => {
    const value = secret()
    const dir = project({ TOKEN: value })
    const app = script(
      dir,
      'app.js',
      `const rl = require('readline').createInterface({ input: process.stdin, output: process.stdout })
       console.log('tty', process.stdout.isTTY, process.stdin.isTTY, '\\x1b[32m' + process.env.TOKEN + '\\x1b[0m')
       rl.question('Name? ', (a) => { console.log('hello', a.length); rl.close() })`,
    )
    // hush itself runs on a terminal, as in a developer's shell.
    const term = pty.spawn(process.execPath, [BIN, 'run', '--', 'node', app], {
      cols: 100,
      rows: 30,
      cwd: dir,
      env: { ...process.env, NODE_ENV: '', HUSH_ENV: '', NO_COLOR: '' },
      encoding: null,
    })
    let out = Buffer.alloc(0)
    let answered = false
    term.onData((data: string | Buffer) => {
      out = Buffer.concat([out, Buffer.from(data)])
      if (!answered && out.toString().includes('Name? ')) {
        answered = true
        term.write('ann\r')
      }
    })
    const exit = await new Promise<{ exitCode: number }>((resolve) => term.onExit(resolve))
    expectNoValue(out, value, { in: 'the terminal' })
    const text = out.toString()
    expect(exit.exitCode).toBe(0)
    expect(text).toContain('\x1b[32m[redacted:TOKEN]\x1b[0m')
    expect(text).toMatch(/tty (\x1b\[\d+m)?true(\x1b\[\d+m)? (\x1b\[\d+m)?true/)
    // Node 24's console.log colours numbers on a terminal.
    expect(text).toMatch(/hello (\x1b\[\d+m)?3/)
  })

  it('on a terminal, masks a multi-line value (a PEM key), whose line feeds the pseudo-terminal turns into CR LF', async () => {
    const value = `-----BEGIN PRIVATE KEY-----\n${randomBytes(48).toString('base64')}\n${randomBytes(24).toString('base64')}\n-----END PRIVATE KEY-----\n`
    const dir = project({ KEY: value })
    const term = pty.spawn(process.execPath, [BIN, 'run', '--quiet', '--', 'node', '-e', 'process.stdout.write("key:\\n" + process.env.KEY)'], {
      cols: 100,
      rows: 30,
      cwd: dir,
      env: { ...process.env, NODE_ENV: '', HUSH_ENV: '', NO_COLOR: '1' },
      encoding: null,
    })
    let out = Buffer.alloc(0)
    term.onData((data: string | Buffer) => (out = Buffer.concat([out, Buffer.from(data)])))
    const exit = await new Promise<{ exitCode: number }>((resolve) => term.onExit(resolve))
    const lines = value.split('\n').filter((line) => line.length > 20)
    expectNoValue(out, lines, { in: 'the terminal' })
    expect(exit.exitCode).toBe(0)
    expect(out.toString()).toMatch(/key:\r+\n\[redacted:KEY\]$/)
  })

  it('on a terminal without @lydell/node-pty, pipes the output (masked), says so in one line and asks for colours', async () => {
    // A copy of the CLI whose node_modules lacks the optional package, as when it failed to install.
    const install = mkdtempSync(join(tmpdir(), 'hush-nopty-'))
    const cli = join(import.meta.dirname, '..')
    mkdirSync(join(install, 'node_modules'))
    for (const entry of readdirSync(join(cli, 'node_modules'))) {
      if (entry !== '@lydell' && entry !== '.bin') symlinkSync(join(cli, 'node_modules', entry), join(install, 'node_modules', entry))
    }
    cpSync(join(cli, 'dist'), join(install, 'dist'), { recursive: true })
    cpSync(join(cli, 'package.json'), join(install, 'package.json'))
    const value = secret()
    const dir = project({ TOKEN: value })
    const app = script(dir, 'app.js', `console.log('tty', String(process.stdout.isTTY), 'colour', process.env.FORCE_COLOR, process.env.TOKEN)`)
    const { NO_COLOR: _n, FORCE_COLOR: _f, ...env } = process.env
    const term = pty.spawn(process.execPath, [join(install, 'dist', 'bin.mjs'), 'run', '--', 'node', app], {
      cols: 100,
      rows: 30,
      cwd: dir,
      env: { ...env, NODE_ENV: '', HUSH_ENV: '' },
      encoding: null,
    })
    let out = Buffer.alloc(0)
    term.onData((data: string | Buffer) => (out = Buffer.concat([out, Buffer.from(data)])))
    const exit = await new Promise<{ exitCode: number }>((resolve) => term.onExit(resolve))
    expectNoValue(out, value, { in: 'the terminal' })
    const text = out.toString()
    expect(exit.exitCode).toBe(0)
    expect(text).toContain('install @lydell/node-pty to keep colours and prompts')
    expect(text).toContain('tty undefined colour 1 [redacted:TOKEN]')
  })
})
