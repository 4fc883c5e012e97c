import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { UsageError } from '../exit-codes.js'
import { fingerprintsOf } from './fingerprint.js'

/** What identifies a version of the secret in the app's answers, without its value. */
export interface Mark {
  version?: string
  prints: string[]
}

export interface Rotation {
  secret: string
  from: Mark
  to: Mark
  /** When RotateSecret was sent and when AWSCURRENT moved, in ms since the drill started. */
  startedAt: number
  currentAt: number
}

type Sm = typeof import('@aws-sdk/client-secrets-manager')

/**
 * The secret to rotate: the one named, else the only one with rotation on (or, in a store the
 * drill started, a rotation rule in the seed), else the only one there is.
 */
export async function pickSecret(sm: Sm, client: SecretsManagerClient, named: string | undefined, seeded: readonly string[] = []): Promise<string> {
  if (named !== undefined) return named
  const list = (await client.send(new sm.ListSecretsCommand({ MaxResults: 100 }))).SecretList ?? []
  const rotating = list.filter((s) => s.RotationEnabled || seeded.includes(s.Name ?? ''))
  const pick = rotating.length === 1 ? rotating[0] : list.length === 1 ? list[0] : undefined
  if (pick?.Name) return pick.Name
  const names = list.map((s) => s.Name).join(', ')
  throw new UsageError(`name the secret to rotate with --secret (the store holds ${list.length ? names : 'no secret'})`, 'drill')
}

/** Reads the current version's marks: its id and the fingerprints of its value (the value itself goes no further). */
async function markOf(sm: Sm, client: SecretsManagerClient, secret: string): Promise<Mark> {
  const got = await client.send(new sm.GetSecretValueCommand({ SecretId: secret }))
  return { ...(got.VersionId ? { version: got.VersionId } : {}), prints: got.SecretString === undefined ? [] : fingerprintsOf(got.SecretString) }
}

/** Rotates `secret` through RotateSecret, as a rotation Lambda's schedule would, and waits until AWSCURRENT moves. */
export async function rotate(sm: Sm, client: SecretsManagerClient, secret: string, since: number, timeoutMs: number): Promise<Rotation> {
  const from = await markOf(sm, client, secret)
  const startedAt = Date.now() - since
  const pending = (await client.send(new sm.RotateSecretCommand({ SecretId: secret }))).VersionId
  const end = Date.now() + timeoutMs
  for (;;) {
    const stages = (await client.send(new sm.DescribeSecretCommand({ SecretId: secret }))).VersionIdsToStages ?? {}
    const current = Object.keys(stages).find((id) => stages[id]?.includes('AWSCURRENT'))
    if (current !== undefined && current !== from.version && (pending === undefined || current === pending)) break
    if (Date.now() > end) throw new Error(`the store did not finish rotating ${secret} within ${Math.round(timeoutMs / 1000)} s`)
    await new Promise((r) => setTimeout(r, 25))
  }
  const currentAt = Date.now() - since
  return { secret, from, to: await markOf(sm, client, secret), startedAt, currentAt }
}
