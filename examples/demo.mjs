// `pnpm demo`: the end-to-end story of hush on what exists so far, in plain words.
// Runs the dotenv example app as a real child process, with secrets kept in stand-in stores
// (environment variables) so no cloud account is needed.
import { spawn, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { crc32 } from 'node:zlib'

// The AWS SDK warns that it will want Node 22 from 2027; that is not what this demo is about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const here = dirname(fileURLToPath(import.meta.url))
const app = join(here, 'node-dotenv')
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const step = (n, s) => console.log(`\n${bold(`${n}. ${s}`)}`)
// Everything the demo prints, so the end can check that no secret value of the run is in it.
let printedText = ''
const print = console.log
console.log = (...args) => {
  printedText += `${args.join(' ')}\n`
  print(...args)
}
const indent = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `   | ${l}`)
    .join('\n')

// Fresh random secrets each run: the demo proves they never show up in what is printed.
const password = `pw-${randomBytes(12).toString('base64url')}`
const token = `sk_test_${randomBytes(18).toString('hex')}`
const env = {
  ...process.env,
  DEMO_DB_PASSWORD: password,
  DEMO_VAULT: JSON.stringify({ stripe: token }),
  HUSH_ENV: 'development',
  NODE_ENV: '',
}

// The HushError text from a failed run's output, without the stack.
const errorText = (out) => {
  const lines = out.split('\n')
  const start = lines.findIndex((l) => l.includes('[HUSH_'))
  if (start === -1) return out.trim()
  const block = [lines[start].slice(lines[start].indexOf('[HUSH_'))]
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('  - ')) break
    block.push(l)
  }
  return block.join('\n').replace(/\] \{$/, '')
}

const run = (args, extra = {}) => {
  const r = spawnSync(process.execPath, args, { cwd: app, env: { ...env, ...extra }, encoding: 'utf8' })
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? '') }
}

console.log(bold('hush demo: secrets resolved by reference, masked in logs, kept to their environment'))

step(1, 'The app reads its settings with dotenv; its .env now holds references, not secret values')
console.log(indent(readFileSync(join(app, '.env'), 'utf8')))
console.log('   The only code change was one import: dotenv/config became @hush/dotenv/config.')
console.log('   hush.config.json declares DB_PASSWORD: env://DEMO_DB_PASSWORD in development, AWS Secrets Manager in production.')

step(2, 'Run the app (ESM, `node src/index.js`): references resolve before the app code runs')
const esm = run(['src/index.js'])
console.log(indent(esm.out))
const leaked = esm.out.includes(password) || esm.out.includes(token)
console.log(`   The app connected with the real password (${password.length} characters), and its careless`)
console.log(
  `   debug lines printed ${leaked ? 'THE SECRET (this is a bug)' : '[redacted:...] instead of the values'}: the log guard masked console.log and stdout.write.`,
)

step(3, 'The same from CommonJS (`node -r @hush/dotenv/config`): resolved synchronously, before require returns')
const cjs = run(['-r', '@hush/dotenv/config', 'src/report.cjs'])
console.log(indent(cjs.out))

step(4, 'Run it as production on a laptop: the production store is refused, nothing leaks across')
const prod = run(['src/index.js'], { HUSH_ENV: 'production' })
console.log(indent(errorText(prod.out)))
// Say only what the output above shows.
const isolated = prod.out.includes('PAYMENT_TOKEN: [HUSH_ENV_ISOLATION]')
const noRegion = prod.out.includes('DB_PASSWORD: [HUSH_BAD_CONFIG]') && prod.out.includes('no AWS region is set')
console.log(`   Exit code ${prod.code}, before any app code ran.${isolated ? ' Production may read only aws-sm:// (environments.production.allow),' : ''}`)
if (isolated) console.log("   so PAYMENT_TOKEN's env:// reference is refused rather than read from this laptop's environment.")
if (noRegion) console.log('   DB_PASSWORD comes from aws-sm:// in production, and this laptop has no AWS region set, so hush says what to set.')
if (prod.out.includes('DB_PASSWORD: [HUSH_NO_PROVIDER]'))
  console.log('   DB_PASSWORD comes from aws-sm:// in production, and this example does not install @hush/aws, so hush says what to install.')

step(5, 'A typo in a reference fails early, naming the file and line')
const scratch = mkdtempSync(join(tmpdir(), 'hush-demo-'))
writeFileSync(join(scratch, '.env'), '# a typo: a space inside the variable name\nAPI_TOKEN=env://DEMO VAULT\n')
const dotenvEntry = createRequire(join(app, 'package.json')).resolve('@hush/dotenv')
const bad = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(dotenvEntry)}).config({ quiet: true })`], { cwd: scratch, env, encoding: 'utf8' })
const badOut = errorText(bad.stdout + bad.stderr)
console.log(indent(badOut))
rmSync(scratch, { recursive: true, force: true })

// --- AWS Secrets Manager, locally: the same app code reads production secrets and survives rotation.
const awsApp = join(here, 'aws-rotation')
const requireAws = createRequire(join(awsApp, 'package.json'))
const { startLocalStore } = await import(pathToFileURL(requireAws.resolve('@hush/local-store')).href)
const { SecretsManagerClient, GetSecretValueCommand, RotateSecretCommand } = await import(
  pathToFileURL(requireAws.resolve('@aws-sdk/client-secrets-manager')).href
)

step(6, 'Start @hush/local-store: a local AWS Secrets Manager and Parameter Store on one port, seeded from examples/aws-rotation/local-store.seed.yaml')
const store = await startLocalStore({ seed: join(awsApp, 'local-store.seed.yaml'), rotationDelayMs: 200 })
console.log(`   Listening on ${store.url}; the real AWS SDK talks to it through AWS_ENDPOINT_URL_SECRETS_MANAGER and AWS_ENDPOINT_URL_SSM.`)
console.log("   The app's .env names a secret in each store:")
console.log(indent(readFileSync(join(awsApp, '.env'), 'utf8')))

step(7, 'Start a long-running service as production: aws-sm:// and aws-ssm:// references resolve at start, one batched call per store')
const service = spawn(process.execPath, ['src/app.js'], {
  cwd: awsApp,
  env: {
    PATH: process.env.PATH,
    HUSH_ENV: 'production',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
    AWS_ENDPOINT_URL_SSM: store.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  },
})
let serviceOut = ''
const printed = new Set()
const waitFor = (re, ms = 20_000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not print ${re}:\n${serviceOut}`)), ms)
    const check = () => {
      for (const line of serviceOut.split('\n')) {
        if (line && !printed.has(line) && re.test(line)) {
          clearTimeout(timer)
          return resolve(line)
        }
      }
      setTimeout(check, 25)
    }
    check()
  })
const show = (line) => {
  printed.add(line)
  console.log(indent(line))
}
service.stdout.on('data', (d) => (serviceOut += d))
service.stderr.on('data', (d) => (serviceOut += d))
let awsOk = false
try {
  show(await waitFor(/started/))
  const atStart = store.stats().requests
  console.log(`   The store counted ${JSON.stringify(atStart)}: both Secrets Manager secrets in one BatchGetSecretValue,`)
  console.log('   the Parameter Store SecureString in one GetParameters (WithDecryption).')

  step(8, 'Rotate the database password in the store (as `aws secretsmanager rotate-secret` would), app still running')
  const ops = new SecretsManagerClient({ region: 'us-east-1', endpoint: store.url, credentials: { accessKeyId: 'ops', secretAccessKey: 'ops' } })
  await ops.send(new RotateSecretCommand({ SecretId: 'prod/orders/db' }))
  console.log('   RotateSecret sent: a new version is staged AWSPENDING, then promoted to AWSCURRENT.')
  show(await waitFor(/rotated/))
  show(await waitFor(/careless log/))
  const after = store.stats().requests
  console.log(`   The store counted ${JSON.stringify(after)}: while nothing changed, hush only asked DescribeSecret`)
  console.log('   and DescribeParameters which version is current (cheap checks, no value), and fetched the value again once it moved.')
  awsOk =
    !serviceOut.includes('initial-demo-password-0001') &&
    !serviceOut.includes('initial-demo-session-secret-0001') &&
    serviceOut.includes('[redacted:DB_PASSWORD]') &&
    atStart.GetParameters === 1
} catch (error) {
  console.log(`   ${error.message}`)
} finally {
  service.stdin.end()
  await new Promise((resolve) => service.once('exit', resolve))
  await store.close()
}

// --- NestJS: a Nest API on the same kind of store, reading secrets through ConfigService and @InjectSecret.
const nestApp = join(here, 'nest-api')
const fingerprintOf = (value) => createHash('sha256').update(value).digest('hex').slice(0, 12)
const nestDb = `pw-${randomBytes(16).toString('base64url')}`
const nestKey = `pk_live_${randomBytes(16).toString('hex')}`
const nestValues = [nestDb, nestKey]

step(9, 'Start a local store with fresh random values, and the Nest API of examples/nest-api against it')
const nestDir = mkdtempSync(join(tmpdir(), 'hush-demo-nest-'))
writeFileSync(
  join(nestDir, 'seed.json'),
  JSON.stringify({
    secrets: [
      { name: 'prod/nest-api/db', value: { username: 'nest_api', password: nestDb }, rotation: { key: 'password', length: 32 } },
      { name: 'prod/nest-api/partner-key', value: nestKey },
    ],
  }),
)
const nestStore = await startLocalStore({ seed: join(nestDir, 'seed.json'), rotationDelayMs: 200 })
console.log(`   The store listens on ${nestStore.url}. The API is a plain Nest app: ConfigModule.forRoot() and`)
console.log('   HushModule.forRoot({ redactLogs: true }) side by side, and this .env:')
console.log(indent(readFileSync(join(nestApp, '.env'), 'utf8')))
const api = spawn(process.execPath, ['dist/main.js'], {
  cwd: nestApp,
  env: {
    PATH: process.env.PATH,
    NO_COLOR: '1',
    PORT: '0',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: nestStore.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  },
})
let apiOut = ''
api.stdout.on('data', (d) => (apiOut += d))
api.stderr.on('data', (d) => (apiOut += d))
// A Nest log line without its "[Nest] pid - date, time LOG" prefix.
const nestLine = (re) =>
  apiOut
    .split('\n')
    .find((l) => re.test(l))
    ?.replace(/^\[Nest\] \d+\s+-\s+.+?\s+(LOG|WARN|ERROR)\s+/, '')
const until = async (what, check, ms = 20_000) => {
  const end = Date.now() + ms
  for (;;) {
    const result = await check()
    if (result !== undefined) return result
    if (Date.now() > end) throw new Error(`${what}: not seen in ${ms / 1000} s`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
const getJson = async (url) => {
  const response = await fetch(url)
  return { status: response.status, body: await response.json() }
}
let nestOk = false
try {
  const url = await until('the API listening', async () => /listening on (http:\/\/\S+)/.exec(apiOut)?.[1])
  console.log(indent([nestLine(/pool 1: connecting/), nestLine(/listening on/)].join('\n')))
  console.log('   The (pretend) database pool prints its connection string, as drivers do; redactLogs masked the password in it.')

  step(10, 'Call it: GET / answers with fingerprints (a short sha256) of the secrets in use, never the values')
  const first = (await getJson(`${url}/`)).body
  console.log(indent(JSON.stringify(first, null, 2)))
  const firstOk =
    first.db.fingerprint === fingerprintOf(nestDb) && first.apiKey.client === fingerprintOf(nestKey) && first.apiKey.controller === first.apiKey.client
  console.log(
    `   db: the pool connected with configService.get('DB_PASSWORD'), the value in the store${first.db.fingerprint === fingerprintOf(nestDb) ? '' : ' (NOT, bug)'}.`,
  )
  console.log("   apiKey: the same key through @InjectSecret('API_KEY') on a constructor parameter (client) and on a property (controller).")

  step(11, 'Rotate DB_PASSWORD in the store (as `aws secretsmanager rotate-secret` would), API still running, then call again')
  const nestOps = new SecretsManagerClient({ region: 'us-east-1', endpoint: nestStore.url, credentials: { accessKeyId: 'ops', secretAccessKey: 'ops' } })
  await nestOps.send(new RotateSecretCommand({ SecretId: 'prod/nest-api/db' }))
  const second = await until('the API on the new password', async () => {
    const { body } = await getJson(`${url}/`)
    return body.db.fingerprint !== first.db.fingerprint ? body : undefined
  })
  // Read back only to check the fingerprint and search the output for it; never printed.
  const rotated = JSON.parse((await nestOps.send(new GetSecretValueCommand({ SecretId: 'prod/nest-api/db' }))).SecretString).password
  nestValues.push(rotated)
  console.log(indent(await until('the API logging the rotation', async () => nestLine(/DB_PASSWORD rotated/))))
  console.log(indent(JSON.stringify(second, null, 2)))
  const secondOk = second.pid === first.pid && second.db.pool === first.db.pool + 1 && second.db.fingerprint === fingerprintOf(rotated)
  console.log(
    `   Same process (pid ${second.pid}${second.pid === first.pid ? '' : ', NOT the same: bug'}): hush's background refresh found the new version, an onRotate`,
  )
  console.log(`   handler recycled the pool (${first.db.pool} to ${second.db.pool}) with the new password from ConfigService. No restart, no redeploy.`)

  step(12, 'GET /health (@nestjs/terminus with HushHealthIndicator), then cut the store off and ask again')
  const healthy = (await getJson(`${url}/health`)).body
  console.log(indent(JSON.stringify(healthy.details)))
  await fetch(`${nestStore.url}/_hush/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"outage": true}' })
  console.log('   The store now drops every connection (its fault injection: {"outage": true}).')
  const degraded = await until('/health reporting the outage', async () => {
    const { status, body } = await getJson(`${url}/health`)
    return body.status === 'degraded' ? { status, body } : undefined
  })
  console.log(indent(JSON.stringify(degraded.body.details)))
  const during = (await getJson(`${url}/`)).body
  console.log(`   HTTP ${degraded.status}, status "degraded": the store is down since ${degraded.body.details.secrets.stores['aws-sm'].since}, and hush serves`)
  console.log(`   the last good values for the stale window (5m in hush.config.json): GET / still answers, pool ${during.db.pool}, same fingerprints.`)
  nestOk =
    firstOk &&
    secondOk &&
    healthy.status === 'ok' &&
    degraded.status === 200 &&
    during.db.fingerprint === second.db.fingerprint &&
    apiOut.includes('[redacted:DB_PASSWORD]')
} catch (error) {
  console.log(`   ${error.message}`)
} finally {
  step(13, 'Stop the API and the store')
  api.kill('SIGTERM')
  const [code, signal] = await new Promise((resolve) => api.once('exit', (...args) => resolve(args)))
  await nestStore.close()
  rmSync(nestDir, { recursive: true, force: true })
  console.log(`   The API stopped on ${signal ?? `exit code ${code}`}: Nest's shutdown hooks closed hush, which dropped every value from memory.`)
}
nestOk &&= !nestValues.some((v) => apiOut.includes(v))

// --- Bundles: public values in, server secrets out, and a leak stops the build.
step(14, 'Build the Vite example with @hush/bundler: public values are inlined, the server secret is not')
const viteApp = join(here, 'vite-app')
const viteBin = join(viteApp, 'node_modules', 'vite', 'bin', 'vite.js')
const bundleEnv = { PATH: process.env.PATH, DEMO_DB_PASSWORD: password, DEMO_ANALYTICS_ID: 'UA-demo-1234', DEMO_STRIPE_PK: 'pk_test_demo_5678' }
const viteOut = mkdtempSync(join(tmpdir(), 'hush-demo-vite-'))
const built = spawnSync(process.execPath, [viteBin, 'build', '--outDir', viteOut, '--emptyOutDir', '--logLevel', 'warn'], {
  cwd: viteApp,
  env: bundleEnv,
  encoding: 'utf8',
})
const bundleText = readdirSync(viteOut, { recursive: true })
  .filter((f) => /\.(js|html|map)$/.test(f))
  .map((f) => readFileSync(join(viteOut, f), 'utf8'))
  .join('\n')
const bundleOk = built.status === 0 && bundleText.includes('UA-demo-1234') && bundleText.includes('pk_test_demo_5678') && !bundleText.includes(password)
console.log(`   vite build ${built.status === 0 ? 'succeeded' : 'FAILED'}: VITE_API_URL, PUBLIC_ANALYTICS_ID (an env:// reference) and`)
console.log(
  `   STRIPE_PUBLISHABLE_KEY (public: true in hush.config) are in the bundle; DB_PASSWORD is ${bundleText.includes(password) ? 'IN IT (bug)' : 'not'}.`,
)

step(15, 'Plant a leak the name check cannot see (a JSON file with the password) and build again')
const leakyApp = mkdtempSync(join(tmpdir(), 'hush-demo-leak-'))
cpSync(viteApp, leakyApp, { recursive: true, filter: (src) => !src.includes('node_modules') })
symlinkSync(join(viteApp, 'node_modules'), join(leakyApp, 'node_modules'), 'dir')
writeFileSync(join(leakyApp, 'src', 'settings.json'), JSON.stringify({ db: { host: 'db.internal', password } }, null, 2))
writeFileSync(
  join(leakyApp, 'src', 'main.js'),
  readFileSync(join(viteApp, 'src', 'main.js'), 'utf8') + "\nimport serverSettings from './settings.json'\nconsole.debug('db host', serverSettings.db)\n",
)
console.log(indent("// src/main.js, added:\nimport serverSettings from './settings.json'\nconsole.debug('db host', serverSettings.db)"))
const leaky = spawnSync(process.execPath, [viteBin, 'build', '--outDir', join(leakyApp, 'dist'), '--logLevel', 'error'], {
  cwd: leakyApp,
  env: bundleEnv,
  encoding: 'utf8',
})
const leakLine = (leaky.stdout + leaky.stderr).split('\n').find((l) => l.includes('[HUSH_LEAK]')) ?? '(no HUSH_LEAK line)'
console.log(indent(leakLine.replace(/^.*?(\[hush\])/, '$1').slice(0, 400)))
const leakOk = leaky.status !== 0 && /DB_PASSWORD in assets\/[\w.-]+\.js:\d+:\d+/.test(leakLine) && !(leaky.stdout + leaky.stderr).includes(password)
console.log(`   The build ${leaky.status !== 0 ? 'failed' : 'did NOT fail'}, naming the secret and the asset, line and column, never the value.`)
rmSync(viteOut, { recursive: true, force: true })
rmSync(leakyApp, { recursive: true, force: true })

// --- The hush command line: adopt an existing project, then run a script with its secrets, masked.
step(16, 'Adopt hush in an existing project: `hush init` plans by names only, `--store local --write` moves the values out of .env')
const cliDir = join(here, '..', 'packages', 'cli')
const hushBin = join(cliDir, 'dist', 'bin.mjs')
const adopt = mkdtempSync(join(tmpdir(), 'hush-demo-adopt-'))
// The CLI's node_modules holds @hush/aws and @hush/local-store, as `pnpm add -D @hush/cli @hush/aws` would.
symlinkSync(join(cliDir, 'node_modules'), join(adopt, 'node_modules'), 'dir')
const adoptValues = {
  DB_PASSWORD: `Qv${randomBytes(9).toString('base64url')}#4!`,
  STRIPE_SECRET_KEY: `sk_live_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`,
}
writeFileSync(
  join(adopt, '.env'),
  `# shop api\nPORT=3000\nDB_HOST=localhost\nDB_PASSWORD="${adoptValues.DB_PASSWORD}"\nSTRIPE_SECRET_KEY=${adoptValues.STRIPE_SECRET_KEY}\nVITE_APP_NAME=shop\n`,
)
const cliEnv = { PATH: process.env.PATH, HOME: adopt, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
const hushCli = (args, extra = {}) => spawnSync(process.execPath, [hushBin, ...args], { cwd: adopt, env: { ...cliEnv, ...extra }, encoding: 'utf8' })
const initPlan = hushCli(['init'])
console.log(indent(`$ hush init\n${initPlan.stdout}${initPlan.stderr}`))
const initWrite = hushCli(['init', '--store', 'local', '--write'])
const initOut = initWrite.stdout + initWrite.stderr
console.log(indent(`$ hush init --store local --write\n${initOut.split('\nNext steps:')[0]}`))
const envAfter = readFileSync(join(adopt, '.env'), 'utf8')
console.log('   .env afterwards (the values are in .hush/local-store.seed.json, mode 0600, gitignored):')
console.log(indent(envAfter))
const initOk =
  initPlan.status === 0 && initWrite.status === 0 && envAfter.includes('DB_PASSWORD=aws-sm://') && !Object.values(adoptValues).some((v) => envAfter.includes(v))

step(
  17,
  'Run a script through `hush run`: the secrets are in its environment, and their values (plain, base64, in a URL, in JSON) are masked in what it prints',
)
const adoptStore = await startLocalStore({ seed: join(adopt, '.hush', 'local-store.seed.json') })
writeFileSync(
  join(adopt, 'report.js'),
  `const { DB_PASSWORD, STRIPE_SECRET_KEY } = process.env
console.log('connecting to postgres://shop:' + encodeURIComponent(DB_PASSWORD) + '@localhost/shop')
console.log('stripe key as base64:', Buffer.from(STRIPE_SECRET_KEY).toString('base64'))
console.error('debug', JSON.stringify({ stripe: { key: STRIPE_SECRET_KEY }, port: process.env.PORT ?? 'not given: only secrets are injected' }))
`,
)
const storeEnv = {
  AWS_ENDPOINT_URL_SECRETS_MANAGER: adoptStore.url,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
}
// Not spawnSync: the store answers from this process, whose event loop must keep running.
const hushRun = await new Promise((resolve) => {
  const child = spawn(process.execPath, [hushBin, 'run', '--', 'node', 'report.js'], { cwd: adopt, env: { ...cliEnv, ...storeEnv } })
  // Both streams in the order they arrived, as a terminal shows them.
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  child.on('close', (status) => resolve({ status, out }))
})
const runOut = hushRun.out
console.log(indent(`$ hush run -- node report.js\n${runOut}`))
const runOk =
  hushRun.status === 0 &&
  runOut.includes('injected 2 secrets for development (2 from aws-sm)') &&
  (runOut.match(/\[redacted:(DB_PASSWORD|STRIPE_SECRET_KEY)\]/g) ?? []).length >= 3 &&
  !Object.values(adoptValues).some((v) => runOut.includes(v) || runOut.includes(Buffer.from(v).toString('base64')))
console.log(
  `   Exit code ${hushRun.status}, passed on from the script; hush's own line went to stderr. On a terminal the script runs in a pseudo-terminal, so colours and prompts keep working.`,
)
await adoptStore.close()
rmSync(adopt, { recursive: true, force: true })

// --- Lint: the same secrets caught before they are even committed.
step(18, 'Commit code with a pasted token and a logged password: the pre-commit hook (ESLint + @hush/eslint-plugin) refuses it')
const lintApp = join(here, 'lint')
const repo = mkdtempSync(join(tmpdir(), 'hush-demo-repo-'))
for (const entry of ['package.json', 'eslint.config.js', 'hush.config.json', '.husky', 'src'])
  cpSync(join(lintApp, entry), join(repo, entry), { recursive: true })
symlinkSync(join(lintApp, 'node_modules'), join(repo, 'node_modules'), 'dir')
writeFileSync(join(repo, '.gitignore'), 'node_modules\n')
const gitEnv = {
  PATH: process.env.PATH,
  HOME: repo,
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
}
const git = (...args) => spawnSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' })
git('init', '-q', '-b', 'main')
spawnSync(process.execPath, [join(repo, 'node_modules', 'husky', 'bin.js')], { cwd: repo, env: gitEnv })
git('add', '.')
git('commit', '-q', '-m', 'initial')
// A fake in GitHub's shape, with the CRC-32 of its random part in six base62 digits at the end.
const random = randomBytes(27)
  .toString('base64')
  .replace(/[^A-Za-z0-9]/g, 'x')
  .slice(0, 30)
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
let checksum = ''
for (let n = crc32(random); n > 0; n = Math.floor(n / 62)) checksum = BASE62[n % 62] + checksum
const pasted = `ghp_${random}${checksum.padStart(6, '0')}`
writeFileSync(
  join(repo, 'src', 'server', 'github.js'),
  `export const github = { auth: '${pasted}' }\nexport function connect() {\n  console.log('db password is', process.env.DB_PASSWORD)\n}\n`,
)
console.log(
  indent(
    `// src/server/github.js, staged:\nexport const github = { auth: 'ghp_…' }\nexport function connect() {\n  console.log('db password is', process.env.DB_PASSWORD)\n}`,
  ),
)
git('add', 'src/server/github.js')
const commit = git('commit', '-m', 'add github client')
const lintOut = commit.stdout + commit.stderr
const findings = lintOut.split('\n').filter((l) => /^\s+\d+:\d+\s+error/.test(l))
console.log(indent(findings.map((l) => l.trim().replace(/\s{2,}/g, '  ')).join('\n') || '(no findings)'))
const lintOk =
  commit.status !== 0 &&
  findings.length === 2 &&
  lintOut.includes('hush/no-hardcoded-secrets') &&
  lintOut.includes('hush/no-secret-logging') &&
  !lintOut.includes(pasted)
console.log(`   The commit was ${commit.status !== 0 ? 'refused' : 'ACCEPTED (bug)'}; the same lint runs in CI (examples/lint/.github/workflows/lint.yml).`)

// Files ESLint does not read: the hook's `hush scan --staged` reads what the commit would hold.
git('rm', '-q', '--cached', 'src/server/github.js')
const dbSecret = `Zr${randomBytes(10).toString('base64url')}%9`
const yamlToken = `ghp_${random.split('').reverse().join('')}`
let yamlSum = ''
for (let n = crc32(yamlToken.slice(4)); n > 0; n = Math.floor(n / 62)) yamlSum = BASE62[n % 62] + yamlSum
const deployToken = yamlToken + yamlSum.padStart(6, '0')
writeFileSync(join(repo, '.env.production'), `PORT=8080\nDB_PASSWORD=${dbSecret}\n`)
writeFileSync(join(repo, 'deploy.yml'), `steps:\n  - name: publish\n    env:\n      GITHUB_TOKEN: ${deployToken}\n`)
console.log(indent('# staged: .env.production with a plain DB_PASSWORD, deploy.yml with a GitHub token'))
git('add', '.env.production', 'deploy.yml')
const scanCommit = git('commit', '-m', 'deploy config')
const scanOut = scanCommit.stdout + scanCommit.stderr
const scanLines = scanOut.split('\n').filter((l) => /^\S+:\d+:\d+ {2}hush\//.test(l) || /^ {2}fix: /.test(l))
console.log(indent(scanLines.join('\n') || '(no findings)'))
const scanOk =
  scanCommit.status !== 0 &&
  scanOut.includes('.env.production:2:') &&
  scanOut.includes('deploy.yml:4:') &&
  ![dbSecret, deployToken].some((v) => scanOut.includes(v))
console.log(
  `   The commit was ${scanCommit.status !== 0 ? 'refused' : 'ACCEPTED (bug)'} by \`hush scan --staged\` (masked previews, never the values); CI runs \`hush scan --format sarif\` for GitHub code scanning.`,
)
rmSync(repo, { recursive: true, force: true })

step(
  19,
  '`hush doctor` on examples/governance against a local store seeded with secrets of different ages: every secret resolved, aged and checked, values never printed',
)
const govern = mkdtempSync(join(tmpdir(), 'hush-demo-governance-'))
cpSync(join(here, 'governance'), govern, { recursive: true })
symlinkSync(join(cliDir, 'node_modules'), join(govern, 'node_modules'), 'dir')
const governStore = await startLocalStore({ seed: join(govern, 'local-store.seed.yaml') })
const governValues = ['governance-demo-db-pw', 'sk_test_governance_demo_key_0001', 'governance-demo-session-signing-value', 'governance-demo-partner-key']
const governEnv = {
  AWS_ENDPOINT_URL_SECRETS_MANAGER: governStore.url,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  HUSH_ENV: 'development',
}
// Asynchronous: the store runs in this process, and spawnSync would stop it from answering.
const governCli = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [hushBin, ...args], { cwd: govern, env: { ...cliEnv, ...governEnv } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b) => (stdout += b))
    child.stderr.on('data', (b) => (stderr += b))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
const doctorRun = await governCli(['doctor'])
console.log(indent(`$ hush doctor\n${doctorRun.stdout}`))
const doctorJson = JSON.parse((await governCli(['doctor', '--json'])).stdout)
const found = doctorJson.problems.map((p) => `${p.check} ${p.name}`).sort()
const doctorOk = doctorRun.status === 1 && found.join(',') === 'no-owner SESSION_SECRET,rotation-overdue STRIPE_KEY'
console.log(`   Exit code ${doctorRun.status}: CI fails on errors (\`hush check --format sarif\` for code scanning); warnings and info do not fail it.`)

step(20, '`hush inventory`: every secret with owner, purpose, sources, rotation dates and expiry; `--check` keeps the committed SECRETS.md honest')
const inventoryRun = await governCli(['inventory'])
console.log(indent(`$ hush inventory\n${inventoryRun.stdout}`))
const checkRun = await governCli(['inventory', '--check'])
console.log(indent(`$ hush inventory --check\n${checkRun.stderr}`))
const governConfig = JSON.parse(readFileSync(join(govern, 'hush.config.json'), 'utf8'))
governConfig.secrets.SESSION_SECRET.owner = 'team-web'
writeFileSync(join(govern, 'hush.config.json'), JSON.stringify(governConfig, null, 2))
const staleRun = await governCli(['inventory', '--check'])
console.log(indent(`# after giving SESSION_SECRET an owner in hush.config:\n$ hush inventory --check\n${staleRun.stderr}`))
const inventoryOk =
  inventoryRun.status === 0 &&
  ['DB_PASSWORD', 'STRIPE_KEY', 'SESSION_SECRET', 'PARTNER_API_KEY', 'PUBLIC_ANALYTICS_ID'].every((n) => inventoryRun.stdout.includes(n)) &&
  checkRun.status === 0 &&
  staleRun.status === 1 &&
  staleRun.stderr.includes('SESSION_SECRET: Owner changed')
const governOut = doctorRun.stdout + doctorRun.stderr + inventoryRun.stdout + inventoryRun.stderr + checkRun.stderr + staleRun.stderr
const governLeak = governValues.some((v) => governOut.includes(v))
await governStore.close()
rmSync(govern, { recursive: true, force: true })

step(
  21,
  'A rotation drill for CI: `hush drill rotation -- node dist/main.js` runs the Nest API against a local store, rotates DB_PASSWORD under traffic and reports',
)
const drillDir = mkdtempSync(join(tmpdir(), 'hush-demo-drill-'))
const drillDb = `pw-${randomBytes(16).toString('base64url')}`
const drillKey = `pk_live_${randomBytes(16).toString('hex')}`
writeFileSync(
  join(drillDir, 'seed.json'),
  JSON.stringify({
    secrets: [
      { name: 'prod/nest-api/db', value: { username: 'nest_api', password: drillDb }, rotation: { key: 'password', length: 32 } },
      { name: 'prod/nest-api/partner-key', value: drillKey },
    ],
  }),
)
const drilled = spawnSync(
  process.execPath,
  [hushBin, 'drill', 'rotation', '--seed', join(drillDir, 'seed.json'), '--duration', '8s', '--', process.execPath, 'dist/main.js'],
  {
    cwd: nestApp,
    env: { PATH: process.env.PATH, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
    timeout: 60_000,
  },
)
console.log(indent(drilled.stdout))
const drillOk =
  drilled.status === 0 &&
  /^ {2}requests: \d+ sent, 0 failed /m.test(drilled.stdout) &&
  /^ {2}pickup: the app used the new value /m.test(drilled.stdout) &&
  drilled.stdout.endsWith('\nPASS\n') &&
  ![drillDb, drillKey].some((v) => (drilled.stdout + drilled.stderr).includes(v))
console.log(`   Exit code ${drilled.status}: CI fails the build on FAIL. \`hush drill outage\`, \`throttling\` and \`latency\` break the store the same way.`)
rmSync(drillDir, { recursive: true, force: true })

const ok =
  scanOk &&
  doctorOk &&
  inventoryOk &&
  !governLeak &&
  drillOk &&
  initOk &&
  runOk &&
  lintOk &&
  bundleOk &&
  leakOk &&
  awsOk &&
  nestOk &&
  esm.code === 0 &&
  cjs.code === 0 &&
  prod.code !== 0 &&
  bad.status !== 0 &&
  badOut.includes('.env:2') &&
  !leaked &&
  !(cjs.out + prod.out + bad.stdout + bad.stderr).includes(password) &&
  ![password, token, pasted, ...nestValues, ...Object.values(adoptValues), dbSecret, deployToken, ...governValues, drillDb, drillKey].some((v) =>
    printedText.includes(v),
  )
console.log(`\n${bold(ok ? 'Demo finished: every step behaved as described, and no secret value was printed.' : 'Demo found a problem: see the steps above.')}`)
process.exit(ok ? 0 : 1)
