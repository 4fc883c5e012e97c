import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager'
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startLocalStore } from '../src/index.js'
import { client, read, runBin, secretValue, startBin } from './helpers.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the state file survives crashes and is refused, not lost, when unreadable', () => {
  it('keeps every acknowledged secret when the server is SIGKILLed at random moments while writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-ls-kill-'))
    const state = join(dir, 'state.json')
    // A few MB of state, so that each change spends a real share of its time writing the file.
    const padding = Array.from({ length: 50 }, (_, i) => ({ name: `pad/${i}`, value: secretValue('pad').repeat(650) }))
    writeFileSync(join(dir, 'seed.json'), JSON.stringify({ secrets: padding }))
    const acknowledged = new Map<string, string>()
    for (let round = 0; round < 8; round++) {
      const server = await startBin(['--seed', join(dir, 'seed.json'), '--state', state])
      const sm = client(server.url)
      let stopped = false
      let acknowledgedThisRound = 0
      let twoAcknowledged!: () => void
      const started = new Promise<void>((resolve) => (twoAcknowledged = resolve))
      const writer = async (lane: number) => {
        for (let n = 0; !stopped; n++) {
          const name = `k/${round}/${lane}/${n}`
          const value = secretValue()
          try {
            await sm.send(new CreateSecretCommand({ Name: name, SecretString: value }))
            acknowledged.set(name, value)
            if (++acknowledgedThisRound === 2) twoAcknowledged()
          } catch {
            return // killed mid-request: not acknowledged
          }
        }
      }
      const lanes = [writer(0), writer(1)]
      // Killed at a random moment once writes are under way, not after a fixed time: on a busy
      // machine a fixed time may pass before any write is acknowledged.
      await Promise.race([started, Promise.all(lanes)])
      await sleep(Math.random() * 300)
      server.child.kill('SIGKILL')
      stopped = true
      await Promise.all(lanes)
      await server.exited
    }
    expect(acknowledged.size).toBeGreaterThan(8)

    const server = await startBin(['--seed', join(dir, 'seed.json'), '--state', state])
    try {
      const sm = client(server.url)
      const lost: string[] = []
      for (const [name, value] of acknowledged) {
        const got = await sm.send(new GetSecretValueCommand({ SecretId: name })).catch(() => undefined)
        if (got?.SecretString !== value) lost.push(name) // names only: values are never printed
      }
      expect(lost).toEqual([])
    } finally {
      server.child.kill('SIGKILL')
    }
    // Nine server starts and a few MB written per change: about 20 s on a quiet machine and
    // close to 30 on a busy one, so it gets room of its own rather than the file's 30 s.
  }, 120_000)

  it('writes the state file and its backup for the owner only, even when it had wider rights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-ls-mode-'))
    const state = join(dir, 'state.json')
    const first = await startLocalStore({ seed: { secrets: [{ name: 'a', value: secretValue() }] }, stateFile: state })
    await first.close()
    chmodSync(state, 0o644)
    const second = await startLocalStore({ stateFile: state })
    try {
      await client(second.url).send(new PutSecretValueCommand({ SecretId: 'a', SecretString: secretValue() }))
      expect((statSync(state).mode & 0o777).toString(8)).toBe('600')
      expect((statSync(`${state}.bak`).mode & 0o777).toString(8)).toBe('600')
    } finally {
      await second.close()
    }
  })

  it('refuses a corrupt state file at start, naming it and its backup without quoting it, and leaves both as they were', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-ls-corrupt-'))
    const state = join(dir, 'state.json')
    const good = secretValue('good')
    const first = await startLocalStore({ seed: { secrets: [{ name: 'db', value: good }] }, stateFile: state })
    await client(first.url).send(new PutSecretValueCommand({ SecretId: 'db', SecretString: good }))
    await first.close()
    const leaked = secretValue('leaked')
    // Text JSON.parse stops at and would quote: a secret pasted over the file.
    writeFileSync(state, `DB_PASSWORD=${leaked}\n`)
    const backup = readFileSync(`${state}.bak`)

    const refused = await runBin(['--port', '0', '--state', state])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(state)
    expect(refused.stderr).toContain(`${state}.bak`)
    expect(refused.stderr).toMatch(/not valid JSON/)
    expect(refused.stderr).not.toMatch(/\n\s+at /) // no stack
    expect(refused.stderr).not.toContain(leaked)
    expect(refused.stderr).not.toContain(good)
    expect(refused.stdout).toBe('')
    expect(readFileSync(state, 'utf8')).toBe(`DB_PASSWORD=${leaked}\n`)
    expect(readFileSync(`${state}.bak`).equals(backup)).toBe(true)

    // The next step the message gives works: the backup holds the last good state.
    copyFileSync(`${state}.bak`, state)
    const restored = await startBin(['--state', state])
    try {
      expect((await read(restored.url, 'db')) === good).toBe(true)
    } finally {
      restored.child.kill('SIGKILL')
    }
    await expect(startLocalStore({ stateFile: join(dir, 'missing-dir', 'state.json') })).rejects.toThrow(/Could not write the state file .*missing-dir.*ENOENT/)
    expect(existsSync(join(dir, 'missing-dir'))).toBe(false)
  })
})
