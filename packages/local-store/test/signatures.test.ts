import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalStore, startLocalStore } from '../src/index.js'
import { client, http, secretValue } from './helpers.js'

const value = secretValue('prod')
const adminSecret = secretValue('key')
let store: LocalStore
const warnings: string[] = []

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hush-ls-sig-'))
  const seed = join(dir, 'seed.yaml')
  writeFileSync(seed, `secrets:\n  - name: prod/db\n    value: ${value}\naccess:\n  - accessKeyId: prodadmin\n    secretAccessKey: ${adminSecret}\n`)
  store = await startLocalStore({ seed, warn: (m) => warnings.push(m) })
})
afterAll(() => store.close())

/** The answer or the error, alike: tests read `name` and `message` of errors, `SecretString` of answers. */
interface Outcome {
  name?: string
  message?: string
  SecretString?: string
  $metadata: { httpStatusCode?: number }
}

const get = (credentials: { accessKeyId: string; secretAccessKey: string }, extra: Record<string, unknown> = {}): Promise<Outcome> =>
  client(store.url, credentials, extra)
    .send(new GetSecretValueCommand({ SecretId: 'prod/db' }))
    .catch((e: Outcome) => e)

const amzDate = (d = new Date()) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

describe('access rules with a secretAccessKey check SigV4 signatures', () => {
  it('lets through the real SDK signing with the right secret and refuses a wrong secret, quoting neither', async () => {
    const got = await get({ accessKeyId: 'prodadmin', secretAccessKey: adminSecret })
    expect(got.SecretString === value).toBe(true)
    expect(warnings).toEqual([])
    const wrong = secretValue('wrong')
    const denied = await get({ accessKeyId: 'prodadmin', secretAccessKey: wrong })
    expect(denied.name).toBe('InvalidSignatureException')
    expect(denied.$metadata.httpStatusCode).toBe(403)
    expect(denied.message).toMatch(/signature we calculated does not match/)
    for (const text of [wrong, adminSecret, value]) expect(denied.message).not.toContain(text)
  })

  it('refuses a hand-made Authorization header with Signature=00', async () => {
    const date = amzDate()
    const answer = await http(store.url, {
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
        'x-amz-date': date,
        authorization: `AWS4-HMAC-SHA256 Credential=prodadmin/${date.slice(0, 8)}/us-east-1/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
      },
      body: JSON.stringify({ SecretId: 'prod/db' }),
    })
    expect(answer.status).toBe(403)
    expect(JSON.parse(answer.body).__type).toBe('InvalidSignatureException')
    expect(answer.body).not.toContain(value)
  })

  it('refuses an unknown key id, a missing date, an old signature and an unsigned request with the AWS error types', async () => {
    const stranger = await get({ accessKeyId: 'stranger', secretAccessKey: adminSecret })
    expect(stranger.name).toBe('UnrecognizedClientException')
    // Signed 20 minutes ago: outside the 15 minutes AWS allows.
    const old = await get({ accessKeyId: 'prodadmin', secretAccessKey: adminSecret }, { systemClockOffset: -20 * 60_000 })
    expect(old.name).toBe('InvalidSignatureException')
    expect(old.message).toMatch(/15 minutes/)
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' }
    const body = JSON.stringify({ SecretId: 'prod/db' })
    const noDate = await http(store.url, {
      headers: {
        ...headers,
        authorization: `AWS4-HMAC-SHA256 Credential=prodadmin/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      },
      body,
    })
    expect(JSON.parse(noDate.body).__type).toBe('IncompleteSignatureException')
    const unsigned = await http(store.url, { headers, body })
    expect(unsigned.status).toBe(403)
    expect(JSON.parse(unsigned.body).__type).toBe('MissingAuthenticationTokenException')
    for (const answer of [noDate, unsigned]) expect(answer.body).not.toContain(value)
  })

  it('answers an operation named after an Object method (constructor) as unknown, without showing the configuration', async () => {
    const admin = secretValue('admin')
    const readerSecret = secretValue('reader')
    const s = await startLocalStore({
      access: [
        { accessKeyId: 'reader', secretAccessKey: readerSecret },
        { accessKeyId: 'admin', secretAccessKey: admin },
      ],
      warn: () => {},
    })
    try {
      // Signed for real by the SDK, with the target renamed before signing, so the request
      // passes authentication and reaches the operation table.
      const reader = new SecretsManagerClient({
        region: 'us-east-1',
        endpoint: s.url,
        credentials: { accessKeyId: 'reader', secretAccessKey: readerSecret },
        maxAttempts: 1,
      })
      reader.middlewareStack.add(
        (next) => (args) => {
          ;(args.request as { headers: Record<string, string> }).headers['x-amz-target'] = 'secretsmanager.constructor'
          return next(args)
        },
        { step: 'build' },
      )
      const error = (await reader.send(new GetSecretValueCommand({ SecretId: 'x' })).catch((e: unknown) => e)) as Error & { $response?: unknown }
      expect(error.name).toBe('UnknownOperationException')
      expect(`${error.message} ${JSON.stringify(error)}`.includes(admin), 'the configuration is in the answer').toBe(false)
    } finally {
      await s.close()
    }
  })
})

describe('access rules without a secretAccessKey', () => {
  it('are refused at start, naming the rule and the key id', async () => {
    const error = await startLocalStore({ access: [{ accessKeyId: 'signed', secretAccessKey: secretValue() }, { accessKeyId: 'reader' } as never] }).catch(
      (e: Error) => e,
    )
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/access rule 2 needs a "secretAccessKey" .*the key id reader/)
  })

  it('refuse two different secrets for one key id at start, quoting neither', async () => {
    const [a, b] = [secretValue(), secretValue()]
    const error = await startLocalStore({
      access: [
        { accessKeyId: 'k', secretAccessKey: a },
        { accessKeyId: 'k', secretAccessKey: b },
      ],
    }).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/access rule 2 gives access key id k a secretAccessKey different/)
    for (const text of [a, b]) expect((error as Error).message).not.toContain(text)
  })
})
