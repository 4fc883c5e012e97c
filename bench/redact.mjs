// Redactor throughput with 1,000 registered secrets (each also searched in base64 and base64url
// at all three byte alignments, URI and form encoding, JSON, JSON in JSON, util.inspect, hex and
// upper/lower case), against calling replaceAll once per secret on the same text.
import { randomBytes } from 'node:crypto'
import { Redactor } from '@hush/core'
import { compare, fmt, verdict } from './lib.mjs'

export function makeLog(bytes, secrets) {
  const words = [
    'GET',
    'POST',
    '/api/orders',
    'user=42',
    'status=200',
    'took=13ms',
    'cache=miss',
    'region=eu-west-1',
    'retry=0',
    'level=info',
    'msg="request done"',
    'trace=4bf92f3577b34da6',
  ]
  const parts = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    let line = `2026-11-27T12:00:${String(i % 60).padStart(2, '0')}.000Z`
    for (let w = 0; w < 10; w++) line += ' ' + words[(i * 7 + w * 3) % words.length]
    if (i % 97 === 0) line += ` token=${secrets[i % secrets.length]}` // a leak every ~10 KB
    if (i % 389 === 0) line += ` auth=${Buffer.from(secrets[(i * 3) % secrets.length]).toString('base64')}`
    parts.push(line)
    size += line.length + 1
  }
  return parts.join('\n')
}

export function run() {
  const secrets = Array.from({ length: 1000 }, () => randomBytes(24).toString('base64url'))
  const redactor = new Redactor()
  secrets.forEach((s, i) => redactor.add(`SECRET_${i}`, s))
  // Throughput on 32 MB; the side-by-side ratio on 4 MB, since the naive way takes seconds per MB.
  const text = makeLog(32 * 1024 * 1024, secrets)
  const small = text.slice(0, 4 * 1024 * 1024)
  const mb = text.length / 1024 / 1024
  const smallMb = small.length / 1024 / 1024
  redactor.redact('warm up the pattern table')
  const naive = (t) => {
    for (const s of secrets) t = t.replaceAll(s, '[redacted]')
    return t
  }
  const out = redactor.redact(text)
  const leftover = secrets.filter((s) => out.includes(s) || out.includes(Buffer.from(s).toString('base64').replace(/=+$/, ''))).length
  const [big] = compare([{ name: 'Redactor.redact', fn: () => redactor.redact(text) }], { rounds: 7, warmup: 2 })
  const [ours, theirs] = compare(
    [
      { name: 'Redactor.redact (every form per secret)', fn: () => redactor.redact(small) },
      { name: 'replaceAll once per secret (raw only)', fn: () => naive(small) },
    ],
    { rounds: 3, warmup: 0 },
  )
  const throughput = mb / (big.ms / 1000)
  console.log(`redactor: 1,000 secrets; values left unmasked: ${leftover}`)
  console.log(`  Redactor.redact on ${fmt(mb, 0)} MB of log text: ${fmt(big.ms, 1)} ms, ${fmt(throughput, 0)} MB/s`)
  console.log(`  side by side on ${fmt(smallMb, 0)} MB:`)
  console.log(`    ${ours.name.padEnd(40)} ${fmt(ours.ms, 1).padStart(9)} ms  ${fmt(smallMb / (ours.ms / 1000), 0).padStart(6)} MB/s`)
  console.log(`    ${theirs.name.padEnd(40)} ${fmt(theirs.ms, 1).padStart(9)} ms  ${fmt(smallMb / (theirs.ms / 1000), 0).padStart(6)} MB/s`)
  console.log(`  speed vs replaceAll per secret: ${fmt(theirs.ms / ours.ms, 0)}x`)
  return verdict('>= 200 MB/s and >= 10x replaceAll', throughput >= 200 && theirs.ms / ours.ms >= 10 && leftover === 0)
}

if (import.meta.url === `file://${process.argv[1]}`) run()
