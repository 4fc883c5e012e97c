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

// Data flow within a file: secret-store responses, objects that carry a secret, encoded forms.
const SM = 'a value from GetSecretValueCommand'
const SSM = 'a value from GetParameterCommand'
runBoth('no-secret-logging follows values', rule, {
  valid: [
    // A name or a size under a secret-sounding variable: Nest's DI tokens are provider names.
    `function find(cls, logger) { const token = typeof cls === 'function' ? cls.name : cls; logger.error(\`"\${token}" not found\`) }`,
    `const apiKeys = loadKeys(); const token = apiKeys.length; console.log('keys', token)`,
    // A secret-store response's metadata, and a secret's length.
    `const res = await client.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))\nconsole.log(res.$metadata, res.Name, res.ARN, res.VersionId, res.SecretString.length)`,
    `const { Name: secretName, VersionStages } = await client.send(new GetSecretValueCommand({ SecretId: id }))\nconsole.log(secretName, VersionStages)`,
    `const res = await client.send(new ListSecretsCommand({}))\nconsole.log(res, res.NextToken)`,
    `const res = await secretsClient.send(new DescribeSecretCommand({ SecretId: 'db' }))\nconsole.log(res)`,
    // SSM without decryption returns a SecureString encrypted and a String as plain config.
    `const res = await ssm.send(new GetParameterCommand({ Name: '/app/region' }))\nconsole.log(res.Parameter.Value)`,
    `const out = await ssm.getParameter({ Name: '/app/flag', WithDecryption: false }).promise()\nconsole.log(out)`,
    `const res = await client.send(new GetParametersByPathCommand({ Path: '/prod', WithDecryption: true }))\nconsole.log(res.NextToken, res.Parameters.length)\nfor (const p of res.Parameters) console.log(p.Name, p.Version)`,
    `const [version] = await client.accessSecretVersion({ name })\nconsole.log(version.name, version.payload.dataCrc32c)`,
    // GCP's getSecret returns the secret's metadata; Azure's value has a name and properties beside it.
    `const [secret] = await client.getSecret({ name: 'projects/p/secrets/db' })\nconsole.log(secret)`,
    `const secret = await client.getSecret('db-password')\nconsole.log(secret.name, secret.properties.version)`,
    `const result = await vault.read('secret/data/db')\nconsole.log(result.data.metadata, result.lease_duration)`,
    `const { data } = await supabase.auth.getSession()\nconsole.log(data.session.user.email, data.session.expires_at)`,
    // Objects with no secret field, or with it taken out, replaced or left out.
    `const cfg = { host, port: 5432 }\nlogger.info(cfg)`,
    `const cfg = { host, password: process.env.DB_PASSWORD }\nconsole.log(cfg.host, Boolean(cfg.password), cfg.password.length)`,
    `const cfg = { host, password: process.env.DB_PASSWORD }\nconst { password, ...rest } = cfg\nconsole.log(rest)`,
    `const cfg = { host, password: process.env.DB_PASSWORD }\nconsole.log({ ...cfg, password: '[redacted]' })`,
    `const cfg = { host, password: process.env.DB_PASSWORD }\nconsole.log(JSON.stringify(cfg, ['host', 'port']))`,
    `const cfg = { host, password: process.env.DB_PASSWORD }\nconsole.log(_.omit(cfg, ['password']))`,
    `function describe() { return { host, port } }\nconsole.log(describe())`,
    `const db = new URL(process.env.DATABASE_URL)\nconsole.log('db at', db.host, db.port)`,
    // Hashes and masks of an encoded secret stay allowed.
    `console.log(createHash('sha256').update(Buffer.from(apiKey)).digest('hex'))`,
    `console.log(mask(btoa(secret)), Buffer.from(token).length)`,
    // Requests: what is not a credential.
    `app.use((req, res, next) => { console.log(req.headers['user-agent'], req.session.cookie, req.user.id, req.method); next() })`,
    `console.log(req.user, session, message.session)`,
    `console.log(req.get('content-type'), req.header('accept'))`,
    // Lexer tokens and counts are not credentials.
    `console.log(tokenizer.getToken(), sourceCode.getFirstToken(node), getTokenCount())`,
    // A client made from a secret, and members of a secret-named value, are judged by their own names.
    `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY)\nconsole.log(stripe.customers)`,
    `const auth = getAuth(app)\nconsole.log(auth.currentUser, getAuth())`,
    `console.log(token.expiresAt, apiKey.owner, credentials.username)`,
    // A mask made with replace, a parameter read without decryption, names mapped out of a response.
    `console.log(key.replace(/.(?=.{4})/g, '*'))`,
    `const region = await getParameter('/app/region')\nconsole.log(region)`,
    `const res = await client.send(new GetParametersCommand({ Names, WithDecryption: true }))\nconsole.log(res.Parameters.map((p) => p.Name))`,
    `const pool = new Pool({ host, password: process.env.DB_PASSWORD })\nconsole.log(pool.totalCount)`,
    `fetch(url).then(console.log)`,
    // A tRPC or bot context's session is user data, not an express-session.
    `console.log(ctx.session)`,
  ],
  invalid: [
    // AWS SDK v3.
    logged(`const res = await client.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))\nconsole.log(res)`, 'res)', SM),
    logged(
      `const command = new GetSecretValueCommand({ SecretId: id })\nconst response = await client.send(command)\nlogger.info('got', response.SecretString)`,
      'response.',
      SM,
    ),
    logged(`const { SecretString: raw } = await client.send(new GetSecretValueCommand({ SecretId: 'db' }))\nconsole.log(raw)`, 'raw)', SM),
    logged(`const res = await client.send(new GetSecretValueCommand({ SecretId: 'db' }))\nconsole.log(JSON.parse(res.SecretString).password)`, 'JSON', SM),
    logged(
      `const data = await client.send(new GetSecretValueCommand(input))\nconst creds = JSON.parse(data.SecretString)\nconsole.log('creds', creds)`,
      'creds)',
      SM,
    ),
    logged(`client.send(new GetSecretValueCommand({ SecretId: 'db' })).then((out) => console.log(out))`, 'out))', SM),
    // AWS SDK v2: .promise() and callbacks.
    logged(`const out = await sm.getSecretValue({ SecretId: 'db' }).promise()\nconsole.log(out)`, 'out)', 'a value from sm'),
    logged(`secretsManager.getSecretValue({ SecretId: 'db' }, (err, data) => { console.log(data) })`, 'data) }', 'a value from secretsManager'),
    // SSM with decryption.
    logged(
      `const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/prod/db/password', WithDecryption: true }))\nconsole.log(Parameter.Value)`,
      'Parameter.Value',
      SSM,
    ),
    logged(
      `const p = await ssm.getParameter({ Name: '/x', WithDecryption: true }).promise()\nlogger.debug(p.Parameter.Value)`,
      'p.Parameter',
      'a value from ssm',
    ),
    logged(
      `const res = await client.send(new GetParametersByPathCommand({ Path: '/prod', WithDecryption: true }))\nfor (const p of res.Parameters) console.log(p.Name, p.Value)`,
      'p.Value',
      'a value from GetParametersByPathCommand',
    ),
    logged(
      `const input = { Names: ['/a', '/b'], WithDecryption: true }\nconst res = await client.send(new GetParametersCommand(input))\nconsole.log(res.Parameters[0].Value)`,
      'res.Parameters[0]',
      'a value from GetParametersCommand',
    ),
    logged(
      `const res = await client.send(new GetParametersCommand({ Names, WithDecryption: true }))\nres.Parameters.forEach((p) => logger.info(p.Value))`,
      'p.Value',
      'a value from GetParametersCommand',
    ),
    // Vault, GCP, Azure, Doppler, Infisical, hush, KMS.
    logged(`const result = await vault.read('secret/data/db')\nconsole.log(result.data.data)`, 'result.data', '"secret/data/db" from vault'),
    logged(`console.log((await vault.read('secret/api')).data)`, '(await', '"secret/api" from vault'),
    logged(
      `const [version] = await client.accessSecretVersion({ name })\nconsole.log(version.payload.data.toString('utf8'))`,
      'version.',
      'a value from client',
    ),
    logged(`const secret = await client.getSecret('db-password')\nconsole.log(secret.value)`, 'secret.value', '"db-password" from client'),
    logged(`const all = await doppler.secrets.list('proj', 'prd')\nconsole.log(all)`, 'all)', 'a value from doppler'),
    logged(
      `const { secrets } = await client.secrets().listSecrets({ projectId, environment: 'prod' })\nconsole.log(secrets)`,
      'secrets)',
      'a value from infisical',
    ),
    logged(`const s = await infisical.getSecret({ secretName: 'API_KEY', projectId, environment })\nconsole.log(s)`, 's)', 'a value from infisical'),
    logged(`const v = hush.peek('STRIPE')\nconsole.log(v)`, 'v)', '"STRIPE" from hush'),
    logged(
      `const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob }))\nconsole.log(Buffer.from(Plaintext).toString('base64'))`,
      'Buffer',
      'a value from DecryptCommand',
    ),
    logged(
      `const [accessResponse] = await client.accessSecretVersion({ name })\nconst payload = accessResponse.payload.data.toString('utf8')\nconsole.info(\`Payload: \${payload}\`)`,
      '`Payload',
      'a value from client',
    ),
    logged(
      `const res = await client.send(new GetParametersCommand({ Names, WithDecryption: true }))\nconsole.log(res.Parameters.map((p) => p.Value))`,
      'res.Parameters.map',
      'a value from GetParametersCommand',
    ),
    logged(`vault.read('secret/data/app').then(console.log)`, 'console.log', '"secret/data/app" from vault'),
    logged(`const all = await doppler.secrets.download('p', 'c')\nObject.values(all).forEach(console.log)`, 'console.log', 'a value from doppler'),
    // AWS Lambda Powertools.
    logged(`const value = await getSecret('db-credentials')\nconsole.log(value)`, 'value)', 'the result of getSecret()'),
    logged(`const value = await getParameter('/db/password', { decrypt: true })\nconsole.log(value)`, 'value)', 'the result of getParameter()'),
    // Objects that carry a secret field, logged whole or through a member.
    logged(`const cfg = { host, password: process.env.DB_PASSWORD }\nlogger.info(cfg)`, 'cfg)', '"DB_PASSWORD"'),
    logged(`const config = { db: { host: 'db', password: process.env.DB_PASSWORD } }\nconsole.log({ ...config })`, '{ ...config', '"DB_PASSWORD"'),
    logged(`const options = { auth: { user, pass: process.env.SMTP_PASS } }\nconsole.log(JSON.stringify(options))`, 'JSON', '"SMTP_PASS"'),
    logged(`const config = { db: { password: process.env.DB_PASSWORD } }\nconsole.log(config.db)`, 'config.db', '"DB_PASSWORD"'),
    logged(`const opts = { retries: 3 }\nopts.password = input\nlogger.debug(opts)`, 'opts)', '"password"'),
    logged(`const cfg = { host, password: process.env.DB_PASSWORD }\nconsole.log({ ...cfg, password: cfg.password })`, '{ ...cfg', '"DB_PASSWORD"'),
    logged(
      `class Db {\n  constructor() { this.options = { user: 'app', password: process.env.DB_PASSWORD } }\n  connect() { this.logger.info(this.options) }\n}`,
      'this.options)',
      '"DB_PASSWORD"',
    ),
    logged(
      `function loadConfig() {\n  return { apiKey: process.env.STRIPE_API_KEY, region }\n}\nconst config = loadConfig()\nconsole.log(config)`,
      'config)',
      '"STRIPE_API_KEY"',
    ),
    logged(`const db = new URL(process.env.DATABASE_URL)\nconsole.log('db', db)`, 'db)', '"DATABASE_URL"'),
    // Clients and errors made from a secret print it.
    logged(`const pool = new Pool({ host, password: process.env.DB_PASSWORD })\nconsole.log(pool.options)`, 'pool.options', '"DB_PASSWORD"'),
    logged(
      `const transporter = nodemailer.createTransport({ auth: { user, pass: process.env.SMTP_PASS } })\nlogger.debug(transporter)`,
      'transporter)',
      '"SMTP_PASS"',
    ),
    logged(`logger.error(new Error(\`invalid token \${token}\`))`, 'new', '"token"'),
    logged(`const creds = loadCredentialsFromDisk()\nconsole.log(creds)`, 'creds)', 'the result of loadCredentialsFromDisk()'),
    logged(`console.log('key', await getApiKey())`, 'await', 'the result of getApiKey()'),
    // Sessions, cookies and credential headers.
    logged(`app.use((req, res, next) => { console.log(req.session); next() })`, 'req.session', 'the session'),
    logged(`console.log('session', req.sessionID)`, 'req.sessionID', 'the session id'),
    logged(`console.log(req.cookies)`, 'req.cookies', 'the request cookies'),
    logged(`console.log(req.headers.cookie)`, 'req.headers', '"cookie"'),
    logged(`const token = req.headers.authorization?.split(' ')[1]\nconsole.log('bearer', token)`, 'token)', '"authorization"'),
    logged(`logger.info('auth', req.get('Authorization'))`, 'req.get', '"Authorization"'),
    logged(`logger.info('cookie', req.header('cookie'))`, 'req.header', '"cookie"'),
    logged(`export async function GET(request) { console.log(request.headers.get('cookie')) }`, 'request.headers', '"cookie"'),
    logged(`app.get('/', (req, res) => { const { headers } = req; console.log(headers) })`, 'headers)', 'the request headers'),
    logged(
      `async function session({ session, token }) {\n  session.accessToken = token.accessToken\n  console.log(session)\n  return session\n}`,
      'session)',
      '"accessToken"',
    ),
    logged(`const { data: { session } } = await supabase.auth.getSession()\nconsole.log(session)`, 'session)', 'the session'),
    logged(`supabase.auth.onAuthStateChange((event, session) => { console.log(event, session) })`, 'session) }', 'the session'),
    // Encoded forms.
    logged(`console.log(Buffer.from(apiKey).toString('base64'))`, 'Buffer', '"apiKey"'),
    logged(`console.log(btoa(password))`, 'btoa', '"password"'),
    logged(`console.log(\`auth=\${encodeURIComponent(token)}\`)`, '`auth', '"token"'),
    logged(`logger.info('x ' + escape(secret))`, "'x '", '"secret"'),
    logged(`console.log('Basic ' + Buffer.from(\`\${user}:\${password}\`).toString('base64'))`, "'Basic", '"password"'),
    logged(`const encoded = Buffer.from(process.env.API_TOKEN).toString('hex')\nconsole.log(encoded)`, 'encoded)', '"API_TOKEN"'),
    logged(`console.log(new TextEncoder().encode(clientSecret))`, 'new', '"clientSecret"'),
    logged(`const line = \`token=\${base64url(accessToken)}\`\nconsole.log(line)`, 'line)', '"accessToken"'),
  ],
})

// Colour and format wrappers hand the text through; process.stdout/stderr.write are loggers.
runBoth('no-secret-logging through formatting wrappers', rule, {
  valid: [
    `import chalk from 'chalk'\nconsole.log(chalk.green('password set'), chalk.red(user.name))`,
    `import pc from 'picocolors'\nconst token = process.env.API_TOKEN\nconsole.log(pc.green(\`token length \${token.length}\`), pc.dim(mask(token)))`,
    `const s = process.env.API_KEY\nconsole.log(chalk.green(Boolean(s)))`,
    `console.log(util.format('%d items', count), date.format('YYYY'))`,
    // A local `green` is no colour library, and a Hono context `c` no ansi-colors.
    `import { green } from './palette'\nconst token = process.env.API_TOKEN\nconsole.log(green(token))`,
    `const c = makeContext()\nconsole.log(c.green(token))`,
    `const k = process.env.API_KEY\nprocess.stdout.write(chalk.dim(\`key set: \${!!k}\\n\`))`,
  ],
  invalid: [
    logged(
      `const pass = process.env.REGISTRY_PASSWORD\nprocess.stdout.write(chalk.green(\`registry password: \${pass}\\n\`))`,
      'chalk.green',
      '"REGISTRY_PASSWORD"',
    ),
    logged(`import chalk from 'chalk'\nconsole.log(chalk.bold.red(apiKey))`, 'chalk.bold', '"apiKey"'),
    logged(`import chalk from 'chalk'\nconsole.log(chalk.hex('#ff0').bold(process.env.GITHUB_TOKEN))`, 'chalk.hex', '"GITHUB_TOKEN"'),
    logged(`import kleur from 'kleur'\nconst t = process.env.NPM_TOKEN\nconsole.log(kleur.bold().yellow('npm token ' + t))`, 'kleur.bold()', '"NPM_TOKEN"'),
    logged(`const c = require('ansi-colors')\nconst s = await getSecret('db')\nconsole.log(c.cyan(s))`, 'c.cyan', 'the result of getSecret()'),
    logged(
      `import { green, bold } from 'colorette'\nconst { clientSecret } = config\nprocess.stderr.write(bold(green(clientSecret)) + '\\n')`,
      'bold(green',
      '"clientSecret"',
    ),
    logged(`import pc from 'picocolors'\nlogger.info(pc.dim(\`token: \${token}\`))`, 'pc.dim', '"token"'),
    logged(`import chalk from 'chalk'\nconst pw = process.env.DB_PASSWORD\nconsole.log(chalk\`{red password: \${pw}}\`)`, 'chalk`', '"DB_PASSWORD"'),
    logged(`import util from 'node:util'\nprocess.stdout.write(util.format('secret=%s\\n', process.env.JWT_SECRET))`, 'util.format', '"JWT_SECRET"'),
    logged(
      `import { format, inspect } from 'node:util'\nconst creds = { user, password: process.env.DB_PASSWORD }\nconsole.log(format('%o', creds), inspect(creds))`,
      "format('%o'",
      '"DB_PASSWORD"',
    ),
    logged(`const { styleText } = require('node:util')\nconsole.log(styleText('green', process.env.API_TOKEN))`, 'styleText(', '"API_TOKEN"'),
    logged(`const s = process.env.SESSION_SECRET\nconsole.log(['a', s].join(' '))`, "['a'", '"SESSION_SECRET"'),
    logged(`const k = process.env.API_KEY\nconsole.log(\`\${String(k)}\`)`, '`${String', '"API_KEY"'),
    logged(`const k = process.env.API_KEY\nprocess.stderr.write(k.toString())`, 'k.toString', '"API_KEY"'),
  ],
})

// What a token endpoint answers is a token set: its tokens are secrets, its expiry and scope are not.
const TOKENS = 'an OAuth token response'
runBoth('no-secret-logging of OAuth token responses', rule, {
  valid: [
    `const { data } = await axios.post('https://github.com/login/oauth/access_token', body)\nlog.info('token response', data.expires_in, data.scope, data.token_type)`,
    `const res = await axios.post(\`\${issuer}/oauth2/v2.0/token\`, form)\nconsole.log(res.status, res.data.expires_in, res.data.refresh_token_expires_in)`,
    // A fetch Response shows its status and headers, not its body.
    `const res = await fetch('https://oauth2.googleapis.com/token', { method: 'POST', body })\nconsole.log('token endpoint said', res.status, res)`,
    // A route that serves the token endpoint is not a call to one.
    `app.post('/oauth/token', (req, res) => { console.log(req.body.grant_type); res.json({}) })`,
    `const { data } = await axios.get('https://api.example.com/users')\nconsole.log(data)`,
    `const { data } = await axios.get('https://api.example.com/tokens/usage')\nconsole.log(data)`,
    `const { data } = await axios.post('https://login.example.com/oauth/token', params)\nconst { access_token, refresh_token, id_token, ...rest } = data\nconsole.log(rest)`,
  ],
  invalid: [
    logged(`const { data } = await axios.post('https://github.com/login/oauth/access_token', body)\nlog.info('token response', data)`, 'data)', TOKENS),
    logged(
      `const { data } = await axios.post('https://github.com/login/oauth/access_token', body)\nlog.info('token', data.access_token)`,
      'data.',
      '"access_token"',
    ),
    logged(`const res = await axios.post(\`\${issuer}/oauth2/v2.0/token\`, form)\nconsole.log(res.data.refresh_token)`, 'res.data', '"refresh_token"'),
    logged(
      `const tokens = await fetch('https://oauth2.googleapis.com/token', { method: 'POST', body }).then((r) => r.json())\nconsole.log('tokens', tokens)`,
      'tokens)',
      TOKENS,
    ),
    logged(`const res = await fetch(TOKEN_URL, { method: 'POST', body })\nconst json = await res.json()\nlogger.debug({ json })`, '{ json }', TOKENS),
    logged(
      `const TOKEN_URL = 'https://id.example.com/connect/token'\nconst r = await got.post(TOKEN_URL, { form }).json()\nconsole.log(r.id_token)`,
      'r.id',
      '"id_token"',
    ),
    logged(
      `const out = await ky.post('https://kc.example.com/auth/realms/acme/protocol/openid-connect/token', { body }).json()\nlogger.info(out)`,
      'out)',
      TOKENS,
    ),
    logged(`axios.post('https://login.example.com/oauth/token', params).then(({ data }) => { logger.info('got tokens', data) })`, 'data) }', TOKENS),
    logged(`const { data } = await this.http.post(this.config.tokenEndpoint, qs.stringify(form))\nthis.logger.log(data)`, 'data)', TOKENS),
    logged(
      `const response = await firstValueFrom(this.httpService.post('https://auth.example.com/oauth/token', body))\nthis.logger.debug(\`token response \${JSON.stringify(response.data)}\`)`,
      '`token',
      TOKENS,
    ),
    logged(`const res = await axios({ method: 'post', url: 'https://auth.example.com/oauth2/token', data })\nconsole.log(res)`, 'res)', TOKENS),
  ],
})

// Secret-store clients known by how they are made, whatever the variable is called.
runBoth(
  'no-secret-logging of secret-store clients by construction',
  rule,
  {
    valid: [
      `import vault from 'node-vault'\nconst client = vault({ endpoint, token })\nconst { data } = await client.read('secret/data/db')\nconsole.log('x', data.metadata)`,
      `import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'\nconst client = new SecretsManagerClient({ region })\nexport async function load(command) {\n  const out = await client.send(command)\n  console.log(out.$metadata, out.Name)\n}`,
      `const kv = new SecretClient(url, credential)\nconst got = await kv.getSecret('db')\nconsole.log(got.name, got.properties)`,
      // Clients of other services, and a `vault` the file makes itself.
      `const client = new S3Client({})\nconst res = await client.send(command)\nconsole.log(res)`,
      `const client = createClient({ url })\nconst v = await client.get('key')\nconsole.log(v)`,
      `const vault = makeVault()\nconst client = vault({ endpoint })\nconst v = await client.read('x')\nconsole.log(v.data)`,
    ],
    invalid: [
      logged(
        `import vault from 'node-vault'\nconst client = vault({ endpoint, token })\nconst { data } = await client.read('secret/data/db')\nconsole.log('x', data.data)`,
        'data.data',
        '"secret/data/db" from client',
      ),
      logged(
        `const kv = require('node-vault')({ apiVersion: 'v1' })\nkv.read('secret/app').then((res) => logger.info(res.data))`,
        'res.data',
        '"secret/app" from kv',
      ),
      logged(
        `const nodeVault = require('node-vault')\nconst api = nodeVault({ endpoint })\nconst login = await api.approleLogin({ role_id, secret_id })\nconsole.log(login.auth.client_token)`,
        'login.auth',
        '"client_token"',
      ),
      logged(
        `import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'\nconst client = new SecretsManagerClient({ region })\nexport async function load(command) {\n  const out = await client.send(command)\n  console.log(out.SecretString)\n}`,
        'out.Secret',
        'a value from client',
      ),
      logged(
        `class Secrets {\n  constructor() { this.client = new SSMClient({}) }\n  async get(cmd) { const r = await this.client.send(cmd); this.logger.info(r.Parameter.Value) }\n}`,
        'r.Parameter',
        'a value from client',
      ),
      logged(
        `import { DopplerSDK } from '@dopplerhq/node-sdk'\nconst sdk = new DopplerSDK({ accessToken })\nconst all = await sdk.secrets.list('backend', 'prd')\nconsole.log(all)`,
        'all)',
        'a value from doppler',
      ),
      logged(
        `const client = new InfisicalClient({ siteUrl })\nconst list = await client.listSecrets({ environment: 'prod' })\nconsole.log(list)`,
        'list)',
        'a value from infisical',
      ),
      logged(`const k = new KMSClient({})\nconst { Plaintext } = await k.decrypt({ CiphertextBlob })\nconsole.log(Plaintext)`, 'Plaintext)', 'a value from k'),
    ],
  },
  {
    valid: [
      `class Db {\n  constructor(private readonly sm: SecretsManagerClient, private readonly logger: Logger) {}\n  async load(cmd: Command) { const out = await this.sm.send(cmd); this.logger.log(out.VersionId) }\n}`,
    ],
    invalid: [
      logged(
        `class Db {\n  constructor(private readonly sm: SecretsManagerClient, private readonly logger: Logger) {}\n  async load(cmd: Command) { const out = await this.sm.send(cmd); this.logger.log(out) }\n}`,
        'out)',
        'a value from sm',
      ),
      logged(
        `async function read(client: NodeVault, path: string) {\n  const res = await client.read(path)\n  console.log(res.data)\n}`,
        'res.data',
        'a value from client',
      ),
    ],
  },
)

// Collections give back what the file stored in them.
runBoth('no-secret-logging of collections filled with secrets', rule, {
  valid: [
    `const cache = new Map()\ncache.set(id, { name: user.name, age })\ndebug('%o', cache.get(id))`,
    `const counts = {}\ncounts[key] = (counts[key] ?? 0) + 1\nconsole.log(counts[key], Object.values(counts))`,
    `const m = new Map()\nm.set('region', process.env.AWS_REGION)\nm.set('port', 8080)\nconsole.log(m.get('region'), m)`,
    `const cache = new Map()\ncache.set(id, apiKey.length)\nconsole.log(cache.get(id))`,
    `const seen = new Set()\nseen.add(user.id)\nconsole.log([...seen])`,
  ],
  invalid: [
    logged(`const cache = new Map()\ncache.set(id, SecretString)\ndebug('%s', cache.get(id))`, 'cache.get', '"SecretString"'),
    logged(
      `const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: id }))\nconst cache = new LRUCache({ max: 10 })\ncache.set(id, SecretString)\nlogger.info('cached', cache.get(id))`,
      'cache.get',
      SM,
    ),
    logged(
      `const ttlCache = new NodeCache()\nexport function remember(user, creds) { ttlCache.set(user, creds.password, 60) }\nexport function show(user) { console.log(ttlCache.get(user)) }`,
      'ttlCache.get',
      '"password"',
    ),
    logged(`const byUser = new WeakMap()\nbyUser.set(user, process.env.API_TOKEN)\nconsole.log(byUser.get(user))`, 'byUser.get', '"API_TOKEN"'),
    logged(`const tokens = {}\ntokens[userId] = await hush.get('GITHUB_TOKEN')\nconsole.log(tokens[userId])`, 'tokens[userId])', '"GITHUB_TOKEN" from hush'),
    logged(`const bag = {}\nbag[key] = process.env.STRIPE_SECRET_KEY\nconsole.log(Object.values(bag))`, 'Object', '"STRIPE_SECRET_KEY"'),
    logged(
      `class TokenCache {\n  cache = new Map()\n  put(id, t) { this.cache.set(id, t.accessToken) }\n  dump() { this.logger.debug(this.cache.get('x')) }\n}`,
      "this.cache.get('x')",
      '"accessToken"',
    ),
    logged(`const m = new Map()\nm.set('a', process.env.DB_PASSWORD).set('b', 1)\nfor (const v of m.values()) console.log(v)`, 'v)', '"DB_PASSWORD"'),
    logged(
      `const params = new URLSearchParams()\nparams.append('client_secret', process.env.OAUTH_CLIENT_SECRET)\nconsole.log(\`body: \${params.toString()}\`)`,
      '`body',
      '"OAUTH_CLIENT_SECRET"',
    ),
    logged(`const m = new Map()\nm.set(name, process.env.DB_PASSWORD)\nm.forEach((v) => logger.info(v))`, 'v))', '"DB_PASSWORD"'),
  ],
})

// A rest that took the credentials out is clean; one that left them in is not.
runBoth('no-secret-logging of rests', rule, {
  valid: [
    `const { authorization, cookie, ...rest } = req.headers\nconsole.log('headers', rest, Boolean(authorization))`,
    `app.use((req, res, next) => { const { Authorization, Cookie, ...shown } = req.headers; logger.debug(shown); next() })`,
    `const { password, ...safe } = JSON.parse(SecretString)\nlog(safe)`,
    `const res = await client.send(new GetSecretValueCommand({ SecretId: 'db' }))\nconst { apiKey, ...settings } = JSON.parse(res.SecretString)\nconsole.log(settings)`,
    `const creds = await getCredentials()\nconsole.log(_.omit(creds, ['password']))`,
  ],
  invalid: [
    logged(`const { host, ...rest } = req.headers\nconsole.log(rest)`, 'rest)', 'the request headers'),
    logged(`const { authorization, ...rest } = req.headers\nconsole.log(rest)`, 'rest)', 'the request headers'),
    logged(`const { host, ...rest } = JSON.parse(SecretString)\nlog(rest)`, 'rest)', '"SecretString"'),
    logged(
      `const res = await client.send(new GetSecretValueCommand({ SecretId: 'db' }))\nconst { engine, ...conn } = JSON.parse(res.SecretString)\nconsole.log(conn)`,
      'conn)',
      SM,
    ),
    logged(`const { DB_PASSWORD, ...others } = process.env\nconsole.log(others)`, 'others)', 'the whole process.env'),
  ],
})

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
