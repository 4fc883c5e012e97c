import { chmodSync, closeSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
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
  versions: Array<{ id: string; string?: string; binary?: string; created: number; stages: string[] }>
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
export function saveState(store: SecretStore, file: string): void {
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
    versions: [...s.versions.values()].map((v) => ({ id: v.id, ...(v.string !== undefined ? { string: v.string } : {}), ...(v.binary !== undefined ? { binary: v.binary } : {}), created: v.created.getTime(), stages: [...v.stages] })),
  }))
  const data = Buffer.from(JSON.stringify({ region: store.region, accountId: store.accountId, secrets }, null, 2))
  const temp = tempOf(file)
  try {
    const fd = openSync(temp, 'w', 0o600)
    try {
      // A temp file left by a crash may have been created with other rights: fix them first.
      fchmodSync(fd, 0o600)
      for (let at = 0; at < data.length; ) at += writeSync(fd, data, at)
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
    throw new Error(`Could not write the state file ${file} (${codeOf(error)}): check that its directory exists, is writable and has free space.`, { cause: error })
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
    Array.isArray(x.versions) &&
    x.versions.every((v) => v && typeof v === 'object' && typeof v.id === 'string' && typeof v.created === 'number' && Array.isArray(v.stages))
  )
}

/**
 * Loads a state file written by `saveState`; false when there is none yet. A file that cannot
 * be read is refused and left untouched: the error names it, never quotes it (it holds secret
 * values, and JSON.parse messages quote the text they stop at).
 */
export function loadState(store: SecretStore, file: string): boolean {
  if (!existsSync(file)) return false
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw refuse(file, `it cannot be read (${codeOf(error)})`)
  }
  let data: { secrets?: unknown }
  try {
    data = JSON.parse(text) as { secrets?: unknown }
  } catch {
    throw refuse(file, 'it is not valid JSON (it was cut short or edited)')
  }
  if (!data || typeof data !== 'object' || !Array.isArray(data.secrets) || !data.secrets.every(isSaved)) {
    throw refuse(file, 'it is JSON but not a hush-local-store state file (it needs "secrets" as saved by --state)')
  }
  for (const s of data.secrets) {
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
      versions: new Map(s.versions.map((v) => [v.id, { id: v.id, ...(v.string !== undefined ? { string: v.string } : {}), ...(v.binary !== undefined ? { binary: v.binary } : {}), created: new Date(v.created), stages: new Set(v.stages) }])),
    })
  }
  return true
}
