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

const hardcoded = (line: number, column: number, suggestions?: Array<{ env: string; output: string }>) => ({
  messageId: 'hardcoded',
  line,
  column,
  ...(suggestions ? { suggestions: suggestions.map((s) => ({ messageId: 'useEnv', data: { env: s.env }, output: s.output })) } : {}),
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
