import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { expect, test } from 'vitest'
import { partnerRequest, partnerStatus } from '../src/partner.js'

test('the secrets come from the seeded local store', async () => {
  // The plugin pointed the AWS SDK at the store it started: the test can read it directly too.
  const client = new SecretsManagerClient({})
  const stored = await client.send(new GetSecretValueCommand({ SecretId: 'test/vitest-app/partner-key' }))
  expect(process.env.API_KEY === stored.SecretString).toBe(true)
  expect(process.env.DB_PASSWORD).toMatch(/\S{6,}/)
})

test('a request carries the key; the status does not', () => {
  expect(partnerRequest('/orders')).toContainSecret()
  expect(partnerStatus()).not.toContainSecret()
  expect(partnerStatus()).toMatchSnapshot()
})

test('the key is found in the encodings it travels in', () => {
  const key = process.env.API_KEY ?? ''
  expect(Buffer.from(key).toString('base64')).toContainSecret()
  expect(Buffer.from(key).toString('hex')).toContainSecret()
  expect(new TextEncoder().encode(`Bearer ${key}`)).toContainSecret()
  expect({ nested: [{ token: key }] }).toContainSecret()
  expect('pk_test_0000').not.toContainSecret()
})
