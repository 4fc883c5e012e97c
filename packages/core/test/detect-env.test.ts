import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { envValueKind } from '../src/detect/index.js'
import { withBase62Crc } from './format-samples.js'

const random = () => randomBytes(18).toString('base64url').replace(/[-_]/g, 'q')

describe('envValueKind: what a .env value says about its name', () => {
  it.each([
    ['aws-sm://prod/stripe#key', 'reference'],
    ['aws-ssm:///prod/db/password', 'reference'],
    ['env://VAULT_JSON#stripe', 'reference'],
    ['file:///run/secrets/db', 'reference'],
    ['  env://X  ', 'reference'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['postgres://localhost:5432/app', 'url'],
    ['https://api.example.com/v1', 'url'],
    ['redis://cache:6379/0', 'url'],
    ['3000', 'plain'],
    ['production', 'plain'],
  ])('%j is %s', (value, kind) => {
    expect(envValueKind(value)).toBe(kind)
  })

  it('URLs with a user, a password, a secret parameter or a token are credentials (random values)', () => {
    const p = random()
    for (const value of [
      `postgres://app:${p}@db.internal:5432/app`,
      `redis://:${p}@cache:6379`,
      `https://${p}@github.com/org/repo.git`,
      `https://api.example.com/v1?api_key=${p}`,
      `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${p}`,
    ]) {
      expect(envValueKind(value), 'a URL holding a secret').toBe('credentials')
    }
    expect(envValueKind(withBase62Crc('ghp_', `${random()}${random()}`.slice(0, 30)))).toBe('credentials')
  })
})
