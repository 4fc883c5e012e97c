import { existsSync, readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import type { SourceReference } from '@hush/core'
import { isReference, KNOWN_SCHEMES } from '@hush/core/reference'
import { parseWithReferences } from '@hush/dotenv'

/**
 * The secrets `.env` files name by reference, read as `ConfigModule` reads them (the first file
 * that sets a key wins), with where each was written. A variable set in the process
 * environment wins over `.env`, as in dotenv and `ConfigModule`: a reference there is used
 * instead, and a plain value there (the shell, CI, a container) becomes `env://NAME`, so the
 * name still resolves and is still masked.
 */
export function envFileSources(options: {
  cwd: string
  envFilePath?: string | string[] | undefined
  env: Record<string, string | undefined>
}): Record<string, SourceReference> {
  const files = [options.envFilePath ?? '.env'].flat().map((file) => resolve(options.cwd, file))
  const fromFiles: Record<string, { reference: string; value: string; file: string; line?: number }> = {}
  for (const file of files) {
    if (!existsSync(file)) continue
    const { values, references } = parseWithReferences(readFileSync(file, 'utf8'), relative(options.cwd, file) || file)
    for (const [key, ref] of Object.entries(references)) {
      if (Object.hasOwn(fromFiles, key)) continue
      fromFiles[key] = {
        reference: ref.reference,
        value: values[key] ?? '',
        file: ref.where?.file ?? file,
        ...(ref.where?.line ? { line: ref.where.line } : {}),
      }
    }
  }
  const sources: Record<string, SourceReference> = {}
  for (const [key, found] of Object.entries(fromFiles)) {
    const current = options.env[key]
    // ConfigModule copies .env into process.env before hush starts: the same text there is
    // the file's own, not a value the shell set.
    if (current === undefined || current === found.value || current === found.reference) {
      sources[key] = { reference: found.reference, where: { file: found.file, ...(found.line ? { line: found.line } : {}) } }
    } else if (isReference(current, KNOWN_SCHEMES)) {
      sources[key] = current
    } else {
      sources[key] = `env://${key}`
    }
  }
  return sources
}
