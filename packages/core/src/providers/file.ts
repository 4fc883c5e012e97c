import { promises as fs } from 'node:fs'
import { isAbsolute } from 'node:path'
import { HushError, describeForeignError } from '../errors.js'
import type { Provider, ResolvedSecret, VersionCheck } from '../provider.js'
import type { Reference } from '../reference.js'
import { pickJsonKey } from './json-key.js'

function versionOf(stat: { mtimeMs: number; size: number; ino: number }): string {
  return `${stat.ino}-${stat.size}-${Math.trunc(stat.mtimeMs)}`
}

function readError(ref: Reference, error: unknown): HushError {
  const code = (error as { code?: string })?.code
  if (code === 'ENOENT') {
    return new HushError('HUSH_NOT_FOUND', {
      message: `${ref.raw}: the file ${ref.path} does not exist`,
      fix: 'check the path, or mount the secret there (Docker and Kubernetes use /run/secrets/<name>).',
      reference: ref.raw,
    })
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new HushError('HUSH_ACCESS_DENIED', {
      message: `${ref.raw}: this process may not read ${ref.path}`,
      fix: 'give the user running the process read permission on the file.',
      reference: ref.raw,
    })
  }
  return new HushError('HUSH_STORE_UNAVAILABLE', {
    message: `${ref.raw}: reading ${ref.path} failed (${describeForeignError(error)})`,
    fix: 'check that the path is a readable file.',
    reference: ref.raw,
  })
}

/**
 * `file:///absolute/path[#key]`: container-mounted secrets. One trailing newline is dropped,
 * since `echo secret > file` adds one. The version is the file's identity and mtime, so an
 * unchanged file is not read again.
 */
export function fileProvider(): Provider {
  return {
    scheme: 'file',
    validate(ref) {
      if (!isAbsolute(ref.path) || !ref.path.startsWith('/')) {
        throw new HushError('HUSH_BAD_REFERENCE', {
          message: `"${ref.raw}" does not name an absolute path`,
          reason: 'file:// takes an absolute path, so it reads the same file from any directory.',
          fix: `write it with three slashes, for example file:///run/secrets/db.`,
          reference: ref.raw,
        })
      }
    },
    async resolve(refs) {
      return Promise.all(
        refs.map(async (ref): Promise<ResolvedSecret | HushError> => {
          try {
            const stat = await fs.stat(ref.path)
            let value = await fs.readFile(ref.path, 'utf8')
            if (value.endsWith('\r\n')) value = value.slice(0, -2)
            else if (value.endsWith('\n')) value = value.slice(0, -1)
            const picked = pickJsonKey(value, ref)
            return typeof picked === 'string' ? { value: picked, version: versionOf(stat) } : picked
          } catch (error) {
            return readError(ref, error)
          }
        }),
      )
    },
    async check(items) {
      return Promise.all(
        items.map(async ({ ref, version }): Promise<VersionCheck> => {
          try {
            const now = versionOf(await fs.stat(ref.path))
            return now === version ? { unchanged: true } : { unchanged: false, version: now }
          } catch (error) {
            return readError(ref, error)
          }
        }),
      )
    },
  }
}
