// Secrets known by where they go or how they are compared rather than by a name: calls that
// take a password or key, Basic credentials being encoded, a shared secret a request is checked
// against, key bytes, tagged templates run as commands; and look-alikes public by design.
import rule from '../../src/rules/no-hardcoded-secrets.js'
import { runBoth } from '../testers.js'

const PW = 'Qx7mL2' + 'pRt9vBn4'
const TOKEN = 'zblb7k2mq4xw' + 'vyp5n3rt8s6u9c1d0fghj2kl'
const HEX32 = '95874a3c2b1f0e9d' + '8c7b6a5f4e3d2c1b'

const found = (what: string, where: string) => ({ messageId: 'hardcoded', data: { what, where } })
/** A finding whose suggestion reads `env` in place of `literal`. */
const fixed = (what: string, where: string, code: string, literal: string, env: string) => ({
  ...found(what, where),
  suggestions: [{ messageId: 'useEnv', data: { env }, output: code.replace(`'${literal}'`, `process.env.${env}`) }],
})
/** An invalid case whose one finding has a suggestion. */
const withFix = (code: string, what: string, where: string, literal: string, env: string) => ({ code, errors: [fixed(what, where, code, literal, env)] })

runBoth('no-hardcoded-secrets', rule, {
  valid: [
    // the same calls given a variable, a stand-in or something that is not a credential
    `client.bind('cn=svc,ou=services,dc=acme,dc=local', process.env.LDAP_PASSWORD, cb)`,
    `const bound = handler.bind(this, '${PW}')`,
    `const key = crypto.scryptSync(process.env.PASSPHRASE, 'salt', 32)`,
    `const hash = await bcrypt.hash(input.password, 10)`,
    `const hash = await bcrypt.hash('changeme', 10)`,
    `const digest = await hasher.hash('${PW}')`,
    `if (req.query.mode !== 'dark-theme') next()`,
    `if (req.query.key !== process.env.API_SHARED_SECRET) res.status(403).end()`,
    `const iv = Buffer.from('${HEX32}', 'hex')`,
    `const greeting = btoa('hello world, this is text')`,
    `const time = btoa('12:30:45')`,
    'const q = gql`query { viewer { login } }`',
    'await $`rsync -az ./dist/ deploy@edge-01.acme.io:/srv/www/`',
    // public by design
    `export const analytics = AnalyticsBrowser.load({ writeKey: '${TOKEN}' })`,
    `const MIXPANEL_TOKEN = '${HEX32}'`,
    `const AMPLITUDE_API_KEY = '${HEX32}'`,
    `const PUSHER_KEY = '${HEX32.slice(0, 20)}'`,
    `export const PINS = ['sha256/r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=']`,
    `export const LEGACY_CID = 'QmRxW9nRZ3cKZ4bY2Y7fJgHqWvT8uEs1pDkLmNoPqRsTuV'`,
    `const de = { login: 'Anmelden', password: 'Passwort', passwordHint: 'Mindestens 8 Zeichen' }`,
    `const es = { password: 'Contraseña:' }`,
    `Bugsnag.start({ apiKey: '${HEX32}' })`,
    `const checkout = await AdyenCheckout({ clientKey: 'live_KQ8ZTL2MN4PR6ST8VX0YB3DF7HJ9KW1E', environment: 'live' })`,
    `const braintree = { authorization: 'production_kq8ztl2m_4pr6st8vx0yb3df7' }`,
    `const newrelic = { licenseKey: 'NRJS-9f2c4e6a8b0d1f3e5a7', applicationID: '1134567890' }`,
    `const twilioKey = { apiKeySid: 'SK${HEX32}${HEX32.slice(0, 0)}', region: 'ie1' }`,
  ],
  invalid: [
    withFix(`client.bind('cn=svc-portal,ou=services,dc=acme,dc=local', '${PW}', cb)`, 'An LDAP bind password', ' in bind()', PW, 'LDAP_PASSWORD'),
    withFix(`const key = crypto.scryptSync('${PW}', 'salt', 32)`, 'A key derivation passphrase', ' in scryptSync()', PW, 'ENCRYPTION_PASSPHRASE'),
    withFix(`crypto.pbkdf2('${PW}', salt, 100000, 32, 'sha256', cb)`, 'A key derivation passphrase', ' in pbkdf2()', PW, 'ENCRYPTION_PASSPHRASE'),
    withFix(`const u = { passwordHash: await bcrypt.hash('${PW}', 10) }`, 'A password', ' hashed by bcrypt.hash()', PW, 'SEED_PASSWORD'),
    withFix(`const h = azdev.getPersonalAccessTokenHandler('${TOKEN}')`, 'An access token', ' in getPersonalAccessTokenHandler()', TOKEN, 'AZURE_DEVOPS_TOKEN'),
    {
      code: `if (req.query.key !== '${HEX32}') res.status(403).end()`,
      errors: [found('A shared secret', ' as the value a request is checked against')],
    },
    {
      code: `if (req.get('x-api-key') === '${TOKEN}') next()`,
      errors: [found('A shared secret', ' as the value a request is checked against')],
    },
    { code: `const KEY = Buffer.from('${HEX32}${HEX32}', 'hex')`, errors: [found('A key', ' as key bytes')] },
    { code: `const h = { Authorization: 'Basic ' + btoa('admin:${PW}') }`, errors: [found('A password', ' in credentials encoded for a Basic header')] },
    {
      code: `const h = { Authorization: \`Basic \${Buffer.from('deploy:${PW}').toString('base64')}\` }`,
      errors: [found('A password', ' in credentials encoded for a Basic header')],
    },
    { code: `await $\`sshpass -p '${PW}' rsync -az ./dist/ deploy@edge-01.acme.io:/srv/www/\``, errors: [found('A password in a command', '')] },
    { code: 'const r = await fetch(`${API}?q=${city}&appid=' + HEX32 + '&units=metric`)', errors: [found('A key in a URL parameter', '')] },
    withFix(`const MIXPANEL_API_SECRET = '${HEX32}'`, 'A secret key or token', ' in "MIXPANEL_API_SECRET"', HEX32, 'MIXPANEL_API_SECRET'),
    withFix(`const bugsnag = { apiKey: '${HEX32}' }`, 'A secret key or token', ' in "apiKey"', HEX32, 'API_KEY'),
    withFix(`const algolia = { appId: 'ABC', writeKey: '${TOKEN}' }`, 'A secret key or token', ' in "writeKey"', TOKEN, 'WRITE_KEY'),
  ],
})
