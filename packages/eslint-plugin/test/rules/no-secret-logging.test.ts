import { randomBytes } from 'node:crypto'
import { utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import rule from '../../src/rules/no-secret-logging.js'
import { lintDir, makeProject } from '../project.js'
import { runBoth } from '../testers.js'

/** One `logged` error at the first occurrence of `arg` in `code`. */
const logged = (code: string, arg: string, what: string) => {
  const before = code.slice(0, code.indexOf(arg))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return { code, errors: [{ messageId: 'logged', line, column, data: { what } }] }
}

runBoth(
  'no-secret-logging',
  rule,
  {
    valid: [
      `console.log('password length', password.length)`,
      `console.log('has token', Boolean(token), !!apiKey, typeof secret)`,
      `console.log(redact(password), mask(apiKey), hush.redact(token))`,
      `console.log('key ends in', apiKey.slice(-4))`,
      `console.log(createHash('sha256').update(token).digest('hex'))`,
      `logger.info({ secretName, tokenExpiresAt, passwordPolicy })`,
      `console.log('usage', usage.total_tokens, maxTokens, promptTokens)`,
      `console.log(tokens.length, tokenizer.encode(text))`,
      `console.log(process.env.NODE_ENV, process.env.PORT, import.meta.env.VITE_API_URL)`,
      `console.log({ hasPassword: !!password, user: user.name })`,
      `console.log(password === input)`,
      `const x = password; save(password)`,
      `Math.log(token)`,
      { code: `console.log(sessionToken)`, options: [{ allowNames: ['^sessionToken$'] }] },
      { code: `console.log(safeShow(apiKey))`, options: [{ maskFunctions: ['safeShow'] }] },
      `const debug = createDebug('app'); debug('starting on %d', port)`,
    ],
    invalid: [
      logged(`console.log('db', dbPassword)`, 'dbPassword', '"dbPassword"'),
      logged(`console.error(process.env.STRIPE_SECRET_KEY)`, 'process.env', '"STRIPE_SECRET_KEY"'),
      logged(`console.log(process.env['DB_PASSWORD'])`, 'process.env', '"DB_PASSWORD"'),
      logged(`console.log(import.meta.env.VITE_SECRET_TOKEN)`, 'import.meta', '"VITE_SECRET_TOKEN"'),
      logged(`console.log(process.env)`, 'process.env', 'the whole process.env'),
      logged(`logger.debug({ ...process.env })`, '{ ...', 'the whole process.env'),
      logged(`app.get('/', (req, res) => { console.log(req.headers); res.end() })`, 'req.headers', 'the request headers'),
      logged(`this.logger.log(\`token=\${token}\`)`, '`token', '"token"'),
      logged(`logger.info('auth ' + req.headers.authorization)`, "'auth '", '"authorization"'),
      logged(`pino.info({ password })`, '{ password }', '"password"'),
      logged(`winston.warn({ user: u.name, apiKey: cfg.apiKey })`, '{ user', '"apiKey"'),
      logged(`log.error(JSON.stringify(credentials))`, 'JSON', '"credentials"'),
      logged(`console.log(JSON.stringify({ config: cfg, token: session.accessToken }))`, 'JSON', '"accessToken"'),
      logged(`Logger.log(clientSecret.trim())`, 'clientSecret', '"clientSecret"'),
      logged(`const dbUrl = process.env.DATABASE_URL\nconsole.log('connecting to', dbUrl)`, 'dbUrl)', '"DATABASE_URL"'),
      logged(`const x = await hush.get('DB_PASSWORD')\nconsole.info(x)`, 'x)', '"DB_PASSWORD" from hush'),
      logged(`const { DB_PASSWORD: pw } = process.env\nconsole.log(pw)`, 'pw)', '"DB_PASSWORD"'),
      logged(`const v = config.get('JWT_SECRET')\nlogger.warn(v)`, 'v)', '"JWT_SECRET"'),
      logged(`console.log(await secrets.getSecretValue({ SecretId: 'db' }))`, 'await', 'a value from secrets'),
      logged(`const debug = createDebug('app'); debug('key %s', apiKey)`, 'apiKey)', '"apiKey"'),
      logged(`process.stdout.write(token + '\\n')`, 'token', '"token"'),
      logged(`console.table([user.password])`, '[user', '"password"'),
      logged(`request.log.info(req.headers)`, 'req.headers', 'the request headers'),
      { ...logged(`audit.record(refreshToken)`, 'refreshToken', '"refreshToken"'), options: [{ loggers: ['audit'] }] },
    ],
  },
  {
    valid: [
      // A SecretHandle's name and its being set are not the secret.
      `class Pay {\n  constructor(@InjectSecret('API_KEY') private readonly apiKey: SecretHandle, private readonly logger: Logger) {}\n  run() { this.logger.log(this.apiKey.name, this.apiKey.value.length, Boolean(this.apiKey.value)) }\n}`,
      `class Pay {\n  constructor(@InjectSecret('API_KEY') apiKey: SecretHandle) { console.log('using', apiKey.name) }\n}`,
    ],
    invalid: [
      // @hush/nestjs: the handle's value and get() are the secret.
      logged(
        `class Pay {\n  constructor(@InjectSecret('API_KEY') private readonly apiKey: SecretHandle, private readonly logger: Logger) {}\n  run() { this.logger.log(\`key \${this.apiKey.value}\`) }\n}`,
        '`key',
        '"apiKey"',
      ),
      logged(`class Pay { @InjectSecret('STRIPE') private key!: SecretHandle\n  async run() { console.log(await this.key.get()) } }`, 'await this', '"key"'),
      logged(`class Pay {\n  constructor(@InjectSecret('API_KEY') apiKey: SecretHandle) { console.log(apiKey.value) }\n}`, 'apiKey.value', '"apiKey"'),
      logged(
        `class Db {\n  constructor(@InjectSecret('DB_URL') private readonly conn: string, private readonly logger: Logger) {}\n  start() { this.logger.log(this.conn) }\n}`,
        'this.conn',
        '"conn"',
      ),
      logged(`class Pay { @InjectSecret('STRIPE') private key!: string\n  run() { console.log(this.key) } }`, 'this.key', '"key"'),
      logged(`const key = (await hush.get('API')) as string\nconsole.log(key)`, 'key)', '"API" from hush'),
    ],
  },
)

/** A random password, asserted absent from every message. */
const password = () => randomBytes(18).toString('base64url').replace(/[-_]/g, 'q')

// Projects on disk whose .env files say what DATABASE_URL and STRIPE_KEY hold.
const pw = password()
const plainUrl = makeProject({ '.env': 'DATABASE_URL=postgres://localhost:5432/app\nREDIS_URL="redis://cache:6379/0"\n' })
const withCredentials = makeProject({ '.env': `DATABASE_URL=postgres://app:${pw}@db.internal:5432/app\n` })
const withReferences = makeProject({
  'hush.config.json': '{"secrets": {}}',
  '.env': '# values live in the secret store\nexport STRIPE_KEY=aws-sm://prod/stripe#key\nDATABASE_URL=aws-sm://prod/db#url\n',
  '.env.production': 'PAYMENT_GATEWAY="env://VAULT_JSON#stripe"\n',
})
const noEnv = makeProject({})
const at = (dir: string, file = 'src/server/db.js') => join(dir, file)

runBoth('no-secret-logging with .env files', rule, {
  valid: [
    // A connection URL whose .env value has no credentials: nothing secret to log.
    { code: `console.log('db at', process.env.DATABASE_URL, process.env.REDIS_URL)`, filename: at(plainUrl) },
    { code: `const { DATABASE_URL } = process.env\nconsole.log(DATABASE_URL)`, filename: at(plainUrl) },
    { code: `const url = process.env.DATABASE_URL\nlogger.info({ url })`, filename: at(plainUrl) },
    // Without a .env value, STRIPE_KEY's name alone does not say secret.
    { code: `console.log(process.env.STRIPE_KEY)`, filename: at(noEnv) },
  ],
  invalid: [
    { code: `console.log(process.env.DATABASE_URL)`, filename: at(withCredentials), errors: [{ messageId: 'logged', data: { what: '"DATABASE_URL"' } }] },
    { code: `console.log(process.env.DATABASE_URL)`, filename: at(withReferences), errors: [{ messageId: 'logged', data: { what: '"DATABASE_URL"' } }] },
    // No .env information: a connection URL may hold a password, so it is still reported.
    { code: `console.log(process.env.DATABASE_URL)`, filename: at(noEnv), errors: [{ messageId: 'logged', data: { what: '"DATABASE_URL"' } }] },
    { code: `console.log(process.env.STRIPE_KEY)`, filename: at(withReferences), errors: [{ messageId: 'logged', data: { what: '"STRIPE_KEY"' } }] },
    {
      code: `const { STRIPE_KEY: key } = process.env\nconsole.log(key)`,
      filename: at(withReferences),
      errors: [{ messageId: 'logged', data: { what: '"STRIPE_KEY"' } }],
    },
    {
      code: `const gateway = process.env.PAYMENT_GATEWAY\nconsole.log(\`using \${gateway}\`)`,
      filename: at(withReferences),
      errors: [{ messageId: 'logged', data: { what: '"PAYMENT_GATEWAY"' } }],
    },
    { code: `console.log(configService.get('STRIPE_KEY'))`, filename: at(withReferences), errors: [{ messageId: 'logged', data: { what: '"STRIPE_KEY"' } }] },
  ],
})

describe('no-secret-logging reads the project .env files (ESLint API, projects on disk)', () => {
  const logs = `console.log(process.env.DATABASE_URL)\nconsole.log(process.env.STRIPE_KEY)\nconsole.log(process.env.API_TOKEN)\n`
  const found = async (dir: string) => (await lintDir(dir)).filter((f) => f.rule === 'hush/no-secret-logging')

  it('DATABASE_URL without credentials in .env is not reported; API_TOKEN is, by its name', async () => {
    const dir = makeProject({ '.env': 'DATABASE_URL=postgres://localhost:5432/app\nAPI_TOKEN=https://api.example.com\n', 'src/server/db.js': logs })
    expect((await found(dir)).map((f) => f.line)).toEqual([3])
  })

  it('references in .env or .env.* make names secrets, beside hush.config', async () => {
    const dir = makeProject({
      'hush.config.yaml': 'secrets: {}\n',
      '.env': 'STRIPE_KEY=aws-sm://prod/stripe#key\n',
      '.env.staging': 'DATABASE_URL=env://VAULT_JSON#db\n',
      'src/server/db.js': logs,
    })
    expect((await found(dir)).map((f) => [f.line, f.message.split(' writes')[0]])).toEqual([
      [1, 'Logging "DATABASE_URL"'],
      [2, 'Logging "STRIPE_KEY"'],
      [3, 'Logging "API_TOKEN"'],
    ])
  })

  it('a password in any .env file keeps DATABASE_URL reported, and no message shows it', async () => {
    const secret = password()
    const dir = makeProject({
      '.env': 'DATABASE_URL=postgres://localhost:5432/app\n',
      '.env.local': `DATABASE_URL="postgres://app:${secret}@db:5432/app"\n`,
      'src/server/db.js': logs,
    })
    const messages = await found(dir)
    expect(messages.map((f) => f.line)).toEqual([1, 3])
    expect(messages.some((f) => f.message.includes(secret) || f.message.includes(secret.slice(0, 10)))).toBe(false)
  })

  it('without any .env, DATABASE_URL is reported (it may hold a password) and STRIPE_KEY is not', async () => {
    const dir = makeProject({ 'src/server/db.js': logs })
    expect((await found(dir)).map((f) => f.line)).toEqual([1, 3])
  })

  it('a changed .env is read again (by modification time)', async () => {
    const dir = makeProject({ '.env': 'STRIPE_KEY=\n', 'src/server/db.js': 'console.log(process.env.STRIPE_KEY)\n' })
    expect(await found(dir)).toEqual([])
    writeFileSync(join(dir, '.env'), 'STRIPE_KEY=aws-ssm:///prod/stripe\n')
    utimesSync(join(dir, '.env'), new Date(), new Date(Date.now() + 5000))
    expect((await found(dir)).map((f) => f.line)).toEqual([1])
  })
})
