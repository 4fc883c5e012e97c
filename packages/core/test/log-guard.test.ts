import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { variantsOf } from '../src/redact/variants.js'
import { holds, jsonOf, outputFile, randomValue, runChild } from './log-guard-child.js'

const MASK = '[redacted:SECRET]'
const lines = (labels: string) => [...labels].map((l) => `${l} ${MASK}\n`).join('')

describe('log guard in a real process', () => {
  it('masks fs.writeSync, fs.write, fs.writev and fs.writevSync to fd 1 and 2, ESM named imports included', () => {
    const value = randomValue()
    const run = runChild(
      `import { writeSync, write as writeNamed, writev as writevNamed } from 'node:fs'
fs.writeSync(1, \`a \${value}\\n\`)
fs.writeSync(1, Buffer.from(\`b \${value}\\n\`))
fs.writeSync(2, \`c \${value}\\n\`)
writeSync(1, new Uint8Array(Buffer.from(\`d \${value}\\n\`)))
fs.writeSync(1, Buffer.from(\`::e \${value}\\n::\`), 2, Buffer.byteLength(\`e \${value}\\n\`))
fs.writeSync(1, Buffer.from(\`f \${value}\\n\`), { offset: 0 })
fs.writevSync(1, [Buffer.from(\`g \${value.slice(0, 4)}\`), Buffer.from(\`\${value.slice(4)}\\n\`)])
await new Promise((done) => fs.write(1, \`h \${value}\\n\`, done))
await new Promise((done) => writeNamed(2, Buffer.from(\`i \${value}\\n\`), done))
await new Promise((done) => writevNamed(1, [Buffer.from(\`j \${value}\\n\`)], done))
await new Promise((done) => fs.write(1, \`k \${value}\\n\`, null, 'utf8', done))
await util.promisify(fs.write)(1, \`l \${value}\\n\`)
`,
      value,
    )
    expect(run.status).toBe(0)
    expect(holds(run.stdout, value) || holds(run.stderr, value), 'a value reached the output').toBe(false)
    expect(run.stdout.toString() === lines('abdefghjkl'), 'stdout differs from the expected text').toBe(true)
    expect(run.stderr.toString() === lines('ci'), 'stderr differs from the expected text').toBe(true)
  })

  it('reports the byte count the caller asked for, so writers that resend the rest (sonic-boom) do not', () => {
    const value = randomValue()
    const run = runChild(
      `const line = \`a \${value}\\n\`
const size = Buffer.byteLength(line)
const r = {}
r.writeSync = fs.writeSync(1, line) === size
r.offset = fs.writeSync(1, Buffer.from('::' + line), 2) === size
r.writevSync = fs.writevSync(1, [Buffer.from(line), Buffer.from(line)]) === 2 * size
r.write = await new Promise((done) => fs.write(1, line, (err, n, s) => done(!err && n === size && s === line)))
const b = Buffer.from(line)
r.writeBuffer = await new Promise((done) => fs.write(1, b, 0, b.length, null, (err, n, buf) => done(!err && n === size && buf === b)))
r.writev = await new Promise((done) => fs.writev(1, [b], (err, n) => done(!err && n === size)))
const p = await util.promisify(fs.write)(1, b)
r.promisify = p.bytesWritten === size && p.buffer === b
fs.writeSync(2, JSON.stringify(r))
`,
      value,
    )
    expect(run.status).toBe(0)
    expect(holds(run.stdout, value), 'a value reached stdout').toBe(false)
    expect(run.stdout.toString() === lines('aaaaaaaa'), 'stdout differs from the expected text').toBe(true)
    expect(jsonOf(run.stderr)).toEqual({ writeSync: true, offset: true, writevSync: true, write: true, writeBuffer: true, writev: true, promisify: true })
  })

  it('masks every process.stdout.write signature: string in base64, base64url, hex, latin1, binary, utf16le; Buffer, Uint8Array; callbacks; end(chunk)', () => {
    const value = randomValue()
    const run = runChild(
      `let called = 0
const cb = () => called++
process.stdout.write(Buffer.from(\`a \${value}\\n\`).toString('base64'), 'base64')
process.stdout.write(Buffer.from(\`b \${value}\\n\`).toString('base64url'), 'base64url', cb)
process.stdout.write(Buffer.from(\`c \${value}\\n\`).toString('hex'), 'hex', cb)
process.stdout.write(Buffer.from(\`d \${value}\\n\`).toString('latin1'), 'latin1')
process.stdout.write(Buffer.from(\`e \${value}\\n\`).toString('binary'), 'binary')
process.stdout.write(\`f \${value}\\n\`, 'utf16le')
process.stdout.write(new Uint8Array(Buffer.from(\`g \${value}\\n\`)), cb)
process.stdout.write(Buffer.from(\`h \${value}\\n\`), null, cb)
process.stderr.write(\`i \${value}\\n\`, 'utf8', cb)
process.stdout.end(\`j \${value}\\n\`, () => process.stderr.write(\` \${called}\`))
`,
      value,
    )
    expect(run.status).toBe(0)
    expect(holds(run.stdout, value) || holds(run.stderr, value), 'a value reached the output').toBe(false)
    const expected = Buffer.concat([Buffer.from(lines('abcde')), Buffer.from(lines('f'), 'utf16le'), Buffer.from(lines('ghj'))])
    expect(run.stdout.equals(expected), 'stdout differs from the masked lines').toBe(true)
    expect(run.stderr.toString() === `${lines('i')} 5`, 'stderr differs from the expected text').toBe(true)
  })

  it('masks typed-array views other than Uint8Array (Uint16Array, DataView) written to the streams', () => {
    const value = randomValue()
    const run = runChild(
      `const line = (l) => { const b = Buffer.from(\`\${l} \${value}\\n\`); const out = Buffer.alloc(b.length + (b.length % 2)); b.copy(out); return out }
const a = line('a'); process.stdout.write(new Uint16Array(a.buffer, a.byteOffset, a.length / 2))
const b = line('b'); process.stderr.write(new DataView(b.buffer, b.byteOffset, b.length))
`,
      value,
    )
    expect(run.status).toBe(0)
    expect(holds(run.stdout, value) || holds(run.stderr, value), 'a value reached the output').toBe(false)
    expect(run.stdout.toString().replace(/\0/g, '') === lines('a'), 'stdout differs from the expected text').toBe(true)
  })

  it('masks a value with characters above U+00FF written with a one-byte encoding (latin1, binary, ascii)', () => {
    const value = randomValue()
    const run = runChild(
      `process.stdout.write(\`a \${value}\\n\`, 'latin1')
process.stdout.write(\`b \${value}\\n\`, 'binary')
process.stderr.write(\`c \${value}\\n\`, 'ascii')
`,
      value,
    )
    expect(run.status).toBe(0)
    const ascii = value.replace(/[^\x20-\x7e]/g, '')
    const shown = run.stdout.toString('latin1') + run.stderr.toString('latin1')
    expect(ascii.length >= 8 && shown.includes(ascii.slice(0, 8)), 'the ASCII part of the value reached the output').toBe(false)
    expect(run.stdout.toString('latin1') === lines('ab'), 'stdout differs from the expected text').toBe(true)
  })

  it('masks writeFile and appendFile to fd 1 and 2, and fs.createWriteStream on fd 1', () => {
    const value = randomValue()
    const run = runChild(
      `fs.writeFileSync(1, \`a \${value}\\n\`)
fs.appendFileSync(2, \`b \${value}\\n\`)
fs.writeFileSync(1, Buffer.from(\`c \${value}\\n\`))
await new Promise((done) => fs.writeFile(1, \`d \${value}\\n\`, done))
await new Promise((done) => fs.appendFile(1, Buffer.from(\`e \${value}\\n\`).toString('hex'), 'hex', done))
const stream = fs.createWriteStream(null, { fd: 1, autoClose: false })
await new Promise((done) => stream.write(\`f \${value}\\n\`, done))
`,
      value,
    )
    expect(run.status).toBe(0)
    expect(holds(run.stdout, value) || holds(run.stderr, value), 'a value reached the output').toBe(false)
    expect(run.stdout.toString() === lines('acdef'), 'stdout differs from the expected text').toBe(true)
    expect(run.stderr.toString() === lines('b'), 'stderr differs from the expected text').toBe(true)
  })

  it('masks once and keeps output intact when stdout is a file (its stream writes through fs)', () => {
    const value = randomValue()
    const file = outputFile()
    const run = runChild(
      `console.log('a', value)
process.stdout.write(\`b \${value}\\n\`)
fs.writeSync(1, \`c \${value}\\n\`)
process.stdout.write(Buffer.from(\`d \${value}\\n\`))
`,
      value,
      { stdoutFile: file },
    )
    expect(run.status).toBe(0)
    expect(holds(run.stdout, value), 'a value reached the file').toBe(false)
    expect(run.stdout.toString() === lines('abcd'), 'stdout differs from the expected text').toBe(true)
  })

  it('restores fs, its ESM named exports and the streams when removed', () => {
    const run = runChild(
      `import * as named from 'node:fs'
const keys = ['write', 'writeSync', 'writev', 'writevSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync']
const before = keys.map((k) => fs[k])
const remove = installLogGuard(redactor)
const patched = keys.every((k, i) => fs[k] !== before[i] && named[k] === fs[k]) && Object.hasOwn(process.stdout, 'write')
remove()
const restored = keys.every((k, i) => fs[k] === before[i] && named[k] === before[i]) && !Object.hasOwn(process.stdout, 'write') && !Object.hasOwn(process.stderr, 'end')
fs.writeSync(2, JSON.stringify({ patched, restored }))
`,
      randomValue(),
      { guard: false },
    )
    expect(run.status).toBe(0)
    expect(jsonOf(run.stderr)).toEqual({ patched: true, restored: true })
  })

  it('passes binary chunks byte for byte, and changes only the value bytes in a binary chunk that holds one', () => {
    const value = randomValue()
    // Bytes that are not UTF-8 on both ends: a UTF-8 round trip would turn them into U+FFFD.
    const noise = Buffer.concat([Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]), randomBytes(200), Buffer.from([0xf0, 0x9f, 0x80, 0xfe])])
    const run = runChild(
      `const noise = Buffer.from(process.env.NOISE, 'hex')
const holding = Buffer.concat([noise, Buffer.from(value), noise])
process.stdout.write(noise)
fs.writeSync(1, noise)
await new Promise((done) => fs.write(1, noise, done))
fs.writevSync(1, [noise, noise])
process.stdout.write(noise.toString('latin1'), 'latin1')
process.stdout.write(holding)
fs.writeSync(1, holding)
process.stdout.write(holding.toString('base64'), 'base64')
`,
      value,
      { env: { NOISE: noise.toString('hex') } },
    )
    expect(run.status).toBe(0)
    const masked = Buffer.concat([noise, Buffer.from(MASK), noise])
    const expected = Buffer.concat([noise, noise, noise, noise, noise, noise, masked, masked, masked])
    expect(holds(run.stdout, value), 'a value reached stdout').toBe(false)
    expect(run.stdout.equals(expected), 'stdout differs from the expected bytes').toBe(true)
  })

  it('shows no value when a Redactor is inspected, logged, serialised, spread or cloned (guard off)', () => {
    const value = randomValue()
    const run = runChild(
      `console.log(util.inspect(redactor, { showHidden: true, depth: Infinity }))
console.log(util.inspect(redactor, { showHidden: true, depth: Infinity, customInspect: false, getters: true }))
console.dir(redactor, { showHidden: true, depth: null })
console.log(redactor, \`\${redactor}\`)
console.log(JSON.stringify(redactor), JSON.stringify({ redactor }))
console.log(Object.keys(redactor), Reflect.ownKeys(redactor).map(String), Object.entries(redactor))
console.log({ ...redactor }, Object.assign({}, redactor))
console.log(util.inspect(structuredClone(redactor), { showHidden: true, depth: Infinity }))
console.log(util.format('%o %O %j %s', redactor, redactor, redactor, redactor))
`,
      value,
      { guard: false },
    )
    expect(run.status).toBe(0)
    const forms = [...variantsOf(value).map((v) => v.text), value.toUpperCase(), value.toLowerCase()]
    expect(
      forms.some((f) => holds(run.stdout, f) || holds(run.stderr, f)),
      'a value or one of its forms was printed',
    ).toBe(false)
    const out = run.stdout.toString()
    expect(out.includes('Redactor { values: 1 }') && out.includes('{"values":1}'), 'the summary is missing').toBe(true)
  })

  it('masks base64 at every alignment (Basic auth), case copies, JSON inside JSON, util.inspect and form encoding', () => {
    const value = `${randomValue()}"\\'x y~`
    const run = runChild(
      `console.log('Authorization: Basic ' + Buffer.from('user:' + value).toString('base64'))
console.log('Authorization: Basic ' + Buffer.from('me:' + value).toString('base64'))
console.log(Buffer.from('k' + value + '!').toString('base64url'))
console.log(Buffer.from('ab' + value).toString('base64url'))
console.log('upper', value.toUpperCase(), 'lower', value.toLowerCase())
console.log(JSON.stringify({ level: 30, msg: JSON.stringify({ token: value }) }))
console.log({ nested: { token: value } })
console.log(new URLSearchParams({ token: value }).toString(), encodeURIComponent(value))
`,
      value,
    )
    expect(run.status).toBe(0)
    const bytes = Buffer.from(value)
    // The base64 characters that depend on the value's bytes alone, for a value `skip` bytes in.
    const core = (prefix: string, suffix: string, encoding: 'base64' | 'base64url') =>
      Buffer.from(prefix + value + suffix)
        .toString(encoding)
        .slice(Math.ceil((8 * prefix.length) / 6), Math.floor((8 * (prefix.length + bytes.length)) / 6))
    const json = JSON.stringify(value).slice(1, -1)
    const forms = [
      value,
      core('user:', '', 'base64'),
      core('me:', '', 'base64'),
      core('k', '!', 'base64url'),
      core('ab', '', 'base64url'),
      value.toUpperCase(),
      value.toLowerCase(),
      json,
      JSON.stringify(json).slice(1, -1),
      inspect(value).slice(1, -1),
      new URLSearchParams({ v: value }).toString().slice(2),
      encodeURIComponent(value),
    ]
    expect(forms.map((f) => holds(run.stdout, f))).toEqual(forms.map(() => false))
    expect(run.stdout.toString().split(MASK).length - 1 === 10, 'not every line was masked').toBe(true)
  })

  it('masks a short value standing alone but not inside a longer number or word', () => {
    const digits = [...'0123456789'].sort(() => Math.random() - 0.5)
    const value = digits.slice(0, 6).join('')
    const run = runChild(
      `console.log(\`id=\${value}7 x\${value} \${value}x é\${value}\`)
console.log(\`pin \${value}. pin=\${value}\`)
fs.writeSync(1, \`[\${value}]\\n\`)
`,
      value,
    )
    expect(run.status).toBe(0)
    const expected = `id=${value}7 x${value} ${value}x é${value}\npin ${MASK}. pin=${MASK}\n[${MASK}]\n`
    expect(run.stdout.toString() === expected, 'stdout differs from the expected text').toBe(true)
  })
})
