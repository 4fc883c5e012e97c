import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startLocalStore } from '../src/index.js'
import { client, runBin, secretValue, startBin } from './helpers.js'

describe('the region and account of a state file survive a restart', () => {
  it('restores them from the file, keeps writing them, and finds secrets by partial ARN', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'hush-ls-region-')), 'state.json')
    const first = await startLocalStore({ region: 'eu-west-1', accountId: '210987654321', stateFile: state })
    await client(first.url).send(new CreateSecretCommand({ Name: 'app/db', SecretString: secretValue() }))
    await first.close()

    const second = await startLocalStore({ stateFile: state })
    try {
      const sm = client(second.url)
      expect(second.store.region).toBe('eu-west-1')
      expect(second.store.accountId).toBe('210987654321')
      const created = await sm.send(new CreateSecretCommand({ Name: 'app/new', SecretString: secretValue() }))
      expect(created.ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:210987654321:secret:app\/new-\w{6}$/)
      const partial = await sm.send(new DescribeSecretCommand({ SecretId: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:app/db' }))
      expect(partial.Name).toBe('app/db')
      const saved = JSON.parse(readFileSync(state, 'utf8')) as { region: string; accountId: string }
      expect([saved.region, saved.accountId]).toEqual(['eu-west-1', '210987654321'])
    } finally {
      await second.close()
    }
    // The same region asked for again is no conflict.
    const third = await startLocalStore({ stateFile: state, region: 'eu-west-1' })
    await third.close()
  })

  it("refuses to start with a --region other than the state file's, naming both and the file, and leaves the file as it was", async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'hush-ls-region-bin-')), 'state.json')
    const value = secretValue()
    const first = await startBin(['--state', state, '--region', 'eu-west-1'])
    await client(first.url).send(new CreateSecretCommand({ Name: 'app/db', SecretString: value }))
    first.child.kill('SIGKILL')
    await first.exited
    const before = readFileSync(state, 'utf8')

    const out = await runBin(['--port', '0', '--state', state, '--region', 'us-east-1'])
    expect(out.code).toBe(1)
    expect(out.stderr.trim().split('\n')).toHaveLength(1)
    expect(out.stderr).toContain(`the state file ${state} holds secrets of region eu-west-1, but region us-east-1 was asked for`)
    expect(out.stderr).toMatch(/Leave out the region to use the file's, or use another state file for us-east-1\./)
    expect(out.stderr).not.toContain(value)
    expect(readFileSync(state, 'utf8')).toBe(before)

    const again = await startBin(['--state', state])
    try {
      const got = await client(again.url).send(new GetSecretValueCommand({ SecretId: 'app/db' }))
      expect(got.ARN).toContain(':eu-west-1:')
    } finally {
      again.child.kill('SIGKILL')
    }
  })
})
