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
// Secrets Manager's own limit is 64 KB; a certificate chain or a key file stays well under 1 MB.
const MAX_FILE_BYTES = 1024 * 1024

function notAFile(ref: Reference, what: string): HushError {
  return new HushError('HUSH_BAD_REFERENCE', {
    message: `${ref.raw}: ${ref.path} is ${what}`,
    fix: 'point file:// at the regular file that holds the secret (Docker and Kubernetes mount one per secret under /run/secrets/).',
    reference: ref.raw,
  })
}

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
            // A FIFO or a device (/dev/zero, /dev/stdin) would block a thread or never end.
            if (!stat.isFile()) return notAFile(ref, stat.isDirectory() ? 'a directory' : 'not a regular file')
            if (stat.size > MAX_FILE_BYTES) return notAFile(ref, `larger than ${MAX_FILE_BYTES / 1024} KB, more than any secret`)
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
