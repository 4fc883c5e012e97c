import { chmodSync, closeSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Parameter, ParameterStore, ParameterType } from './parameter-store.js'
import type { RotationRule } from './rotation.js'
import type { SecretStore, Tag } from './store.js'

interface SavedSecret {
  arn: string
  name: string
  description?: string
  tags: Tag[]
  created: number
  lastChanged: number
  lastRotated?: number
  deleted?: number
  rotationEnabled: boolean
  rotationRules?: Record<string, unknown>
  rotation?: RotationRule
  /** The version id of a rotation not finished when the file was written. */
  rotating?: string
  versions: Array<{ id: string; string?: string; binary?: string; created: number; stages: string[] }>
}

interface SavedParameter {
  name: string
  arn: string
  tags: Array<{ Key: string; Value: string }>
  versions: Array<{
    version: number
    value: string
    type: ParameterType
    keyId?: string
    description?: string
    labels: string[]
    modified: number
    tier: 'Standard' | 'Advanced'
  }>
}

const saveParameter = (p: Parameter): SavedParameter => ({
  name: p.name,
  arn: p.arn,
  tags: p.tags,
  versions: p.versions.map((v) => ({
    version: v.version,
    value: v.value,
    type: v.type,
    ...(v.keyId !== undefined ? { keyId: v.keyId } : {}),
    ...(v.description !== undefined ? { description: v.description } : {}),
    labels: [...v.labels],
    modified: v.modified.getTime(),
    tier: v.tier,
  })),
})

function isSavedParameter(p: unknown): p is SavedParameter {
  const x = p as SavedParameter
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.name === 'string' &&
    typeof x.arn === 'string' &&
    Array.isArray(x.tags) &&
    Array.isArray(x.versions) &&
    x.versions.length > 0 &&
    x.versions.every(
      (v) =>
        v && typeof v === 'object' && typeof v.version === 'number' && typeof v.value === 'string' && typeof v.modified === 'number' && Array.isArray(v.labels),
    )
  )
}

/** The previous good state, kept beside the state file. */
export const backupOf = (file: string) => `${file}.bak`
const tempOf = (file: string) => `${file}.tmp`

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'an unknown error'

/** Makes a rename durable: fsync the directory that holds the file (not possible on Windows). */
function syncDirectory(file: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dirname(file), 'r')
    fsyncSync(fd)
  } catch {
    // Some platforms and file systems cannot open or fsync a directory; the rename still happened.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Writes every secret, values included, to `file`, so that a crash at any moment leaves either
 * the previous state or the new one: the new state goes to a temporary file in the same
 * directory, is fsynced, then renamed over the old one. The old one stays as `<file>.bak`.
 * Both are readable by the owner only, whatever rights the file had before.
 */
export function saveState(store: SecretStore, file: string, parameters?: ParameterStore): void {
  const secrets: SavedSecret[] = [...store.secrets.values()].map((s) => ({
    arn: s.arn,
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    tags: s.tags,
    created: s.created.getTime(),
    lastChanged: s.lastChanged.getTime(),
    ...(s.lastRotated ? { lastRotated: s.lastRotated.getTime() } : {}),
    ...(s.deleted ? { deleted: s.deleted.getTime() } : {}),
    rotationEnabled: s.rotationEnabled,
    ...(s.rotationRules ? { rotationRules: s.rotationRules } : {}),
    ...(s.rotation ? { rotation: s.rotation } : {}),
    ...(s.rotating !== undefined ? { rotating: s.rotating } : {}),
    versions: [...s.versions.values()].map((v) => ({
      id: v.id,
      ...(v.string !== undefined ? { string: v.string } : {}),
      ...(v.binary !== undefined ? { binary: v.binary } : {}),
      created: v.created.getTime(),
      stages: [...v.stages],
    })),
  }))
  const saved = parameters ? { parameters: [...parameters.parameters.values()].map(saveParameter) } : {}
  const data = Buffer.from(JSON.stringify({ region: store.region, accountId: store.accountId, secrets, ...saved }, null, 2))
  const temp = tempOf(file)
  try {
    const fd = openSync(temp, 'w', 0o600)
    try {
      // A temp file left by a crash may have been created with other rights: fix them first.
      fchmodSync(fd, 0o600)
      for (let at = 0; at < data.length;) at += writeSync(fd, data, at)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (existsSync(file)) {
      const backup = backupOf(file)
      rmSync(backup, { force: true })
      try {
        linkSync(file, backup)
        chmodSync(backup, 0o600)
      } catch {
        // No hard links here (some network or FAT file systems): the state is still written safely.
      }
    }
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw new Error(`Could not write the state file ${file} (${codeOf(error)}): check that its directory exists, is writable and has free space.`, {
      cause: error,
    })
  }
  syncDirectory(file)
}

function refuse(file: string, why: string): Error {
  const backup = backupOf(file)
  const next = existsSync(backup)
    ? `The previous good state is in ${backup}: restore it with \`cp ${backup} ${file}\`, or move ${file} away to start from the seed.`
    : `Move ${file} away to start from the seed (it was left as it is).`
  return new Error(`Cannot load the state file ${file}: ${why}. ${next}`)
}

function isSaved(s: unknown): s is SavedSecret {
  const x = s as SavedSecret
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.arn === 'string' &&
    typeof x.name === 'string' &&
    Array.isArray(x.tags) &&
    typeof x.created === 'number' &&
    typeof x.lastChanged === 'number' &&
    (x.rotating === undefined || typeof x.rotating === 'string') &&
    Array.isArray(x.versions) &&
    x.versions.every((v) => v && typeof v === 'object' && typeof v.id === 'string' && typeof v.created === 'number' && Array.isArray(v.stages))
  )
}

/** A state file as read, before its secrets go into a store. */
export interface SavedState {
  /** Absent only in files written by hand; `saveState` always writes both. */
  region?: string
  accountId?: string
  secrets: SavedSecret[]
  /** Absent in files written before Parameter Store was served. */
  parameters?: SavedParameter[]
}

/**
 * Reads a state file written by `saveState`; undefined when there is none yet. A file that cannot
 * be read is refused and left untouched: the error names it, never quotes it (it holds secret
 * values, and JSON.parse messages quote the text they stop at).
 */
export function readState(file: string): SavedState | undefined {
  if (!existsSync(file)) return undefined
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw refuse(file, `it cannot be read (${codeOf(error)})`)
  }
  let data: { region?: unknown; accountId?: unknown; secrets?: unknown; parameters?: unknown }
  try {
    data = JSON.parse(text) as typeof data
  } catch {
    throw refuse(file, 'it is not valid JSON (it was cut short or edited)')
  }
  if (!data || typeof data !== 'object' || !Array.isArray(data.secrets) || !data.secrets.every(isSaved)) {
    throw refuse(file, 'it is JSON but not a hush-local-store state file (it needs "secrets" as saved by --state)')
  }
  if (data.parameters !== undefined && !(Array.isArray(data.parameters) && data.parameters.every(isSavedParameter)))
    throw refuse(file, 'its "parameters" are not Parameter Store parameters as saved by --state')
  for (const field of ['region', 'accountId'] as const) {
    const value = data[field]
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw refuse(file, `its "${field}" is not a non-empty string`)
  }
  return data as SavedState
}

/**
 * The region and account of a store restored from `file`: the file's, because every ARN in it
 * names them. An option asking for others is refused rather than followed, since the restored
 * ARNs would then name another region than the store answers for.
 */
export function identityOf(
  saved: SavedState,
  file: string,
  asked: { region?: string; accountId?: string },
  fallback: { region: string; accountId: string },
): { region: string; accountId: string } {
  const region = saved.region ?? asked.region ?? fallback.region
  const accountId = saved.accountId ?? asked.accountId ?? fallback.accountId
  if (asked.region !== undefined && asked.region !== region) {
    throw new Error(
      `the state file ${file} holds secrets of region ${region}, but region ${asked.region} was asked for (its ARNs name ${region}). Leave out the region to use the file's, or use another state file for ${asked.region}.`,
    )
  }
  if (asked.accountId !== undefined && asked.accountId !== accountId) {
    throw new Error(
      `the state file ${file} holds secrets of account ${accountId}, but account ${asked.accountId} was asked for (its ARNs name ${accountId}). Leave out the account id to use the file's, or use another state file for ${asked.accountId}.`,
    )
  }
  return { region, accountId }
}

/** Puts the secrets of a state file read by `readState` into `store`. */
export function restoreState(store: SecretStore, saved: SavedState, parameters?: ParameterStore): void {
  for (const p of parameters ? (saved.parameters ?? []) : []) {
    parameters!.parameters.set(p.name, {
      name: p.name,
      arn: p.arn,
      tags: p.tags,
      versions: p.versions.map((v) => ({
        version: v.version,
        value: v.value,
        type: v.type,
        ...(v.keyId !== undefined ? { keyId: v.keyId } : {}),
        ...(v.description !== undefined ? { description: v.description } : {}),
        labels: new Set(v.labels),
        modified: new Date(v.modified),
        tier: v.tier,
      })),
    })
  }
  for (const s of saved.secrets) {
    store.add({
      arn: s.arn,
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
      tags: s.tags,
      created: new Date(s.created),
      lastChanged: new Date(s.lastChanged),
      ...(s.lastRotated ? { lastRotated: new Date(s.lastRotated) } : {}),
      ...(s.deleted ? { deleted: new Date(s.deleted) } : {}),
      rotationEnabled: s.rotationEnabled,
      ...(s.rotationRules ? { rotationRules: s.rotationRules } : {}),
      ...(s.rotation ? { rotation: s.rotation } : {}),
      ...(s.rotating !== undefined ? { rotating: s.rotating } : {}),
      versions: new Map(
        s.versions.map((v) => [
          v.id,
          {
            id: v.id,
            ...(v.string !== undefined ? { string: v.string } : {}),
            ...(v.binary !== undefined ? { binary: v.binary } : {}),
            created: new Date(v.created),
            stages: new Set(v.stages),
          },
        ]),
      ),
    })
  }
}
