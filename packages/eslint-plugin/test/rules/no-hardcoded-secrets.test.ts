import { crc32 } from 'node:zlib'
import rule from '../../src/rules/no-hardcoded-secrets.js'
import { runBoth } from '../testers.js'

// GitHub tokens end in a CRC-32 of their random part (base62, six digits): detection checks it,
// so the fake carries a valid one.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
function githubToken(random: string): string {
  let sum = ''
  for (let n = crc32(random); n > 0; n = Math.floor(n / 62)) sum = BASE62[n % 62] + sum
  return 'ghp_' + random + sum.padStart(6, '0')
}

// Fake values in the vendors' documented shapes, built here so no real credential is involved.
const GITHUB = githubToken('Xq7rT2mZ9kLp4WvB8nYc3HdJ6sFa1G')
const STRIPE = 'sk_live_' + '51Hq8ZtL2mN4pR6sT8vX0yB3d'
const AWS_ID = 'AKIA' + 'Q3EGRZ7KMWX4NB2T'
const SLACK = 'xoxb-' + '2741860391-5830157294163-Kq8ZtL2mN4pR6sT8vX0yB3dF'
const JWT = 'eyJhbGciOiJIUzI1NiJ9.' + 'eyJzdWIiOiI0MiIsInJvbGUiOiJhZG1pbiJ9.' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e'
const HEX_KEY = '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c'
const PEM = '-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA7Kq8ZtL2mN4pR6sT8vX0yB3d\\n-----END RSA PRIVATE KEY-----'

// Public by design or data, in their real shapes (built, not copied).
const SITE_KEY = '6L' + 'eKq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eQw5Rt'
const VAPID_PUBLIC = 'BA' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eQw5Rt7Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eQw5Rt7Kq8ZtL2mN'
const GOOGLE_KEY = 'AIza' + 'SyD8Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1'
const ANON_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' + 'eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJhbm9uIiwiaWF0IjoxNzAwMDAwMDAwfQ.' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e'
const PNG_B64 = 'iVBORw0KGgo' + 'AAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg'
const TWILIO_SID = 'AC' + '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c'
const PW = 'Tr0ub4dor' + '&3'
const JWT_IO_EXAMPLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.' +
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
const SECRET_MANIFEST = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'data:', `  password: ${Buffer.from(PW).toString('base64')}`].join('\\n')

const hardcoded = (line: number, column: number, suggestions?: Array<{ env: string; output: string }>) => ({
  messageId: 'hardcoded',
  line,
  column,
  ...(suggestions ? { suggestions: suggestions.map((s) => ({ messageId: 'useEnv', data: { env: s.env }, output: s.output })) } : {}),
})

const sink = (line: number, column: number, what: string, call: string, env: string, output: string) => ({
  messageId: 'hardcoded',
  line,
  column,
  data: { what, where: ` as the key of ${call}` },
  suggestions: [{ messageId: 'useEnv', data: { env }, output }],
})

runBoth(
  'no-hardcoded-secrets',
  rule,
  {
    valid: [
      // placeholders and documentation values
      `const password = 'changeme'`,
      `const config = { apiKey: 'your-api-key-here', token: '<TOKEN>', secret: 'xxxxxxxxxxxx' }`,
      `const stripeKey = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'`,
      // reads, references and names, not values
      `const apiKey = process.env.API_KEY`,
      `const apiKey = process.env.STRIPE_API_KEY ?? ''`,
      `const token = 'GITHUB_TOKEN'`,
      `const dbPassword = 'aws-sm://prod/db#password'`,
      `const url = \`postgres://\${user}:\${password}@db/app\``,
      `headers.set('Authorization', \`Bearer \${token}\`)`,
      // public by design
      `const publishableKey = 'pk_live_51Hq8ZtL2mN4pR6sT8vX0yB3dKq8ZtL2m'`,
      `const integrity = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC'`,
      `const logo = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='`,
      `const pub = '-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7Kq8\\n-----END PUBLIC KEY-----'`,
      `const dsn = 'https://4f2c8e1a9b3d4c6e8f0a1b2c3d4e5f6a@o123456.ingest.sentry.io/7654321'`,
      // ids, hashes and metadata
      `const userId = '550e8400-e29b-41d4-a716-446655440000'`,
      `const commit = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'`,
      `const secretName = 'prod/payments/stripe'`,
      `const passwordError = 'Password must be at least 8 characters'`,
      `const tokenExpiresAt = '2026-12-01T00:00:00Z'`,
      `const maxTokens = '4096'`,
      `import token from './tokens-0f3a9c2e7b.js'`,
      // found in real code (webpack, eslint, vite) by an earlier version
      `/**\n * Basic preprocessing of assets.\n * @typedef {Node & { token: SimpleBlockToken, value: ComponentValue[] }} SimpleBlock\n */`,
      `const code = 'o.credentials=e.crossOrigin==="use-credentials"?"include":"omit";'`,
      `const MODULE_REFERENCE_TOKEN = "__WEBPACK_MODULE_REFERENCE__"`,
      `lastSignificantToken = "?InterpolationInJSX"`,
      `const options = [{ heading: "Basic configuration" }]`,
      // allow lists
      { code: `const stripeKey = '${STRIPE}'`, options: [{ allowValues: ['^sk_live_51Hq8'] }] },
      { code: `const fixturePassword = 'Hunter2Summer!'`, options: [{ allowNames: ['^fixture'] }] },
      { code: `// ${AWS_ID}`, options: [{ checkComments: false }] },
      `client.authenticate('Kq8ZtL2mN4pR6sT8vX0yB3d')`,
      // constants naming themselves or an event, not holding a secret
      `const TOKEN_REFRESH_REQUESTED = 'TOKEN_REFRESH_REQUESTED'`,
      `export const TOKEN_EXPIRED = 'auth/token-expired'`,
      `export const TOKEN_REFRESH = '@@auth/TOKEN_REFRESH_REQUESTED'`,
      `const PASSWORD_RESET = 'auth/password-reset'`,
      `const X_AWS_EC2_METADATA_TOKEN = 'x-aws-ec2-metadata-token'`,
      // encoded data and public-by-design values
      `const FLAG_PNG_B64 = '${PNG_B64}'`,
      `const ADD_WASM_BASE64 = 'AGFzbQEAAAABBwFgAn9/AX8DAgEABwcBA2FkZAAACgkBBwAgACABags='`,
      `grecaptcha.render('captcha', { sitekey: '${SITE_KEY}' })`,
      `const widget = <div className="g-recaptcha" data-sitekey="${SITE_KEY}" />`,
      `const auth0 = { domain: 'app.eu.auth0.com', clientId: 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e' }`,
      `const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: toBytes('${VAPID_PUBLIC}') })`,
      `const firebaseConfig = { apiKey: '${GOOGLE_KEY}', authDomain: 'app.firebaseapp.com', projectId: 'app', messagingSenderId: '1234567890' }`,
      `docsearch({ appId: 'R2IYF7ETH7', apiKey: '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c', indexName: 'docs' })`,
      `const supabase = createClient('https://app.supabase.co', '${ANON_JWT}')`,
      `Paddle.Initialize({ token: 'live_' + '9f2c4e6a8b0d1f3e5a7c9b2d4f6' })`,
      `mapboxgl.accessToken = 'pk.eyJ1IjoiZXhhbXBsZSIsImEiOiJja` + `3E4WnRMMm1ONHBSNnNUOHZYMHlCM2QifQ.Kq8ZtL2mN4pR6sT8vX0yB3'`,
      `expect(header).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9')`,
      // documentation, markers and near misses
      `const example = 'API_KEY=your-api-key'`,
      'const envExample = `API_KEY=\\nDEBUG=true\\n`',
      `if (pem.startsWith('-----BEGIN PRIVATE KEY-----')) parse(pem)`,
      `const HEADER = '-----BEGIN RSA PRIVATE KEY-----'`,
      `const token = 'ghp_' + 'Xq7rT2mZ9kLp4WvB8nYc3HdJ6sFa1Ge5Ku0'`,
      `const serviceTarget = 'AWSSecurityTokenServiceV20110615'`,
      // sinks and commands given no literal key, or a stand-in
      `jwt.sign(payload, process.env.JWT_SECRET)`,
      `jwt.sign(payload, 'secret')`,
      `crypto.createHmac('sha256', key).update(body)`,
      `hash.sign(payload, 'Summer2026!')`,
      `spawn('mysql', ['-u', 'root', '-p', 'app'])`,
      `execSync('docker run -p 8080:80 nginx')`,
      'execSync(`mysql -uroot -p${password} app`)',
      `const cmd = 'curl -u "$USER:$PASSWORD" https://api.example.com'`,
      // more public by design: a JWK's public members, analytics keys, Stripe ids, jwt.io's example
      `const jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }`,
      `posthog.init('phc_' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eQw5Rt7Kq8ZtL2', { api_host: 'https://eu.posthog.com' })`,
      `await stripe.checkout.sessions.retrieve('cs_test_' + 'a1Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eQw5Rt7Kq8ZtL2mN4pR6sT8vX0yB3d')`,
      `const client = createStorefrontClient({ storefrontAccessToken: '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c' })`,
      `const mockJwt = '${JWT_IO_EXAMPLE}'`,
      `const transporter = nodemailer.createTransport({ auth: { user: 'me@example.com', pass: 'abcd efgh ijkl mnop' } })`,
      `const sequelize = new Sequelize(process.env.DATABASE_URL)`,
      `const env = [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]`,
    ],
    invalid: [
      { code: `const token = '${GITHUB}'`, errors: [hardcoded(1, 15, [{ env: 'TOKEN', output: 'const token = process.env.TOKEN' }])] },
      { code: `const client = new Stripe('${STRIPE}')`, errors: [hardcoded(1, 27)] },
      { code: `const key = 'sk_live_' + '51Hq8ZtL2mN4pR6sT8vX0yB3d'`, errors: [hardcoded(1, 13, [{ env: 'KEY', output: 'const key = process.env.KEY' }])] },
      {
        code: 'const hook = `https://hooks.slack.com/services/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`',
        errors: [hardcoded(1, 14, [{ env: 'HOOK', output: 'const hook = process.env.HOOK' }])],
      },
      {
        code: `const aws = { accessKeyId: '${AWS_ID}' }`,
        errors: [hardcoded(1, 28, [{ env: 'ACCESS_KEY_ID', output: 'const aws = { accessKeyId: process.env.ACCESS_KEY_ID }' }])],
      },
      { code: `const dbPassword = 'Tr0ub4dor&3'`, errors: [hardcoded(1, 20, [{ env: 'DB_PASSWORD', output: 'const dbPassword = process.env.DB_PASSWORD' }])] },
      { code: `const signingKey = '${HEX_KEY}'`, errors: [hardcoded(1, 20, [{ env: 'SIGNING_KEY', output: 'const signingKey = process.env.SIGNING_KEY' }])] },
      {
        code: `class Api { clientSecret = 'Zq8mP2vL9xR4wKc7' }`,
        errors: [hardcoded(1, 28, [{ env: 'CLIENT_SECRET', output: 'class Api { clientSecret = process.env.CLIENT_SECRET }' }])],
      },
      {
        code: `function connect(password = 'Summer2026!') {}`,
        errors: [hardcoded(1, 29, [{ env: 'PASSWORD', output: 'function connect(password = process.env.PASSWORD) {}' }])],
      },
      {
        code: `const pw = process.env.DB_PASSWORD ?? 'devPass123'`,
        errors: [hardcoded(1, 39, [{ env: 'DB_PASSWORD', output: 'const pw = process.env.DB_PASSWORD' }])],
      },
      {
        code: `const pw = process.env.DB_PASSWORD || 'devPass123'`,
        errors: [hardcoded(1, 39, [{ env: 'DB_PASSWORD', output: 'const pw = process.env.DB_PASSWORD' }])],
      },
      {
        code: `fetch(url, { headers: { Authorization: 'Bearer ${JWT}' } })`,
        errors: [hardcoded(1, 40, [{ env: 'AUTHORIZATION', output: 'fetch(url, { headers: { Authorization: process.env.AUTHORIZATION } })' }])],
      },
      {
        code: `fetch(url, { headers: { 'X-Api-Key': 'Kq8ZtL2mN4pR6sT8vX0yB3dF' } })`,
        errors: [hardcoded(1, 38, [{ env: 'X_API_KEY', output: "fetch(url, { headers: { 'X-Api-Key': process.env.X_API_KEY } })" }])],
      },
      { code: `headers.set('Authorization', 'Basic YWRtaW46U3VtbWVyMjAyNiE=')`, errors: [hardcoded(1, 30)] },
      { code: `const db = 'postgres://app:Tr0ub4dor3@db.internal:5432/app'`, errors: [hardcoded(1, 12, [{ env: 'DB', output: 'const db = process.env.DB' }])] },
      { code: 'const db = `mongodb+srv://admin:Kq8ZtL2m@${host}/app`', errors: [hardcoded(1, 12, [{ env: 'DB', output: 'const db = process.env.DB' }])] },
      {
        code: `const maps = 'https://maps.example.com/api?api_key=Kq8ZtL2mN4pR6sT8vX0yB3dF&q=x'`,
        errors: [hardcoded(1, 14, [{ env: 'MAPS', output: 'const maps = process.env.MAPS' }])],
      },
      { code: `const key = '${PEM}'`, errors: [hardcoded(1, 13, [{ env: 'KEY', output: 'const key = process.env.KEY' }])] },
      { code: `const hmacSecret = Buffer.from('idkrcznxr3IT/ayLSM8SHHyYwTGg+2J3JIazBHxQ8uj=', 'base64')`, errors: [hardcoded(1, 32)] },
      {
        code: `const mssql = 'Server=db;Database=app;User Id=sa;Password=Cobalt-Canyon-6;'`,
        errors: [hardcoded(1, 15, [{ env: 'MSSQL', output: 'const mssql = process.env.MSSQL' }])],
      },
      { code: `client.authenticate('Kq8ZtL2mN4pR6sT8vX0yB3d')`, options: [{ unnamedMinLength: 20 }], errors: [hardcoded(1, 21)] },
      { code: `client.authenticate('Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eAb')`, errors: [hardcoded(1, 21)] },
      { code: `if (password === 'Hunter2Summer!') login()`, errors: [hardcoded(1, 18)] },
      { code: `config.slack.token = '${SLACK}'`, errors: [hardcoded(1, 22, [{ env: 'TOKEN', output: 'config.slack.token = process.env.TOKEN' }])] },
      {
        code: `const opts = { auth: { user: 'mailer', pass: 'Kq8ZtL2mN4' } }`,
        errors: [hardcoded(1, 46, [{ env: 'PASS', output: "const opts = { auth: { user: 'mailer', pass: process.env.PASS } }" }])],
      },
      { code: `const el = <Map apiKey="Kq8ZtL2mN4pR6sT8vX0yB3dF" />`, errors: [hardcoded(1, 24)] },
      { code: `// deploy token: ${GITHUB}\nconst x = 1`, errors: [{ messageId: 'hardcodedInComment', line: 1, column: 18 }] },
      { code: `/*\n * password = Hunter2Summer!\n */`, errors: [{ messageId: 'hardcodedInComment', line: 2, column: 4 }] },
      // calls that take a key whatever it is called
      {
        code: `const token = jwt.sign({ sub: id }, 'my-jwt-secret-2024')`,
        errors: [sink(1, 37, 'A JWT signing secret', 'jwt.sign()', 'JWT_SECRET', `const token = jwt.sign({ sub: id }, process.env.JWT_SECRET)`)],
      },
      {
        code: `jwt.verify(token, '${PW}')`,
        errors: [sink(1, 19, 'A JWT signing secret', 'jwt.verify()', 'JWT_SECRET', 'jwt.verify(token, process.env.JWT_SECRET)')],
      },
      {
        code: `import { sign } from 'jsonwebtoken'\nexport const issue = (p) => sign(p, '${PW}')`,
        errors: [
          sink(
            2,
            37,
            'A JWT signing secret',
            'sign()',
            'JWT_SECRET',
            `import { sign } from 'jsonwebtoken'\nexport const issue = (p) => sign(p, process.env.JWT_SECRET)`,
          ),
        ],
      },
      {
        code: `const mac = crypto.createHmac('sha256', '${PW}')`,
        errors: [sink(1, 41, 'An HMAC key', 'createHmac()', 'HMAC_KEY', `const mac = crypto.createHmac('sha256', process.env.HMAC_KEY)`)],
      },
      { code: `createHmac('sha256', Buffer.from('${HEX_KEY}${HEX_KEY}', 'hex'))`, errors: [{ messageId: 'hardcoded', line: 1, column: 34 }] },
      {
        code: `const c = crypto.createCipheriv('aes-256-cbc', 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e', iv)`,
        errors: [
          sink(
            1,
            48,
            'An encryption key',
            'createCipheriv()',
            'ENCRYPTION_KEY',
            `const c = crypto.createCipheriv('aes-256-cbc', process.env.ENCRYPTION_KEY, iv)`,
          ),
        ],
      },
      {
        code: `app.use(cookieParser('${PW}'))`,
        errors: [sink(1, 22, 'A cookie signing secret', 'cookieParser()', 'COOKIE_SECRET', 'app.use(cookieParser(process.env.COOKIE_SECRET))')],
      },
      { code: `const { payload } = await jwtVerify(token, new TextEncoder().encode('${PW}'))`, errors: [{ messageId: 'hardcoded', line: 1, column: 69 }] },
      {
        code: `const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('${PW}'))`,
        errors: [{ messageId: 'hardcoded', line: 1, column: 106 }],
      },
      {
        code: `const sms = twilio('${TWILIO_SID}', '${HEX_KEY}')`,
        errors: [sink(1, 58, 'A Twilio auth token', 'twilio()', 'TWILIO_AUTH_TOKEN', `const sms = twilio('${TWILIO_SID}', process.env.TWILIO_AUTH_TOKEN)`)],
      },
      {
        code: `sgMail.setApiKey('Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e')`,
        errors: [hardcoded(1, 18, [{ env: 'API_KEY', output: 'sgMail.setApiKey(process.env.API_KEY)' }])],
      },
      // commands and config text held in strings
      { code: `spawn('mysql', ['-u', 'root', '-pTr0ub4dor3', 'app'])`, errors: [{ messageId: 'hardcoded', line: 1, column: 31 }] },
      { code: `Bun.spawn(['sshpass', '-p', 'Tr0ub4dor3', 'ssh', 'deploy@10.0.0.4'])`, errors: [{ messageId: 'hardcoded', line: 1, column: 29 }] },
      { code: `execSync('curl -u admin:Tr0ub4dor3 https://api.example.com/v1')`, errors: [{ messageId: 'hardcoded', line: 1, column: 10 }] },
      { code: "const cmd = `sshpass -p 'Tr0ub4dor3' ssh deploy@${host}`", errors: [hardcoded(1, 13, [{ env: 'CMD', output: 'const cmd = process.env.CMD' }])] },
      { code: `run('docker login -u ci -p Tr0ub4dor3 registry.example.com')`, errors: [{ messageId: 'hardcoded', line: 1, column: 5 }] },
      { code: `const manifest = '${SECRET_MANIFEST}'`, errors: [hardcoded(1, 18, [{ env: 'MANIFEST', output: 'const manifest = process.env.MANIFEST' }])] },
      {
        code: `const nuget = '<add key="ClearTextPassword" value="Tr0ub4dor3" />'`,
        errors: [hardcoded(1, 15, [{ env: 'NUGET', output: 'const nuget = process.env.NUGET' }])],
      },
      {
        code: `const maven = '<server><id>nexus</id><password>Tr0ub4dor3</password></server>'`,
        errors: [hardcoded(1, 15, [{ env: 'MAVEN', output: 'const maven = process.env.MAVEN' }])],
      },
      {
        code: `const ini = '[default]\\naws_secret_access_key = /Kq8ZtL2mN4pR6sT8vX0yB3+dF7hJ9kW1eQw5Rt7\\n'`,
        errors: [hardcoded(1, 13, [{ env: 'INI', output: 'const ini = process.env.INI' }])],
      },
      // names
      { code: `const SONAR_LOGIN = '${HEX_KEY}'`, errors: [hardcoded(1, 21, [{ env: 'SONAR_LOGIN', output: 'const SONAR_LOGIN = process.env.SONAR_LOGIN' }])] },
      {
        code: `const OSS_ACCESS_ID = 'Kq8ZtL2mN4pR6sT8vX0yB3dF'`,
        errors: [hardcoded(1, 23, [{ env: 'OSS_ACCESS_ID', output: 'const OSS_ACCESS_ID = process.env.OSS_ACCESS_ID' }])],
      },
      { code: `const passphrase = '${PW}'`, errors: [hardcoded(1, 20, [{ env: 'PASSPHRASE', output: 'const passphrase = process.env.PASSPHRASE' }])] },
      { code: `const creds = 'Kq8ZtL2mN4pR6sT8vX0yB3dF'`, errors: [hardcoded(1, 15, [{ env: 'CREDS', output: 'const creds = process.env.CREDS' }])] },
      {
        code: `const APP_KEY = 'base64:Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eQw5Rt7Yu3Io='`,
        errors: [hardcoded(1, 17, [{ env: 'APP_KEY', output: 'const APP_KEY = process.env.APP_KEY' }])],
      },
      {
        code: `const HASH_SALT = 'Kq8ZtL2mN4pR6sT8vX0yB3dF'`,
        errors: [hardcoded(1, 19, [{ env: 'HASH_SALT', output: 'const HASH_SALT = process.env.HASH_SALT' }])],
      },
      // a public-looking config still holding a real secret format
      {
        code: `const cfg = { apiKey: '${STRIPE}', authDomain: 'app.firebaseapp.com' }`,
        errors: [hardcoded(1, 23, [{ env: 'API_KEY', output: `const cfg = { apiKey: process.env.API_KEY, authDomain: 'app.firebaseapp.com' }` }])],
      },
      { code: `// curl -u admin:Tr0ub4dor3 https://api.example.com`, errors: [{ messageId: 'hardcodedInComment', line: 1, column: 18 }] },
      // positional credentials of client constructors, users maps, sibling names, JWK key material
      {
        code: `const db = new Sequelize('app', 'root', '${PW}', { dialect: 'mysql' })`,
        errors: [
          sink(
            1,
            41,
            'A database password',
            'new Sequelize()',
            'DB_PASSWORD',
            `const db = new Sequelize('app', 'root', process.env.DB_PASSWORD, { dialect: 'mysql' })`,
          ),
        ],
      },
      {
        code: `const oauth = new google.auth.OAuth2(CLIENT_ID, 'Kq8ZtL2mN4pR6sT8vX0yB3dF', REDIRECT)`,
        errors: [
          sink(
            1,
            49,
            'An OAuth client secret',
            'new OAuth2()',
            'OAUTH_CLIENT_SECRET',
            'const oauth = new google.auth.OAuth2(CLIENT_ID, process.env.OAUTH_CLIENT_SECRET, REDIRECT)',
          ),
        ],
      },
      {
        code: `AWS.config.credentials = new AWS.Credentials('${AWS_ID}', 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eQw5Rt7Yu')`,
        errors: [
          hardcoded(1, 46),
          sink(
            1,
            70,
            'An AWS secret access key',
            'new Credentials()',
            'AWS_SECRET_ACCESS_KEY',
            `AWS.config.credentials = new AWS.Credentials('${AWS_ID}', process.env.AWS_SECRET_ACCESS_KEY)`,
          ),
        ],
      },
      {
        code: `app.use(basicAuth({ users: { admin: '${PW}' }, challenge: true }))`,
        errors: [{ messageId: 'hardcoded', line: 1, column: 37, data: { what: 'A password', where: ' in the users of basicAuth()' } }],
      },
      {
        code: `fetch(url, { headers: { 'X-RapidAPI-Key': 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e' } })`,
        errors: [hardcoded(1, 43, [{ env: 'X_RAPID_API_KEY', output: "fetch(url, { headers: { 'X-RapidAPI-Key': process.env.X_RAPID_API_KEY } })" }])],
      },
      {
        code: `const env = [{ name: 'DB_PASSWORD', value: '${PW}' }]`,
        errors: [hardcoded(1, 44, [{ env: 'DB_PASSWORD', output: "const env = [{ name: 'DB_PASSWORD', value: process.env.DB_PASSWORD }]" }])],
      },
      {
        code: `const jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' }`,
        errors: [{ messageId: 'hardcoded', line: 1, column: 93, data: { what: 'A private key', where: ' in a JSON Web Key' } }],
      },
      {
        code: `const transporter = nodemailer.createTransport({ auth: { user: 'me@example.com', pass: 'qwbn tyrx zplm hkvd' } })`,
        errors: [
          hardcoded(1, 88, [
            { env: 'PASS', output: "const transporter = nodemailer.createTransport({ auth: { user: 'me@example.com', pass: process.env.PASS } })" },
          ]),
        ],
      },
    ],
  },
  {
    valid: [`type Token = 'ghp_Xq7rT2mZ9kLp4WvB8nYc3HdJ6sFa1Ge5Ku0o'`, `enum Keys { ApiKey = 'API_KEY' }`],
    invalid: [
      {
        code: `class Api { private readonly apiKey: string = '${STRIPE}' }`,
        errors: [hardcoded(1, 47, [{ env: 'API_KEY', output: 'class Api { private readonly apiKey: string = process.env.API_KEY }' }])],
      },
      { code: `const token = '${GITHUB}' as const`, errors: [hardcoded(1, 15, [{ env: 'TOKEN', output: 'const token = process.env.TOKEN' }])] },
    ],
  },
)
