import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  PutSecretValueCommand,
  RotateSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startLocalStore } from '../src/index.js'
import { client, secretValue, startBin } from './helpers.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const TOKEN = (n: number) => `rotation-token-${String(n).padStart(20, '0')}`

const stagesOf = async (sm: SecretsManagerClient, id: string) => (await sm.send(new DescribeSecretCommand({ SecretId: id }))).VersionIdsToStages ?? {}

/** Waits until `versionId` alone holds AWSCURRENT's place, or fails after `ms`. */
async function untilCurrent(sm: SecretsManagerClient, id: string, versionId: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    const stages = await stagesOf(sm, id)
    if (stages[versionId]?.join() === 'AWSCURRENT') return
    if (Date.now() > deadline) throw new Error(`rotation to ${versionId} did not finish in ${ms} ms; stages: ${JSON.stringify(stages)}`)
    await sleep(50)
  }
}

describe('a rotation interrupted by a restart does not block rotation for good', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('finishes a rotation the server was SIGKILLed in the middle of, after a restart with the same state file, and rotates again', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'hush-ls-rot-')), 'state.json')
    const original = secretValue()
    const first = await startBin(['--state', state, '--rotation-delay', '600000'])
    let sm = client(first.url)
    await sm.send(new CreateSecretCommand({ Name: 'app/db', SecretString: JSON.stringify({ username: 'app', password: original }) }))
    const rotated = await sm.send(new RotateSecretCommand({ SecretId: 'app/db' }))
    expect((await stagesOf(sm, 'app/db'))[rotated.VersionId!]).toEqual(['AWSPENDING'])
    first.child.kill('SIGKILL')
    await first.exited

    const second = await startBin(['--state', state, '--rotation-delay', '100'])
    try {
      sm = client(second.url)
      await untilCurrent(sm, 'app/db', rotated.VersionId!)
      const now = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString!) as { username: string; password: string }
      expect(now.username).toBe('app')
      expect(now.password === original).toBe(false)
      expect((await sm.send(new DescribeSecretCommand({ SecretId: 'app/db' }))).LastRotatedDate).toBeInstanceOf(Date)
      // The next rotation is not refused as "a previous rotation isn't complete".
      const again = await sm.send(new RotateSecretCommand({ SecretId: 'app/db' }))
      await untilCurrent(sm, 'app/db', again.VersionId!)
      expect(second.stderr()).not.toContain(original)
    } finally {
      second.child.kill('SIGKILL')
    }
  })

  it('finishes a rotation in progress when stopped with SIGTERM, so that the state file holds no half-done rotation', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'hush-ls-rot-term-')), 'state.json')
    const first = await startBin(['--state', state, '--rotation-delay', '600000'])
    let sm = client(first.url)
    await sm.send(new CreateSecretCommand({ Name: 'app/token', SecretString: secretValue() }))
    const rotated = await sm.send(new RotateSecretCommand({ SecretId: 'app/token' }))
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { secrets: Array<{ rotating?: string; versions: Array<{ id: string; stages: string[] }> }> }
    expect(saved.secrets[0]!.rotating).toBeUndefined()
    expect(saved.secrets[0]!.versions.find((v) => v.id === rotated.VersionId)!.stages).toEqual(['AWSCURRENT'])

    const second = await startBin(['--state', state, '--rotation-delay', '0'])
    try {
      sm = client(second.url)
      const again = await sm.send(new RotateSecretCommand({ SecretId: 'app/token' }))
      expect((await stagesOf(sm, 'app/token'))[again.VersionId!]).toEqual(['AWSCURRENT'])
    } finally {
      second.child.kill('SIGKILL')
    }
  })

  it('says truthfully why a RotateSecret is refused during a rotation, answers a retry with the same token, and reattempts an AWSPENDING put by hand', async () => {
    // The store finishes rotations on a timer, here in this process: on a fake clock a rotation
    // stays in progress however slowly the requests below go, and finishes when the clock moves.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const store = await startLocalStore({ rotationDelayMs: 300 })
    try {
      const sm = client(store.url)
      await sm.send(new CreateSecretCommand({ Name: 'app/key', SecretString: secretValue() }))
      const rotated = await sm.send(new RotateSecretCommand({ SecretId: 'app/key', ClientRequestToken: TOKEN(1) }))
      // The SDK retries with the same token: that is the same rotation, not a second one.
      expect((await sm.send(new RotateSecretCommand({ SecretId: 'app/key', ClientRequestToken: TOKEN(1) }))).VersionId).toBe(rotated.VersionId)
      const busy = await sm.send(new RotateSecretCommand({ SecretId: 'app/key', ClientRequestToken: TOKEN(2) })).catch((e: unknown) => e)
      expect(busy).toBeInstanceOf(InvalidRequestException)
      expect((busy as Error).message).toMatch(/isn't complete: version .* becomes AWSCURRENT on its own within 300 ms\. Call RotateSecret again after that\./)
      await vi.advanceTimersByTimeAsync(300)
      expect((await stagesOf(sm, 'app/key'))[rotated.VersionId!]).toEqual(['AWSCURRENT'])

      // A rotation Lambda puts AWSPENDING by hand; nothing here would ever finish it.
      const manual = await sm.send(new PutSecretValueCommand({ SecretId: 'app/key', SecretString: secretValue(), VersionStages: ['AWSPENDING'] }))
      const stale = await sm.send(new RotateSecretCommand({ SecretId: 'app/key' })).catch((e: unknown) => e)
      expect(stale).toBeInstanceOf(InvalidRequestException)
      expect((stale as Error).message).toMatch(/That rotation will be reattempted: version .* becomes AWSCURRENT within 300 ms/)
      await vi.advanceTimersByTimeAsync(300)
      expect((await stagesOf(sm, 'app/key'))[manual.VersionId!]).toEqual(['AWSCURRENT'])
      const next = await sm.send(new RotateSecretCommand({ SecretId: 'app/key' }))
      expect((await stagesOf(sm, 'app/key'))[next.VersionId!]).toEqual(['AWSPENDING'])
    } finally {
      await store.close()
    }
  })
})
