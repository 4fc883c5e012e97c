// NestJS through @hush/nestjs: the cost of reading a secret on the hot path against a plain
// .env value read the same way, and how soon a running Nest HTTP app serves a rotated value.
// Bench code is plain JS: Nest's decorators are called as functions, as TypeScript would.
import 'reflect-metadata'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { awsSecretsManager } from '@hush/aws'
import { startLocalStore } from '@hush/local-store'
import { HushModule, InjectSecret } from '@hush/nestjs'
import { Controller, Get, Inject, Injectable, Module } from '@nestjs/common'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { NestFactory } from '@nestjs/core'
import { compare, fmt, median, verdict } from './lib.mjs'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' }
const SECRET_ID = 'bench/nest/db'
const PLAIN = 'plain-value-from-dotenv-0123456789'
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
// What the app and the client compare, so no value is ever printed or sent over HTTP.
const fingerprint = (value) => createHash('sha256').update(value).digest('hex').slice(0, 16)
const newPassword = () => `pw-${randomBytes(16).toString('hex')}`

// The service an app would write: `constructor(config: ConfigService, @InjectSecret('DB_PASSWORD') db: SecretHandle)`.
class Reader {
  constructor(config, db) {
    this.config = config
    this.db = db
  }
}
Injectable()(Reader)
Inject(ConfigService)(Reader, undefined, 0)
InjectSecret('DB_PASSWORD')(Reader, undefined, 1)

class FingerprintController {
  constructor(reader) {
    this.reader = reader
  }
  fingerprint() {
    return fingerprint(this.reader.config.get('DB_PASSWORD'))
  }
}
Controller()(FingerprintController)
Inject(Reader)(FingerprintController, undefined, 0)
Get('fingerprint')(FingerprintController.prototype, 'fingerprint', Object.getOwnPropertyDescriptor(FingerprintController.prototype, 'fingerprint'))

/** A scratch project whose .env holds the secret's reference and one plain value, as an app's would. */
function project() {
  const dir = mkdtempSync(join(tmpdir(), 'hush-nest-bench-'))
  writeFileSync(join(dir, 'package.json'), '{"name":"nest-bench-app","private":true}')
  writeFileSync(join(dir, '.env'), `DB_PASSWORD=aws-sm://${SECRET_ID}#password\nPLAIN=${PLAIN}\n`)
  return dir
}

function appModule(dir, store, ttl) {
  class AppModule {}
  Module({
    imports: [
      // LOADED comes through ConfigModule's own config store, as hush's getters do: the peer on the same path.
      ConfigModule.forRoot({ isGlobal: true, envFilePath: join(dir, '.env'), load: [() => ({ LOADED: PLAIN })] }),
      HushModule.forRoot({ isGlobal: true, cwd: dir, ttl, providers: [awsSecretsManager({ region: 'us-east-1', endpoint: store.url, credentials })] }),
    ],
    providers: [Reader],
    controllers: [FingerprintController],
  })(AppModule)
  return AppModule
}

async function hotPath(store, dir, expected) {
  const app = await NestFactory.createApplicationContext(appModule(dir, store, '1h'), { logger: false })
  try {
    const { config, db } = app.get(Reader)
    // The bench measures nothing if the reads do not reach hush: check before timing them.
    if (fingerprint(config.get('DB_PASSWORD')) !== expected || fingerprint(db.value) !== expected || config.get('PLAIN') !== PLAIN)
      throw new Error('ConfigService or the injected SecretHandle did not resolve to the seeded secret')
    const n = 1_000_000
    let sink = 0
    const loop = (read) => () => {
      for (let i = 0; i < n; i++) sink += read().length
    }
    const results = compare(
      [
        { name: "configService.get('PLAIN')", fn: loop(() => config.get('PLAIN')) },
        { name: "configService.get('LOADED')", fn: loop(() => config.get('LOADED')) },
        { name: "configService.get('DB_PASSWORD')", fn: loop(() => config.get('DB_PASSWORD')) },
        { name: 'handle.value (@InjectSecret)', fn: loop(() => db.value) },
      ],
      { rounds: 15, warmup: 3 },
    )
    if (sink === 0) throw new Error('the reads returned nothing')
    // Two peers: a plain .env value (ConfigService finds it in process.env, its slowest path)
    // and a plain value from `load` (found in its own store first, where hush's getters are).
    const plain = results[0].ms
    const loaded = results[1].ms
    console.log(`hot path: one Nest application context, ${n / 1e6}M reads per round, median of 15 interleaved rounds`)
    for (const [i, r] of results.entries()) {
      const ratio = ['(peer: .env value)', '(peer: load() value)'][i] ?? `${fmt(r.ms / plain)}x the .env read's time, ${fmt(r.ms / loaded)}x the load() read's`
      console.log(`  ${r.name.padEnd(34)} ${fmt(n / r.ms / 1e3).padStart(8)} M ops/s   ${ratio}`)
    }
    // The peer is a plain value as apps have them, from .env. Against a load() value
    // the difference is hush's staleness check: one Date.now() per read.
    const loadedRatio = Math.max(...results.slice(2).map((r) => r.ms / loaded))
    console.log(`  against the load() peer: at most ${fmt(loadedRatio)}x (${fmt((results[2].ms - loaded) / (n / 1e6))} ns more per read)`)
    return verdict(
      'secret reads <= 1.5x configService.get of a plain .env value',
      results.slice(2).every((r) => r.ms / plain <= 1.5),
    )
  } finally {
    await app.close()
  }
}

async function rotationPickup(store, dir) {
  const app = await NestFactory.create(appModule(dir, store, '1s'), { logger: false })
  await app.listen(0, '127.0.0.1')
  const url = `${await app.getUrl()}/fingerprint`.replace('[::1]', '127.0.0.1')
  const sm = new SecretsManagerClient({ region: 'us-east-1', endpoint: store.url, credentials })
  let running = true
  let requests = 0
  let failed = 0
  let waiting // { fp, seen } for the rotation in flight
  const client = (async () => {
    while (running) {
      requests++
      try {
        const res = await fetch(url)
        const body = await res.text()
        if (!res.ok) failed++
        else if (waiting && !waiting.seen && body === waiting.fp) waiting.seen = performance.now()
      } catch {
        failed++
      }
      await sleep(5)
    }
  })()
  const rotations = 8
  const pickups = []
  let missed = 0
  try {
    await sleep(1500)
    for (let i = 0; i < rotations; i++) {
      // Puts land at different points of the 1 s TTL, so the pickups sample the whole cycle.
      await sleep(250 + ((i * 377) % 1000))
      const value = newPassword()
      waiting = { fp: fingerprint(value) }
      await sm.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: JSON.stringify({ username: 'app', password: value }) }))
      const put = performance.now()
      const until = put + 10_000
      while (!waiting.seen && performance.now() < until) await sleep(2)
      // A refresh may land between the store's write and its answer reaching the SDK.
      if (waiting.seen) pickups.push(Math.max(0, waiting.seen - put))
      else missed++
    }
  } finally {
    running = false
    await client
    sm.destroy()
    await app.close()
  }
  console.log(`rotation pickup: Nest HTTP app, hush ttl 1 s, @hush/aws against @hush/local-store, a request every ~5 ms`)
  console.log(
    `  ${rotations} PutSecretValue rotations: pickup median ${fmt(median(pickups), 0)} ms, max ${fmt(Math.max(...pickups), 0)} ms, not seen in 10 s: ${missed}`,
  )
  console.log(`  requests ${requests.toLocaleString('en-US')}, failed ${failed}`)
  return verdict('0 failed requests, every rotation picked up', failed === 0 && missed === 0)
}

export async function run() {
  const initial = newPassword()
  const store = await startLocalStore({ seed: { secrets: [{ name: SECRET_ID, value: { username: 'app', password: initial } }] } })
  const dirs = []
  try {
    dirs.push(project())
    const hot = await hotPath(store, dirs[0], fingerprint(initial))
    console.log('')
    dirs.push(project())
    const pickup = await rotationPickup(store, dirs[1])
    return hot && pickup
  } finally {
    await store.close()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
