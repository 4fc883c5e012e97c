import rule from '../../src/rules/no-secret-logging.js'
import { runBoth } from '../testers.js'

/** One `logged` error at the first occurrence of `arg` in `code`. */
const logged = (code: string, arg: string, what: string) => {
  const before = code.slice(0, code.indexOf(arg))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return { code, errors: [{ messageId: 'logged', line, column, data: { what } }] }
}

runBoth('no-secret-logging', rule as never, {
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
}, {
  valid: [],
  invalid: [
    logged(
      `class Db {\n  constructor(@InjectSecret('DB_URL') private readonly conn: string, private readonly logger: Logger) {}\n  start() { this.logger.log(this.conn) }\n}`,
      'this.conn',
      '"conn"',
    ),
    logged(`class Pay { @InjectSecret('STRIPE') private key!: string\n  run() { console.log(this.key) } }`, 'this.key', '"key"'),
    logged(`const key = (await hush.get('API')) as string\nconsole.log(key)`, 'key)', '"API" from hush'),
  ],
})
