// A labelled corpus of small JS/TS files: true secrets in many syntaxes and formats, tricky
// look-alikes that are not secrets, and logging that does or does not print a secret. Each
// snippet says which of its lines a rule should report; everything else should stay quiet.
import { rng, values } from './values.mjs'

const H = 'hardcoded'
const L = 'logging'
const C = 'client'
const at = (rule, line = 0) => ({ rule, line })

/** Positive snippets for no-hardcoded-secrets: (values, rng) => { lines, labels }. */
const HARDCODED = [
  (v) => ({ lines: [`const githubToken = '${v.github()}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const octokit = new Octokit({ auth: '${v.github()}' })`], labels: [at(H)] }),
  (v) => ({ lines: [`const stripe = new Stripe('${v.stripe()}', { apiVersion: '2024-06-20' })`], labels: [at(H)] }),
  (v) => ({
    lines: [
      'const s3 = new S3Client({',
      `  region: 'eu-west-1',`,
      `  credentials: { accessKeyId: '${v.awsKeyId()}', secretAccessKey: '${v.awsSecret()}' },`,
      '})',
    ],
    labels: [at(H, 2)],
  }),
  (v) => ({ lines: [`export const AWS_SECRET_ACCESS_KEY = '${v.awsSecret()}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const slack = new WebClient('${v.slack()}')`], labels: [at(H)] }),
  (v) => ({ lines: [`const webhookUrl = '${v.slackWebhook()}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const endpointSecret = '${v.stripeWebhook()}'`], labels: [at(H)] }),
  (v) => ({ lines: ['const maps = new Loader({', `  apiKey: '${v.google()}',`, `  version: 'weekly',`, '})'], labels: [at(H, 1)] }),
  (v) => ({
    lines: ['const oauth = {', `  clientId: '${v.hex(12)}.apps.googleusercontent.com',`, `  clientSecret: '${v.googleOauth()}',`, '}'],
    labels: [at(H, 2)],
  }),
  (v) => ({ lines: [`//registry.npmjs.org/:_authToken=${v.npm()}`], labels: [at(H)] }),
  (v) => ({ lines: [`const openai = new OpenAI({ apiKey: '${v.openai()}' })`], labels: [at(H)] }),
  (v) => ({ lines: [`const anthropic = new Anthropic({ apiKey: "${v.anthropic()}" })`], labels: [at(H)] }),
  (v) => ({ lines: [`const twilioKey = '${v.twilioKey()}'`], labels: [at(H)] }),
  (v) => ({ lines: [`sgMail.setApiKey('${v.sendgrid()}')`], labels: [at(H)] }),
  (v) => ({ lines: [`const mg = mailgun.client({ username: 'api', key: '${v.mailgun()}' })`], labels: [at(H)] }),
  (v) => ({ lines: [`const adminJwt = '${v.jwt()}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const privateKey = \`${v.privateKeyPem()}\``], labels: [at(H)] }),
  (v) => ({ lines: [`const signingKey = '${v.privateKeyPem('').replace(/\n/g, '\\n')}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const dbPassword = '${v.humanPassword()}'`], labels: [at(H)] }),
  (v) => ({
    lines: ['export default {', '  db: {', `    host: '${v.host()}',`, `    user: 'app',`, `    password: '${v.humanPassword()}',`, '  },', '}'],
    labels: [at(H, 4)],
  }),
  (v) => ({ lines: ['class PaymentsClient {', `  private readonly apiSecret = '${v.randomToken()}'`, '}'], labels: [at(H, 1)] }),
  (v) => ({ lines: ['class Mailer {', `  static password = '${v.humanPassword()}'`, '}'], labels: [at(H, 1)] }),
  (v) => ({ lines: [`export function connect(host, password = '${v.humanPassword()}') {`, '  return open(host, password)', '}'], labels: [at(H)] }),
  (v) => ({ lines: [`const login = async ({ user = 'admin', token = '${v.randomToken()}' } = {}) => api.login(user, token)`], labels: [at(H)] }),
  (v) => ({ lines: [`const password = process.env.DB_PASSWORD ?? '${v.humanPassword()}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const apiKey = process.env.PAYMENTS_API_KEY || '${v.randomToken()}'`], labels: [at(H)] }),
  (v) => ({ lines: ['const res = await fetch(url, {', `  headers: { Authorization: 'Bearer ${v.randomToken(32)}' },`, '})'], labels: [at(H, 1)] }),
  (v) => ({ lines: ['const res = await fetch(url, {', `  headers: { Authorization: \`Bearer ${v.jwt()}\` },`, '})'], labels: [at(H, 1)] }),
  (v) => ({ lines: [`axios.defaults.headers.common['Authorization'] = 'Token ${v.hex(40)}'`], labels: [at(H)] }),
  (v) => ({ lines: ['const headers = {', `  'X-Api-Key': '${v.randomToken()}',`, `  'Content-Type': 'application/json',`, '}'], labels: [at(H, 1)] }),
  (v) => ({ lines: [`req.setHeader('x-api-key', '${v.randomToken()}')`], labels: [at(H)] }),
  (v) => ({ lines: [`headers.set('Authorization', 'Basic ${Buffer.from(`admin:${v.humanPassword()}`).toString('base64')}')`], labels: [at(H)] }),
  (v) => ({ lines: [`const databaseUrl = 'postgres://app:${v.humanPassword().replace(/[@#?/]/g, '')}@${v.host()}:5432/app'`], labels: [at(H)] }),
  (v) => ({ lines: [`mongoose.connect('mongodb+srv://root:${v.randomToken(16)}@cluster0.${v.word()}.mongodb.net/app')`], labels: [at(H)] }),
  (v) => ({ lines: [`const redis = new Redis('rediss://default:${v.randomToken(24)}@${v.host()}:6380')`], labels: [at(H)] }),
  (v) => ({ lines: [`const url = \`https://api.${v.word()}.com/v2/search?api_key=${v.randomToken(32)}&q=\${query}\``], labels: [at(H)] }),
  (v) => ({ lines: [`const stripeKey = 'sk_live_' + '${v.alnum(30)}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const token = \`${v.github()}\``], labels: [at(H)] }),
  (v) => ({ lines: [`// TODO remove before release: token = ${v.github()}`], labels: [at(H)] }),
  (v) => ({ lines: ['/*', ' * Staging credentials', ` * password: ${v.humanPassword()}`, ' */'], labels: [at(H, 2)] }),
  (v) => ({ lines: [`// curl -H "Authorization: Bearer ${v.randomToken(40)}" https://api.example.com/v1/me`], labels: [at(H)] }),
  (v) => ({ lines: [`this.apiKey = '${v.randomToken()}'`], labels: [at(H)] }),
  (v) => ({ lines: [`config.auth.clientSecret = '${v.randomToken(32)}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const ENCRYPTION_KEY = '${v.hex(64)}'`], labels: [at(H)] }),
  (v) => ({ lines: [`const hmacSecret = Buffer.from('${v.base64Secret()}', 'base64')`], labels: [at(H)] }),
  (v) => ({ lines: [`const jwtSecret: string = '${v.randomToken(32)}'`], labels: [at(H)] }),
  (v) => ({ lines: [`app.use((req, res, next) => (req.query.token === '${v.randomToken(24)}' ? next() : res.sendStatus(401)))`], labels: [at(H)] }),
  (v) => ({ lines: [`const sessionSecret = "${v.humanPassword()}${v.alnum(6)}"`], labels: [at(H)] }),
  (v) => ({
    lines: [`transport = nodemailer.createTransport({ host: 'smtp.${v.word()}.com', auth: { user: 'mailer', pass: '${v.humanPassword()}' } })`],
    labels: [at(H)],
  }),
  (v) => ({ lines: [`export const environment = { production: true, apiToken: '${v.randomToken(40)}' }`], labels: [at(H)] }),
  (v) => ({ lines: [`const keys = { live: '${v.stripe()}' }`], labels: [at(H)] }),
  (v) => ({ lines: [`const chat = <Chat apiKey="${v.openai()}" model="gpt-4o" />`], labels: [at(H)] }),
  (v) => ({ lines: [`const client = createClient(url, '${v.jwt()}')`], labels: [at(H)] }),
  (v) => ({ lines: [`const envFile = \`NODE_ENV=production\nDB_HOST=${v.host()}\nDB_PASSWORD=${v.humanPassword()}\n\``], labels: [at(H)] }),
  (v) => ({ lines: [`const mssql = 'Server=${v.host()};Database=app;User Id=sa;Password=${v.humanPassword().replace(/[;'"]/g, '')};'`], labels: [at(H)] }),
  (v) => ({ lines: [`const settings = JSON.parse('{"region":"eu-west-1","apiKey":"${v.randomToken(32)}"}')`], labels: [at(H)] }),
  // Hard: a password glued to a command-line flag.
  (v) => ({ lines: [`spawn('mysql', ['-u', 'root', '-p${v.humanPassword().replace(/[^A-Za-z0-9]/g, '')}', 'app'])`], labels: [at(H)] }),
  // Hard: an unnamed hex auth token as a positional argument (Twilio's SDK).
  (v) => ({ lines: [`const sms = twilio('AC${v.hex(32)}', '${v.hex(32)}')`], labels: [at(H)] }),
  // Hard: a generic random key with no name to go by.
  (v) => ({ lines: [`client.authenticate('${v.randomToken(40)}')`], labels: [at(H)] }),
]

/** Strings that look like secrets but are not: each should produce no finding. */
const LOOKALIKES = [
  () => [`const password = 'changeme'`],
  () => [`const apiKey = '<YOUR_API_KEY>'`],
  () => [`const config = { token: 'your-token-here', secret: 'xxxxxxxxxxxxxxxx' }`],
  () => [`const stripeKey = 'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx'`],
  () => [`const apiKey = process.env.API_KEY`],
  () => [`const { DB_PASSWORD, DB_HOST } = process.env`],
  () => [`const token = process.env.GITHUB_TOKEN ?? ''`],
  (v) => [`const secretName = 'prod/${v.word()}/db-password'`],
  () => [`const tokenEnvVar = 'GITHUB_TOKEN'`],
  (v) => [`const dbPassword = 'aws-sm://prod/${v.word()}#password'`],
  (v) => [`const userId = '${v.uuid()}'`],
  (v) => [`const requestId = '${v.uuid()}'`],
  (v) => [`const commit = '${v.sha()}'`],
  (v) => [`const integrity = 'sha384-${v.b64(64)}'`],
  (v) => [`const libTag = <script src="https://cdn.example.com/lib.js" integrity="sha512-${v.b64(86)}==" crossOrigin="anonymous" />`],
  (v) => [`const icon = 'data:image/png;base64,iVBORw0KGgo${v.b64(120)}'`],
  (v) => [`const publicKey = \`-----BEGIN PUBLIC KEY-----\n${v.b64(64)}\n${v.b64(40)}\n-----END PUBLIC KEY-----\``],
  (v) => [`const cert = '-----BEGIN CERTIFICATE-----\\n${v.b64(64)}\\n-----END CERTIFICATE-----'`],
  (v) => [`const stripePublishableKey = 'pk_live_${v.alnum(24)}'`],
  (v) => [`Sentry.init({ dsn: 'https://${v.hex(32)}@o${v.hex(6).replace(/[a-f]/g, '1')}.ingest.sentry.io/${v.hex(7).replace(/[a-f]/g, '2')}' })`],
  () => [`const passwordMinLength = 12`],
  () => [`const passwordPattern = /^(?=.*[A-Z])(?=.*\\d).{12,}$/`],
  () => [`const PASSWORD_ERROR = 'Password must contain at least 12 characters'`],
  () => [`const labels = { password: 'Mot de passe', token: 'Jeton d’accès' }`],
  () => [`const passwordInput = <input type="password" name="password" autoComplete="current-password" />`],
  () => [`const maxTokens = 4096`],
  () => [`const { total_tokens: totalTokens } = completion.usage`],
  () => [`const tokenExpiresAt = '2026-03-01T00:00:00Z'`],
  () => [`const STORAGE_KEY = 'app.session.token'`],
  () => [`const TOKEN_HEADER = 'X-Auth-Token'`],
  () => [`const cacheKey = \`user:\${id}:profile\``],
  (v) => [`const objectId = '${v.hex(24)}'`],
  (v) => [`const checksum = { sha256: '${v.hex(64)}' }`],
  (v) => [`const chunk = 'static/js/main.${v.hex(8)}.chunk.js'`],
  (v) => [`const className = 'css-${v.alnum(7).toLowerCase()}'`],
  () => [`const nonce = crypto.randomBytes(16).toString('hex')`],
  () => [`const password = await bcrypt.hash(input, 12)`],
  () => [`const tokenType = 'Bearer'`],
  () => [`headers.set('Authorization', \`Bearer \${accessToken}\`)`],
  () => [`const url = \`postgres://\${user}:\${password}@\${host}:5432/app\``],
  () => [`const docsUrl = 'https://docs.example.com/api?version=2&lang=en'`],
  () => [`const route = '/api/v1/users/:id/tokens'`],
  () => [`const testCard = '4242 4242 4242 4242'`],
  () => [`const translationKey = 'auth.password.reset.title'`],
  () => [`// Set STRIPE_SECRET_KEY in .env (see README); never commit it`],
  () => [`// password must be rotated every 90 days`],
  () => [`const mockToken = 'test-token'`],
  () => [`const placeholderSecret = 'REPLACE_ME'`],
  (v) => [`const ssh = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${v.b64(43)} deploy@ci'`],
  (v) => [`const gaId = 'G-${v.alnum(10).toUpperCase()}'`],
  () => [`const fontUrl = 'https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap'`],
  (v) => [`const version = '${v.hex(7)}-${v.word()}'`],
  () => [`const hashedPassword = '$2b$12$' + salt`],
  () => [`const anonKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!`],
  () => [`const regex = new RegExp('[A-Za-z0-9]{32}')`],
  () => [`const usage = 'Usage: app --user <name> --password <password>'`],
  () => [`const sql = 'UPDATE users SET password = $1 WHERE id = $2'`],
  () => [`const query = 'SELECT id, email FROM users WHERE api_key_hash = $1'`],
  () => [`const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'`],
]

/** Positive snippets for no-secret-logging. */
const LOGGING = [
  () => ({ lines: [`console.log('db password:', dbPassword)`], labels: [at(L)] }),
  () => ({ lines: [`console.log(process.env)`], labels: [at(L)] }),
  () => ({ lines: [`logger.debug(JSON.stringify(process.env, null, 2))`], labels: [at(L)] }),
  () => ({ lines: [`console.log('stripe key', process.env.STRIPE_SECRET_KEY)`], labels: [at(L)] }),
  () => ({ lines: [`logger.info({ user: user.id, apiKey })`], labels: [at(L)] }),
  () => ({ lines: [`this.logger.debug(\`calling \${url} with token \${token}\`)`], labels: [at(L)] }),
  () => ({ lines: [`logger.error('auth failed', req.headers)`], labels: [at(L)] }),
  () => ({ lines: [`console.log('Authorization: ' + req.headers.authorization)`], labels: [at(L)] }),
  () => ({ lines: [`const secret = await hush.get('PAYMENTS_KEY')`, `console.info('loaded secret', secret)`], labels: [at(L, 1)] }),
  () => ({ lines: [`const conn = process.env.DATABASE_URL`, `logger.info('connecting', conn)`], labels: [at(L, 1)] }),
  () => ({ lines: [`const { OPENAI_API_KEY } = process.env`, `console.debug('openai key', OPENAI_API_KEY)`], labels: [at(L, 1)] }),
  () => ({ lines: [`console.log('jwt secret', configService.get('JWT_SECRET'))`], labels: [at(L)] }),
  () => ({ lines: [`debug('using key %s', apiKey)`], labels: [at(L)] }),
  () => ({ lines: [`log.warn({ ...credentials }, 'retrying')`], labels: [at(L)] }),
  () => ({ lines: [`winston.info(JSON.stringify({ clientId, clientSecret }))`], labels: [at(L)] }),
  () => ({ lines: [`process.stdout.write(\`token: \${session.accessToken}\\n\`)`], labels: [at(L)] }),
  () => ({ lines: [`console.error('login failed for', username, 'with', password)`], labels: [at(L)] }),
  () => ({ lines: [`Logger.log(\`refresh token \${refreshToken}\`, 'AuthService')`], labels: [at(L)] }),
  () => ({ lines: [`fastify.log.info({ headers: request.headers }, 'incoming')`], labels: [at(L)] }),
  () => ({ lines: [`console.table([{ name: 'stripe', key: config.stripe.secretKey }])`], labels: [at(L)] }),
  () => ({ lines: [`pino.debug({ webhookSecret: opts.webhookSecret })`], labels: [at(L)] }),
  () => ({ lines: [`console.log(\`DB url: \${process.env.DATABASE_URL}\`)`], labels: [at(L)] }),
  () => ({ lines: [`const value = await secretsManager.getSecretValue({ SecretId: 'prod/db' })`, `logger.debug(value.SecretString)`], labels: [at(L, 1)] }),
  () => ({ lines: [`console.warn('token', token.trim())`], labels: [at(L)] }),
  () => ({ lines: [`console.log(import.meta.env)`], labels: [at(L)] }),
  () => ({
    lines: [
      'class DbService {',
      `  constructor(@InjectSecret('DB_URL') private readonly url: string, private readonly logger: Logger) {}`,
      '  start() {',
      `    this.logger.log(\`connecting to \${this.url}\`)`,
      '  }',
      '}',
    ],
    labels: [at(L, 3)],
    ts: true,
  }),
  // Hard: a credential under a name with no secret word, returned by an unknown function.
  () => ({ lines: [`const creds = loadCredentialsFromDisk()`, `console.log(creds)`], labels: [at(L, 1)] }),
]

/** Logging that prints no secret. */
const SAFE_LOGGING = [
  () => [`console.log('password length', password.length)`],
  () => [`console.log('token set:', Boolean(token), !!apiKey)`],
  () => [`logger.info('api key', mask(apiKey))`],
  () => [`logger.info(\`key ends in \${apiKey.slice(-4)}\`)`],
  () => [`console.log(hush.redact(line))`],
  () => [`logger.info({ secretName, region })`],
  () => [`console.log('token expires at', tokenExpiresAt)`],
  () => [`console.log('usage', completion.usage.total_tokens, 'of', maxTokens)`],
  () => [`logger.debug('lexed', tokens.length, 'tokens')`],
  () => [`console.log('env', process.env.NODE_ENV, process.env.PORT)`],
  () => [`logger.info('user logged in', user.id)`],
  () => [`console.log(\`loaded \${Object.keys(secrets).length} secrets\`)`],
  () => [`logger.info('rotating secret', secretId)`],
  () => [`console.log('password policy', passwordPolicy)`],
  () => [`console.log('is token valid?', isTokenValid)`],
  () => [`console.log('Please enter your password')`],
  () => [`console.log(createHash('sha256').update(token).digest('hex').slice(0, 8))`],
  () => [`logger.warn({ hasPassword: Boolean(password) }, 'config check')`],
  () => [`console.log('comparing', password === confirmation)`],
  () => [`logger.info('request', { method: req.method, url: req.url })`],
  () => [`console.log(typeof secret)`],
  () => [`console.log('hashed', hashedPassword.length)`],
]

/** Client code: reads of server secrets (positive) and of public values (negative). */
const CLIENT = [
  () => ({ lines: [`const stripe = Stripe(process.env.STRIPE_SECRET_KEY)`], labels: [at(C)] }),
  () => ({ lines: [`const key = import.meta.env.VITE_OPENAI_API_KEY`], labels: [at(C)] }),
  () => ({ lines: [`const { DB_PASSWORD } = process.env`], labels: [at(C)] }),
  () => ({ lines: [`fetch(url, { headers: { Authorization: process.env.API_TOKEN } })`], labels: [at(C)] }),
]
const CLIENT_SAFE = [
  () => [`const api = import.meta.env.VITE_API_URL`],
  () => [`const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY`],
  () => [`const mode = process.env.NODE_ENV`],
]

/** Ordinary code around the snippets. */
const NEUTRAL = [
  () => [`export function add(a, b) {`, `  return a + b`, `}`],
  () => [`const items = list.filter((x) => x.active).map((x) => x.id)`],
  () => [`for (const item of items) {`, `  total += item.price * item.quantity`, `}`],
  () => [
    `export async function load(id) {`,
    `  const res = await fetch(\`/api/items/\${id}\`)`,
    `  if (!res.ok) throw new Error(\`load failed: \${res.status}\`)`,
    `  return res.json()`,
    `}`,
  ],
  () => [`const greeting = \`Hello, \${user.name}!\``],
  () => [`const retry = { attempts: 3, delayMs: 250 }`],
  () => [`if (!input) {`, `  throw new TypeError('input is required')`, `}`],
  (v) => [`const ${v.word()}Count = items.length`],
  () => [`console.log('server listening on port', port)`],
  () => [`logger.info('processed %d items in %d ms', n, ms)`],
  () => [`const date = new Date().toISOString()`],
  () => [`export const ROUTES = { home: '/', login: '/login', settings: '/settings' }`],
  () => [`const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name))`],
  () => [`const id = crypto.randomUUID()`],
  () => [`// Keep the cache small: most pages read the same dozen keys.`],
  () => [`const cache = new Map()`],
  () => [`export default function handler(req, res) {`, `  res.status(200).json({ ok: true })`, `}`],
]

function declaredNames(lines) {
  const names = []
  for (const l of lines) {
    const m = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:const|let|var|class|function)\s+(?:\{([^}]*)\}|(\w+))/.exec(l.trim())
    if (m?.[2]) names.push(m[2])
    if (m?.[1])
      names.push(
        ...m[1]
          .split(',')
          .map((p) => p.split(':').pop().trim())
          .filter(Boolean),
      )
    if (/^export default/.test(l.trim())) names.push('default')
  }
  return names
}

const TS_SYNTAX = /\b(?:private|readonly)\b|: string\b|!$|@InjectSecret/

const IMPORTS = [
  `import { readFile } from 'node:fs/promises'`,
  `import express from 'express'`,
  `import { Injectable, Logger } from '@nestjs/common'`,
  `import pino from 'pino'`,
  `import axios from 'axios'`,
]

/**
 * Builds the corpus: `files` small modules, each with `{ path, code, labels: [{ rule, line }] }`
 * (1-based lines). Client snippets go into client paths; everything else into server paths.
 */
export function buildCorpus({ files = 600, seed = 20261128 } = {}) {
  const r = rng(seed)
  const v = values(r)
  const out = []
  const next = { hardcoded: 0, logging: 0, client: 0 }
  for (let f = 0; f < files; f++) {
    const kind = f % 20 < 7 ? 'hardcoded' : f % 20 < 12 ? 'logging' : f % 20 < 13 ? 'client' : 'clean'
    const ts = r.next() < 0.4
    const lines = [r.pick(IMPORTS), '']
    const labels = []
    const blocks = []
    const names = new Set()
    // Each file declares a name once: a block that would redeclare one is picked again.
    const add = (make) => {
      for (let attempt = 0; attempt < 8; attempt++) {
        const block = make(attempt)
        const declared = declaredNames(block.lines)
        if (declared.some((n) => names.has(n)) || blocks.some((b) => b.lines.join() === block.lines.join())) continue
        declared.forEach((n) => names.add(n))
        blocks.push(block)
        return
      }
    }
    const count = 2 + r.int(4)
    for (let i = 0; i < count; i++) add(() => ({ lines: r.pick(NEUTRAL)(v), labels: [] }))
    const negatives = 1 + r.int(3)
    for (let i = 0; i < negatives; i++) {
      if (kind === 'client') add(() => ({ lines: r.pick(CLIENT_SAFE)(v), labels: [] }))
      else add(() => ({ lines: (r.next() < 0.5 ? r.pick(LOOKALIKES) : r.pick(SAFE_LOGGING))(v), labels: [] }))
    }
    // Round-robin over the snippet lists, so every syntax and format appears about as often.
    if (kind === 'hardcoded') for (let i = 0, n = 1 + r.int(2); i < n; i++) add(() => HARDCODED[next.hardcoded++ % HARDCODED.length](v, r))
    if (kind === 'logging') for (let i = 0, n = 1 + r.int(2); i < n; i++) add(() => LOGGING[next.logging++ % LOGGING.length](v, r))
    if (kind === 'client') add(() => CLIENT[next.client++ % CLIENT.length](v, r))
    // Shuffle the blocks so positions vary.
    for (let i = blocks.length - 1; i > 0; i--) {
      const j = r.int(i + 1)
      ;[blocks[i], blocks[j]] = [blocks[j], blocks[i]]
    }
    let usesTs = ts
    for (const block of blocks) {
      if (block.ts || block.lines.some((l) => TS_SYNTAX.test(l))) usesTs = true
      const start = lines.length + 1
      // A block's entry may span lines (a template literal): labels count physical lines.
      const physical = block.lines.map((l) => l.split('\n').length)
      for (const label of block.labels) labels.push({ rule: label.rule, line: start + physical.slice(0, label.line).reduce((a, b) => a + b, 0) })
      lines.push(...block.lines.flatMap((l) => l.split('\n')))
      lines.push('')
    }
    const hasJsx = lines.some((l) => /= <\w/.test(l))
    const ext = usesTs ? (hasJsx ? 'tsx' : 'ts') : hasJsx ? 'jsx' : 'js'
    const dir = kind === 'client' ? 'src/components' : 'src/server'
    out.push({ path: `${dir}/file${String(f).padStart(4, '0')}.${ext}`, code: lines.join('\n'), labels, kind })
  }
  return out
}

export const SNIPPET_COUNTS = {
  hardcoded: HARDCODED.length,
  lookalikes: LOOKALIKES.length,
  logging: LOGGING.length,
  safeLogging: SAFE_LOGGING.length,
  client: CLIENT.length,
}
