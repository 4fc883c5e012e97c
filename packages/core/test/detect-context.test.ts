import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { detectSecret, findSecrets, isSecretName } from '../src/detect/index.js'

// Every value is built here from random bytes in the shape that matters, so nothing real is
// involved and no scanner reading this file finds a credential in it.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const alnum = (n: number) => [...randomBytes(n)].map((b) => ALNUM[b % 62]).join('')
const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n)
const b64 = (bytes: number) => randomBytes(bytes).toString('base64')
/** A human password: words, digits and a symbol, as people pick them. */
const password = () => `Kq${alnum(6)}-${alnum(4)}7!`
const encode = (s: string) => Buffer.from(s).toString('base64')

/** The findings' kinds, so a failure shows what was found and never the text. */
const kinds = (text: string) => findSecrets(text).map((f) => f.kind)

describe('credentials in commands held in strings', () => {
  const pw = password()
  const found: Array<[string, string]> = [
    ['curl -u user:password', `curl -u admin:${pw} https://api.example.com/v1`],
    ['curl -u glued', `curl -uadmin:${pw} https://api.example.com`],
    ['curl --user in quotes', `curl --user "deploy:${pw}" https://api.example.com`],
    ['curl -H Authorization: Bearer', `curl -H 'Authorization: Bearer ${alnum(40)}' https://api.example.com`],
    ['curl -H Authorization: Basic', `curl -H "Authorization: Basic ${encode(`admin:${pw}`)}" https://api.example.com`],
    ['curl -H X-Api-Key', `curl -H 'X-Api-Key: ${alnum(32)}' https://api.example.com`],
    ['mysql -pPASSWORD', `mysql -u root -p${pw} app`],
    ['mysql -p in quotes', `mysql -uroot -p'${pw}' app`],
    ['mysqldump --password=', `mysqldump --password=${pw} app > dump.sql`],
    ['psql connection URL', `psql "postgresql://app:${pw}@db:5432/app"`],
    ['psql connection string', `psql "host=db user=app password=${pw} dbname=app"`],
    ['PGPASSWORD before psql', `PGPASSWORD=${pw} psql -h db -U app`],
    ['sshpass -p', `sshpass -p '${pw}' ssh deploy@10.0.0.4`],
    ['docker login -p', `docker login -u ci -p ${pw} registry.example.com`],
    ['docker login --password', `docker login --username ci --password ${pw} registry.example.com`],
    ['redis-cli -a', `redis-cli -h cache -a ${pw} ping`],
    ['htpasswd -b with a file', `htpasswd -bc /etc/nginx/.htpasswd admin ${pw}`],
    ['htpasswd -nb', `htpasswd -nb admin ${pw}`],
    ['kubectl --from-literal', `kubectl create secret generic db --from-literal=password=${pw}`],
    ['openssl pass:', `openssl enc -aes-256-cbc -in a.txt -out a.enc -pass pass:${pw}`],
    ['keytool -storepass', `keytool -list -keystore app.jks -storepass ${pw}`],
    ['a continued line', `curl https://api.example.com \\\n  -u admin:${pw}`],
  ]
  it.each(found)('finds %s', (_, text) => {
    expect(findSecrets(text).length, 'findings').toBeGreaterThan(0)
    expect(detectSecret(text), 'as one value').toBeDefined()
  })

  it('reports the password alone, with no value in the label', () => {
    const text = `mysql -u root -p${pw} app`
    const [f] = findSecrets(text)
    expect(f?.kind).toBe('command')
    expect(text.slice(f!.index, f!.index + f!.length) === pw, 'the span is the password').toBe(true)
    expect(f!.label.includes(pw)).toBe(false)
  })

  it.each([
    ['curl with shell variables', 'curl -u "$USER:$PASSWORD" https://api.example.com'],
    ['curl with a template', 'curl -u admin:${PASSWORD} https://api.example.com'],
    ['a Bearer variable', 'curl -H "Authorization: Bearer $TOKEN" https://api.example.com'],
    ['a documented stand-in', "curl -H 'X-Api-Key: <your-api-key>' https://api.example.com"],
    ['mysql prompting for the password', 'mysql -u root -p app'],
    ['mysql with a variable', 'mysql -u root -p${DB_PASSWORD} app'],
    ['mysql with stars', 'mysql -uroot -p*** app'],
    ['mysql with changeme', 'mysql -uroot -pchangeme app'],
    ['sshpass reading the environment', 'sshpass -e ssh host'],
    ['docker login from stdin', 'docker login -u ci --password-stdin registry.example.com'],
    ['docker run -p is a port', 'docker run -p 8080:80 nginx'],
    ['redis-cli with a variable', 'redis-cli -a $REDIS_PASSWORD ping'],
    ['htpasswd with a stand-in', "htpasswd -bc .htpasswd admin '<password>'"],
    ['curl with x-es', 'curl -u user:xxxx https://api.example.com'],
    ['a usage line', 'Usage: app --user <name> --password <password>'],
    ['a password file flag', 'app --password-file /run/secrets/db'],
  ])('passes %s', (_, text) => {
    expect(kinds(text)).toEqual([])
  })
})

describe('config text held in strings', () => {
  const pw = password()
  const secretManifest = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n${data}`
  it.each([
    ['a Kubernetes Secret data: value', secretManifest(`data:\n  username: ${encode('admin')}\n  password: ${encode(pw)}\n`)],
    ['a Kubernetes Secret stringData: value', secretManifest(`stringData:\n  DB_PASS: ${pw}\n`)],
    ['a Kubernetes Secret holding random bytes', secretManifest(`data:\n  key.bin: ${b64(32)}\n`)],
    ['a Kubernetes Secret holding a URL with a password', secretManifest(`data:\n  DATABASE: ${encode(`postgres://app:${pw}@db/app`)}\n`)],
    [
      'NuGet ClearTextPassword',
      `<configuration><packageSourceCredentials><feed><add key="Username" value="ci" /><add key="ClearTextPassword" value="${pw}" /></feed></packageSourceCredentials></configuration>`,
    ],
    ['.NET appSettings ApiKey', `<appSettings>\n  <add key="ApiKey" value="${alnum(32)}" />\n</appSettings>`],
    [
      'a Maven server password',
      `<servers>\n  <server>\n    <id>nexus</id>\n    <username>deploy</username>\n    <password>${pw}</password>\n  </server>\n</servers>`,
    ],
    ['an AWS credentials file', `[default]\naws_access_key_id = ${'AKIA' + 'Q3EGRZ7KMWX4NB2T'}\naws_secret_access_key = ${b64(30)}\n`],
    ['an AWS secret key alone', `[prod]\naws_secret_access_key=${b64(30)}\nregion = eu-west-1\n`],
    ['an AWS secret key starting with a slash', `[prod]\naws_secret_access_key = /${alnum(20)}+${alnum(18)}\n`],
    ['an .npmrc auth token', `//registry.npmjs.org/:_authToken=${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`],
    ['YAML', `database:\n  host: db\n  password: ${pw}\n`],
    ['TOML', `[database]\nhost = "db"\npassword = "${pw}"\n`],
    ['an .env file', `NODE_ENV=production\nDB_HOST=db\nDB_PASSWORD=${pw}\n`],
    ['a quoted value with a semicolon', `secret: "${alnum(12)};${alnum(12)}"`],
    ['Go :=', `apiKey := "${alnum(32)}"`],
    ['Python os.environ[...] =', `os.environ["API_KEY"] = "${alnum(32)}"`],
    ['Ruby ENV[...] =', `ENV['DB_PASSWORD'] = '${pw}'`],
    ['a typed Python default', `password: str = "${pw}"`],
    ['a Java constant', `private static final String API_KEY = "${alnum(32)}";`],
    ['a Java properties call', `props.put("password", "${pw}");`],
    ['a getenv default', `os.getenv("DB_PASSWORD", "${pw}")`],
    ['a .properties line', `db.password=${pw}`],
    ['a Kubernetes env list', `env:\n  - name: LOG_LEVEL\n    value: debug\n  - name: DB_PASSWORD\n    value: "${pw}"\n`],
    ['an ECS task definition', `"environment": [{ "name": "API_KEY", "value": "${alnum(32)}" }]`],
    ['an ECS task definition, value first', `{ "value": "${alnum(32)}", "name": "API_KEY" }`],
    ['a Terraform variable default', `variable "db_password" {\n  type    = string\n  default = "${pw}"\n}`],
  ])('finds %s', (_, text) => {
    expect(findSecrets(text).length, 'findings').toBeGreaterThan(0)
    expect(detectSecret(text), 'as one value').toBeDefined()
  })

  it.each([
    ['a Kubernetes Secret with stand-ins', secretManifest(`data:\n  password: ${encode('changeme')}\n  host: ${encode('postgres.default.svc')}\n`)],
    ['a Kubernetes Secret with a template', secretManifest('stringData:\n  password: ${DB_PASSWORD}\n')],
    ['a ConfigMap with no secret', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  LOG_LEVEL: debug\n  REGION: eu-west-1\n'],
    ['NuGet reading the environment', '<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />'],
    ['Maven reading the environment', '<password>${env.DEPLOY_PASSWORD}</password>'],
    ['a Maven encrypted password', '<password>{COQLCE6DU6GtcS5P=}</password>'],
    ['an .npmrc reading the environment', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    ['an example .env in documentation', 'API_KEY=your-api-key\nDEBUG=true'],
    ['an empty key before the next line', 'KEY=\nOTHER=1'],
    ['an empty secret before a URL line', 'SECRET_KEY=\nDATABASE_URL=postgres://localhost/app'],
    ['an empty token before a name', 'API_TOKEN=\nNEXT_PUBLIC_API_URL=https://api.example.com'],
    ['a local default URL naming itself', 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app'],
    ['a label for a password field', 't("password", "Password")'],
    ['a Kubernetes env list reading a Secret', 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: { name: db, key: password }\n'],
    ['a Terraform variable with no default', 'variable "db_password" {\n  type      = string\n  sensitive = true\n}'],
    ['a header set from a variable', 'setHeader("token", token)'],
    ['a type annotation', 'password: string'],
    ['a typed parameter with no default', 'def login(password: str = None):'],
  ])('passes %s', (_, text) => {
    expect(kinds(text)).toEqual([])
  })
})

describe('calls that take a secret, in text', () => {
  const pw = password()
  it.each([
    ['jwt.sign', `const token = jwt.sign({ sub: user.id }, 'my-jwt-secret-${alnum(4)}', { expiresIn: '1h' })`],
    ['jwt.verify', `jwt.verify(token, "${alnum(24)}")`],
    ['jose TextEncoder key', `const secret = new TextEncoder().encode('${hex(64)}')`],
    ['jose SignJWT.sign', `await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('${pw}'))`],
    ['createHmac', `crypto.createHmac('sha256', '${pw}').update(body).digest('hex')`],
    ['createHmac with Buffer.from', `createHmac('sha256', Buffer.from('${hex(64)}', 'hex'))`],
    ['createCipheriv', `crypto.createCipheriv('aes-256-cbc', '${alnum(32)}', iv)`],
    ['cookieParser', `app.use(cookieParser('${pw}'))`],
    ['express-session', `app.use(session({ secret: '${pw}', resave: false }))`],
    ['pg Pool', `const pool = new Pool({ host: 'db', user: 'app', password: '${pw}' })`],
    ['mongoose.connect', `mongoose.connect('mongodb://app:${pw}@db:27017/app')`],
  ])('finds %s', (_, text) => {
    expect(findSecrets(text).length, 'findings').toBeGreaterThan(0)
  })

  it.each([
    ['a placeholder secret', "jwt.sign(payload, 'secret')"],
    ['an env read', 'jwt.sign(payload, process.env.JWT_SECRET)'],
    ['a variable', "createHmac('sha256', key)"],
    ['a template', 'createHmac(`sha256`, `${key}`)'],
  ])('passes %s', (_, text) => {
    expect(kinds(text)).toEqual([])
  })
})

describe('names that hold a secret', () => {
  it.each([
    'SONAR_LOGIN',
    'sonar.login',
    'OSS_ACCESSID',
    'ALIBABA_ACCESS_ID',
    'passphrase',
    'pwd',
    'passwd',
    'creds',
    'credentials',
    'GITHUB_PAT',
    'WIFI_PSK',
    'signing_key',
    'encryption_key',
    'master_key',
    'HASH_SALT',
    'connection_string',
    'NEXTAUTH_SECRET',
    'SESSION_SECRET',
    'JWT_SECRET',
    'APP_KEY',
    'SECRET_KEY_BASE',
    'DJANGO_SECRET_KEY',
    'FLASK_SECRET_KEY',
    'PGPASSWORD',
    'SSHPASS',
    'SENDGRID_KEY',
  ])('%s', (name) => {
    expect(isSecretName(name)).toBe(true)
  })

  it.each([
    'accessKeyId',
    'ALGOLIA_SEARCH_API_KEY',
    'saltRounds',
    'hashedPassword',
    'saltedPassword',
    'STRIPE_KEY',
    'pat',
    'The_parser_expected_to_find_a_token_here',
    'storefrontAccessToken',
    'X-Algolia-Public-Key',
  ])('not %s', (name) => {
    expect(isSecretName(name)).toBe(false)
  })

  it('judges framework secrets by their values', () => {
    expect(detectSecret(`base64:${b64(32)}`, { name: 'APP_KEY' })?.kind).toBe('named')
    expect(detectSecret(hex(128), { name: 'SECRET_KEY_BASE' })?.kind).toBe('named')
    expect(detectSecret(alnum(24), { name: 'OSS_ACCESS_ID' })?.kind).toBe('named')
    expect(detectSecret('my-app', { name: 'OSS_ACCESS_ID' })).toBeUndefined()
    expect(detectSecret(alnum(32), { name: 'AUTH_SALT' })?.kind).toBe('named')
    expect(detectSecret('pepper', { name: 'AUTH_SALT' })).toBeUndefined()
  })

  it("counts Google's app passwords, four groups of four letters", () => {
    const group = () => [...randomBytes(4)].map((b) => 'qwrtypsdfghjklzxcvbnm'[b % 21]).join('')
    expect(detectSecret(`${group()} ${group()} ${group()} ${group()}`, { name: 'pass' })?.kind).toBe('named')
  })

  it('judges a connection string under a secret name by what it holds', () => {
    expect(detectSecret(`Server=db;Database=app;User Id=sa;Password=${password()};`, { name: 'connectionString' })).toBeDefined()
    expect(detectSecret('Server=db;Database=app;Trusted_Connection=True;', { name: 'connectionString' })).toBeUndefined()
  })
})

describe('false alarms', () => {
  it.each([
    ['a constant spelling its own name', 'TOKEN_REFRESH_REQUESTED', 'TOKEN_REFRESH_REQUESTED'],
    ['an event id', 'auth/token-expired', 'TOKEN_EXPIRED'],
    ['an action type', '@@auth/TOKEN_REFRESH_REQUESTED', 'TOKEN_REFRESH'],
    ['an event about a password', 'auth/password-reset', 'PASSWORD_RESET'],
    ['a channel name', 'secret:changed', 'SECRET_CHANGED'],
    ['a header constant', 'x-aws-ec2-metadata-token', 'X_AWS_EC2_METADATA_TOKEN'],
    ['a PNG as base64', 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg', 'FLAG_PNG_B64'],
    ['a wasm module as base64', 'AGFzbQEAAAABBwFgAn9/AX8DAgEABwcBA2FkZAAACgkBBwAgACABags=', 'ADD_WASM_BASE64'],
    ['a font as base64', `d09GMgABAAAAA${alnum(60)}`, 'fontData'],
    ['random data under a data name', alnum(64), 'SAMPLE_DATA'],
    ['a reCAPTCHA site key', `6L${alnum(38)}`, 'sitekey'],
    ['a reCAPTCHA site key with no name', `6L${alnum(38)}`, undefined],
    ['a Turnstile site key', `0x4AAAAAAA${alnum(14)}`, 'siteKey'],
    ['an OAuth client id', alnum(32), 'clientId'],
    ['a VAPID public key', `BA${randomBytes(64).toString('base64url').slice(0, 85)}`, 'applicationServerKey'],
    ['a VAPID public key with no name', `BP${randomBytes(64).toString('base64url').slice(0, 85)}`, undefined],
    ['an Algolia search-only key', hex(32), 'ALGOLIA_SEARCH_API_KEY'],
    ['a Paddle client-side token', `live_${hex(27)}`, 'token'],
    ['a Mapbox public token', `pk.eyJ1Ijoi${alnum(40)}.${alnum(22)}`, 'accessToken'],
    ['a JWT header alone', encode('{"alg":"HS256","typ":"JWT"}').replace(/=+$/, ''), undefined],
    ['a JWT header alone under a token name', encode('{"alg":"RS256","typ":"JWT"}').replace(/=+$/, ''), 'token'],
    ['an example env line', 'API_KEY=your-api-key', undefined],
    ['a private key header alone', '-----BEGIN PRIVATE KEY-----', undefined],
    ['a private key header with a stand-in body', '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----', 'privateKey'],
    ['a GitHub token one character short', `ghp_${alnum(35)}`, 'token'],
    ['a GitHub token one character short, unnamed', `ghp_${alnum(35)}`, undefined],
    ['an AWS key id with the wrong alphabet', `AKIA${alnum(16).toLowerCase()}`, 'awsKey'],
    ['a Slack token stand-in', 'xoxb-your-token', 'SLACK_TOKEN'],
    ['an identifier of words and a date', 'AWSSecurityTokenServiceV20110615', undefined],
    ['a message id of words', 'A_class_member_cannot_have_the_0_keyword_1248', undefined],
    ['encoded text', encode('Hello there, this is plain text.'), undefined],
    ['a Stripe Checkout session id', `cs_test_${alnum(58)}`, undefined],
    ['a Stripe price id', `price_${alnum(24)}`, 'priceId'],
    ['a PostHog project key', `phc_${alnum(43)}`, undefined],
    ['a Datadog RUM client token', `pub${hex(32)}`, 'clientToken'],
    ['a Supabase publishable key', `sb_publishable_${alnum(30)}`, 'SUPABASE_KEY'],
    [
      "jwt.io's example token",
      `${encode('{"alg":"HS256","typ":"JWT"}').replace(/=+$/, '')}.${Buffer.from('{"sub":"1234567890","name":"John Doe","iat":1516239022}').toString('base64url')}.${alnum(43)}`,
      'mockJwt',
    ],
    ['an app password made of the alphabet', 'abcd efgh ijkl mnop', 'pass'],
  ])('passes %s', (_, value, name) => {
    expect(detectSecret(value, { name }), 'a finding').toBeUndefined()
  })

  it.each([
    ['a private key header in code', "if (pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')) return 'rsa'"],
    ['PEM markers in code', "const header = '-----BEGIN PRIVATE KEY-----'\nconst footer = '-----END PRIVATE KEY-----'\nreturn header + body + footer"],
    ['a Firebase web config', `const firebaseConfig = { apiKey: "${'AIza' + alnum(35)}", authDomain: "app.firebaseapp.com", projectId: "app" }`],
    ['Algolia DocSearch settings', `docsearch({ appId: '${alnum(10).toUpperCase()}', apiKey: '${hex(32)}', indexName: 'docs' })`],
    ['a GitHub token one character short', `GITHUB_TOKEN=ghp_${alnum(35)}`],
    [
      'a Supabase anon key',
      `SUPABASE_ANON=${encode('{"alg":"HS256","typ":"JWT"}').replace(/=+$/, '')}.${Buffer.from(`{"iss":"supabase","role":"anon","ref":"${alnum(8)}"}`).toString('base64url')}.${alnum(43)}`,
    ],
    ['code assigning a call', 'token = stream.consume();\ncredentials: MergeFunctions<AwsCredentialIdentityProvider, Memoized>'],
    ['code assigning a type', 'function scryptSync(password: BinaryLike, salt: BinaryLike)'],
    ['code re-exporting a name', 'exports.CreateOAuth2TokenCommand = CreateOAuth2TokenCommand;\ntype ArrowToken = ArrowToken$1'],
    ['a hex literal', 'readonly STENCIL_PASS_DEPTH_PASS: 0x0B96;'],
    ['a secret ARN', `SecretId: "arn:aws:secretsmanager:us-west-2:123456789012:secret:prod/db-${alnum(6)}"`],
    ['a TLS cipher list', "ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:!aNULL:!MD5:!PSK:!SRP:!CAMELLIA'"],
  ])('passes %s in text', (_, text) => {
    expect(kinds(text)).toEqual([])
  })

  it('still judges a random value under a framework public prefix, where a secret may slip', () => {
    // About 2% of random 40-character strings fail the no-name bar (a long lower-case run, no
    // digit); draw one that passes it, since what is tested is that the prefix does not excuse it.
    let value = alnum(40)
    while (!detectSecret(value)) value = alnum(40)
    expect(detectSecret(value, { name: 'NEXT_PUBLIC_ANALYTICS' })?.kind).toBe('entropy')
    expect(detectSecret(alnum(40), { name: 'VAPID_PUBLIC_KEY' })).toBeUndefined()
  })

  it('still finds a private key with a body, and a real Supabase service key', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${b64(48)}\n${b64(48)}\n-----END PRIVATE KEY-----`
    expect(kinds(pem)).toContain('private-key')
    expect(kinds(`const key = '-----BEGIN PRIVATE KEY-----\\n' +\n  '${b64(48)}\\n'`)).toContain('private-key')
    const service = `${encode('{"alg":"HS256","typ":"JWT"}').replace(/=+$/, '')}.${Buffer.from(`{"iss":"supabase","role":"service_role","ref":"${alnum(8)}"}`).toString('base64url')}.${alnum(43)}`
    expect(detectSecret(service)?.kind).toBe('jwt')
  })

  it('still finds a Google API key outside a Firebase config', () => {
    expect(kinds(`const maps = { apiKey: "${'AIza' + alnum(35)}", region: "eu" }`)).toContain('google-api-key')
  })
})

describe('values named by their vendor or shape, not by a secret word', () => {
  it('reads base64 padding at the end of a setting as part of the value, not as `==` code', () => {
    const key = b64(34)
    expect(key.endsWith('==')).toBe(true)
    expect(kinds(`SigningKey=${key};Region=eu`)).toEqual(['assignment'])
    expect(kinds('token = a == b')).toEqual([])
  })

  it('finds keys in the URL parameters APIs name them by (appid, app_key, api_token, private_token)', () => {
    for (const p of ['appid', 'app_key', 'api_token', 'private_token', 'access_key']) {
      expect(kinds(`https://api.example.io/v1/data?q=berlin&${p}=${hex(32)}&units=metric`), p).toEqual(['url-parameter'])
    }
    expect(kinds(`https://api.example.io/v1/data?q=berlin&appid=${'x'.repeat(32)}`)).toEqual([])
  })

  it('takes analytics keys loaded in every page as public, and their server-side secrets as secret', () => {
    for (const name of ['MIXPANEL_TOKEN', 'AMPLITUDE_API_KEY', 'segmentWriteKey', 'PUSHER_KEY', 'NEXT_PUBLIC_POSTHOG_KEY'])
      expect(isSecretName(name), name).toBe(false)
    for (const name of ['MIXPANEL_API_SECRET', 'AMPLITUDE_SECRET_KEY', 'PUSHER_APP_SECRET', 'POSTHOG_PERSONAL_API_KEY'])
      expect(isSecretName(name), name).toBe(true)
  })

  it('takes "password" in a locale file as a label, in the languages apps ship', () => {
    for (const label of ['Passwort', 'Kennwort:', 'Contraseña', 'Mot de passe', 'Wachtwoord', 'Пароль', 'パスワード']) {
      expect(detectSecret(label, { name: 'password' }), label).toBeUndefined()
    }
    expect(detectSecret(password(), { name: 'password' })?.kind).toBe('named')
  })

  it('takes certificate pins and IPFS content ids as public, whatever they are called', () => {
    const pin = `sha256/${b64(32)}`
    const cid = 'Qm' + [...randomBytes(44)].map((b) => '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'[b % 58]).join('')
    expect(detectSecret(pin, { name: 'secretPin' })).toBeUndefined()
    expect(detectSecret(cid, { name: 'token' })).toBeUndefined()
  })

  it('lets a name that says SID keep a Twilio API key SID from being reported as the key', () => {
    const sid = `SK${hex(32)}`
    expect(detectSecret(sid)?.kind).toBe('twilio-api-key')
    expect(detectSecret(sid, { name: 'apiKeySid' })).toBeUndefined()
    expect(detectSecret(sid, { name: 'TWILIO_API_KEY' })?.kind).toBe('twilio-api-key')
  })
})

describe('encrypted and instructional values in config text', () => {
  it('takes a SealedSecret manifest and SOPS values as ciphertext, committed on purpose', () => {
    const sealed = [
      'apiVersion: bitnami.com/v1alpha1',
      'kind: SealedSecret',
      'metadata:',
      '  name: worker',
      'spec:',
      '  encryptedData:',
      `    REDIS_PASSWORD: ${b64(256)}`,
    ].join('\n')
    expect(kinds(sealed)).toEqual([])
    expect(kinds(`db_password: ENC[AES256_GCM,data:${b64(24)},iv:${b64(32)},tag:${b64(16)},type:str]`)).toEqual([])
    // A plain Secret beside it is still read.
    expect(kinds(sealed.replace('SealedSecret', 'Secret').replace('encryptedData', 'stringData'))).not.toEqual([])
  })

  it('takes an instruction to generate a value as a placeholder', () => {
    expect(kinds('NEXTAUTH_SECRET=generate-with-openssl-rand-base64-32')).toEqual([])
    expect(kinds('SESSION_SECRET=openssl-rand-hex-32')).toEqual([])
    expect(kinds(`SESSION_SECRET=${alnum(32)}`)).toEqual(['assignment'])
  })
})

describe('code read as text', () => {
  it('takes a flag and an annotated function in minified or bundled code as code', () => {
    expect(kinds('request.withCredentials = !!_config.withCredentials;')).toEqual([])
    expect(kinds('var CancelToken = /*#__PURE__*/function () {')).toEqual([])
    expect(kinds(`var accessToken = ${alnum(32)};`)).toEqual(['assignment'])
  })

  it('reads two strings side by side as a name and its value only where a call or an entry sets one', () => {
    const pw = password()
    expect(kinds(`argon2id('password', '${pw}', { t: 2 })`)).toEqual([])
    expect(kinds(`hash.update('secret', '${pw}')`)).toEqual([])
    expect(kinds(`os.Setenv("DB_PASSWORD", "${pw}")`)).toEqual(['assignment'])
    expect(kinds(`viper.SetDefault("password", "${pw}")`)).toEqual(['assignment'])
    expect(kinds(`new Map([['password', '${pw}']])`)).toEqual(['assignment'])
  })

  it('ends a URL parameter at `;` and a bare value at a closing bracket', () => {
    expect(kinds('var tn=class{source;lastOnToken=null;token=1048576;flags=0;features=0;index=0}')).toEqual([])
    expect(kinds('opts={quotes:"double",topicToken:t.topicToken}')).toEqual([])
    expect(kinds(`Server=db;Database=app;Password=${password()};`)).not.toEqual([])
  })
})

describe('stand-ins spelled differently', () => {
  it('takes a stand-in spelled with digits for letters, or percent-encoded in a URL, as a stand-in', () => {
    expect(kinds('password = "p@ss"; token = "s3cr3t"')).toEqual([])
    expect(kinds('see https://user:p%40ss@host/path')).toEqual([])
    expect(kinds(`see https://user:${encodeURIComponent(password())}@host/path`)).toEqual(['url-credentials'])
  })
})
