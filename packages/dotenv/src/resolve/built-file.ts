import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * A file of this package's build, found beside the bundle running this code: every built
 * entry sits flat in `dist/`, so one directory serves them all.
 */
export function builtFile(name: string): string {
  // import.meta.url, never a global __dirname: under `node -e` or an ESM shim one exists and points elsewhere.
  return join(dirname(fileURLToPath(import.meta.url)), name)
}
