import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectSecret, findSecrets, isPlaceholder, isSecretName, TOKEN_FORMATS } from '../src/detect/index.js'
import { withBase62Crc } from './format-samples.js'

// A sample of the common formats, in the vendor's documented shape (GitHub and npm with their
// checksum); test/detect-formats.test.ts generates every format.
const SAMPLES: Record<string, string> = {
  'aws-access-key-id': 'AKIA' + 'Q3EGRZ7KMWX4NB2T',
  'github-token': withBase62Crc('ghp_', 'Xq7rT2mZ9kLp4WvB8nYc3HdJ6sFa1G'),
  'github-fine-grained-token': 'github_pat_' + '11ABCDEFG0Xq7rT2mZ9kLp' + '_' + 'Xq7rT2mZ9kLp4WvB8nYc3HdJ6sFa1Ge5Ku0oXq7rT2mZ9kLp4WvB8nYc3Hd',
  'gitlab-token': 'glpat-' + 'Xq7rT2mZ9kLp4WvB8nYc',
  'slack-token': 'xoxb-' + '2741860391-5830157294163-Kq8ZtL2mN4pR6sT8vX0yB3dF',
  'slack-webhook': 'https://hooks.slack.com/services/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',
  'stripe-secret-key': 'sk_live_' + '51Hq8ZtL2mN4pR6sT8vX0yB3d',
  'stripe-webhook-secret': 'whsec_' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e',
  'google-api-key': 'AIza' + 'SyD8Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1',
  'google-oauth-secret': 'GOCSPX-' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9',
  'npm-token': withBase62Crc('npm_', 'Xq7rT2mZ9kLp4WvB8nYc3HdJ6sFa1G'),
  'anthropic-api-key': 'sk-ant-api03-' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e'.repeat(3) + 'AbCdEfGh',
  'openai-api-key': 'sk-proj-' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eKq8ZtL2mN4pR6sT8',
  'twilio-api-key': 'SK' + '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c',
  'sendgrid-api-key': 'SG.' + 'Kq8ZtL2mN4pR6sT8vX0yB3' + '.' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eAbCdEfGhIjK',
  'mailgun-api-key': 'key-' + '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c',
  'mailchimp-api-key': '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c' + '-us14',
  'digitalocean-token': 'dop_v1_' + '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c'.repeat(2),
  'shopify-token': 'shpat_' + '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c',
  'huggingface-token': 'hf_' + 'KqZtLmNpRsTvXyBdFhJkWeAbCdEfGhIjKl',
  'pypi-token': 'pypi-AgEIcHlwaS5vcmc' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1eKq8ZtL2mN4pR6sT8vX0yB3',
  'azure-storage-key': 'DefaultEndpointsProtocol=https;AccountName=app;AccountKey=' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e'.repeat(2) + 'Kq8ZtL2mN4pR6sT8vX0yB3==',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.' + 'eyJzdWIiOiI0MiIsInJvbGUiOiJhZG1pbiJ9.' + 'Kq8ZtL2mN4pR6sT8vX0yB3dF7hJ9kW1e',
  'private-key': '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----',
}

describe('detection', () => {
  it.each(Object.keys(SAMPLES).map((id) => [id]))('finds a %s with no name to go by, in a value and in text', (id) => {
    const sample = SAMPLES[id]
    expect(TOKEN_FORMATS.some((f) => f.id === id)).toBe(true)
    expect(detectSecret(sample!)?.kind).toBe(id)
    expect(findSecrets(`see the value ${sample} here`).map((f) => f.kind)).toContain(id)
  })

  it('judges a value by the name it is given', () => {
    expect(detectSecret('Summer2026!', { name: 'dbPassword' })?.kind).toBe('named')
    expect(detectSecret('Summer2026!', { name: 'greeting' })).toBeUndefined()
    expect(detectSecret('9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c', { name: 'HMAC_KEY' })?.kind).toBe('named')
    expect(detectSecret('9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c', { name: 'commitSha' })).toBeUndefined()
    expect(detectSecret('k7Qz2PmX9vLr4TnW8yBc', { name: 'BILLING', kind: 'key' })?.kind).toBe('named')
    expect(detectSecret('k7Qz2PmX9vLr4TnW8yBc', { name: 'apiKey', kind: 'none' })).toBeUndefined()
  })

  it('leaves placeholders, public values and names alone', () => {
    for (const [value, name] of [
      ['changeme', 'password'],
      ['<YOUR_TOKEN>', 'token'],
      ['your-api-key-here', 'apiKey'],
      ['xxxxxxxxxxxxxxxx', 'secret'],
      ['sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', undefined],
      ['STRIPE_SECRET_KEY', 'apiKey'],
      ['${API_KEY}', 'apiKey'],
      ['pk_live_51Hq8ZtL2mN4pR6sT8vX0yB3dKq8Z', undefined],
      ['550e8400-e29b-41d4-a716-446655440000', 'id'],
      ['sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', 'integrity'],
      ['Password must be 8+ characters', 'passwordHint'],
      ['https://4f2c8e1a9b3d4c6e8f0a1b2c3d4e5f6a@o123456.ingest.sentry.io/7654321', 'dsn'],
      ['postgres://app:${PW}@db/app', undefined],
    ] as const) {
      expect(detectSecret(value, { name }), `${name}`).toBeUndefined()
    }
  })

  it('tells secret names from names about secrets', () => {
    for (const name of [
      'DB_PASSWORD',
      'apiKey',
      'x-api-key',
      'clientSecret',
      'accessToken',
      'AWS_SECRET_ACCESS_KEY',
      'refresh_token',
      'smtpPass',
      'DATABASE_URL',
      'apiKey2',
    ])
      expect(isSecretName(name), name).toBe(true)
    for (const name of [
      'secretName',
      'tokenExpiresAt',
      'passwordMinLength',
      'maxTokens',
      'total_tokens',
      'publishableKey',
      'cacheKey',
      'author',
      'hasPassword',
      'hashedPassword',
      'maskedToken',
      'SENTRY_DSN',
      'accessKeyId',
    ])
      expect(isSecretName(name), name).toBe(false)
  })

  it('property: findSecrets returns in-bounds, ordered, non-overlapping findings for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const found = findSecrets(text)
        let end = 0
        for (const f of found) {
          expect(f.index).toBeGreaterThanOrEqual(end)
          expect(f.index + f.length).toBeLessThanOrEqual(text.length)
          end = f.index + f.length
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('property: a known token in any surrounding text is found, and the label never contains it', () => {
    const samples = Object.values(SAMPLES).filter((s) => !s.includes('\n'))
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (sample, before, after) => {
        const text = `${before} ${sample} ${after}`
        const found = findSecrets(text)
        const at = text.indexOf(sample)
        expect(found.some((f) => f.index < at + sample.length && f.index + f.length > at)).toBe(true)
        expect(found.some((f) => f.label.includes(sample))).toBe(false)
      }),
      { numRuns: 2000 },
    )
  })

  it('placeholders: any run of x or * is one', () => {
    fc.assert(fc.property(fc.integer({ min: 4, max: 60 }), fc.constantFrom('x', 'X', '*'), (n, c) => isPlaceholder(c.repeat(n))))
  })
})
