// parse throughput: @hush/dotenv parse against dotenv.parse on a ~10 MB .env of mixed shapes.
import dotenv from 'dotenv'
import { parse } from '@hush/dotenv'
import { compare, fmt, verdict } from './lib.mjs'

const shapes = [
  (i) => `KEY_${i}=value_${i}_abcdefghij`,
  (i) => `export EXPORTED_${i}="double quoted \\n value ${i}"`,
  (i) => `SINGLE_${i}='single quoted ${i} # not a comment'`,
  (i) => `# comment line ${i}`,
  (i) => `SPACED_${i} = spaced value ${i}   # trailing comment`,
  (i) => `URL_${i}=postgres://user:pass@host:5432/db_${i}`,
  (i) => `MULTI_${i}="line one\nline two ${i}\nline three"`,
  (i) => `EMPTY_${i}=`,
  (i) => `JSON_${i}={"a":1,"b":"two","c":[1,2,3]}`,
  (i) => `BACKTICK_${i}=\`tick ${i} "x" 'y'\``,
  (i) => `API_TOKEN_${i}=tok_${((i * 2654435761) % 4294967296).toString(36)}${i.toString(16)}`,
  (i) =>
    `JWT_SECRET_${i}=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.${i}SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`,
  (i) => `WEBHOOK_URL_${i}=https://hooks.example.com/services/T000${i}/B000${i}/XXXXXXXXXXXXXXXXXXXXXXXX?channel=alerts&retry=3`,
]

// A PEM key now and then: multi-line quoted values are common in real .env files.
const pem = (i) =>
  `TLS_KEY_${i}="-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n'.repeat(12)}-----END PRIVATE KEY-----"`

export function makeEnv(bytes) {
  const lines = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const line = i % 60 === 59 ? pem(i) : shapes[i % shapes.length](i)
    lines.push(line)
    size += line.length + 1
    // Sections as in a real .env.example: a blank line, a header, and a disabled setting.
    if (i % 12 === 11) {
      const extra = ['', `# --- section ${i / 12} ---`, `# OLD_SETTING_${i}=disabled-value-${i}`]
      lines.push(...extra)
      size += extra.join('\n').length + 1
    }
  }
  return lines.join('\n')
}

export function run() {
  const src = makeEnv(10 * 1024 * 1024)
  const mb = src.length / 1024 / 1024
  const same = JSON.stringify(Object.entries(parse(src))) === JSON.stringify(Object.entries(dotenv.parse(src)))
  const [ours, theirs, fast] = compare([
    { name: '@hush/dotenv parse', fn: () => parse(src) },
    { name: 'dotenv.parse', fn: () => dotenv.parse(src) },
    { name: 'dotenv.parse { fast: true }', fn: () => dotenv.parse(src, { fast: true }) },
  ])
  const lineCount = src.split('\n').length
  const comments = src.split('\n').filter((l) => l.startsWith('#')).length
  console.log(
    `parse: ${fmt(mb, 1)} MB .env, ${lineCount.toLocaleString('en-US')} lines (${fmt((comments / lineCount) * 100, 0)}% comments), ${Object.keys(dotenv.parse(src)).length.toLocaleString('en-US')} keys, identical output: ${same}`,
  )
  for (const r of [ours, theirs, fast]) console.log(`  ${r.name.padEnd(28)} ${fmt(r.ms, 1).padStart(8)} ms  ${fmt(mb / (r.ms / 1000), 1).padStart(7)} MB/s`)
  const ratio = theirs.ms / ours.ms
  console.log(`  speed vs dotenv.parse: ${fmt(ratio)}x   (vs dotenv fast parser: ${fmt(fast.ms / ours.ms)}x)`)
  return verdict('>= 2x dotenv.parse with identical output', ratio >= 2 && same)
}

if (import.meta.url === `file://${process.argv[1]}`) run()
