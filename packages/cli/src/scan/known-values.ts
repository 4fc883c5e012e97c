import { createHushForProject, isHushError, Redactor } from '@hush/core'
import { findConfigFile } from '@hush/core/find-config'

/**
 * A redactor that knows the current value of every secret the project's config declares, read
 * from its stores, so the scan finds those values and their encoded forms (base64, URL, JSON
 * escapes, hex) in any file. `undefined` when there is no config, or when the stores do not
 * answer: then the scan goes on with detection only and says why on stderr.
 */
export async function knownValues(cwd: string, warn: (line: string) => void): Promise<Redactor | undefined> {
  if (!findConfigFile(cwd)) {
    warn('hush: --known-values skipped, scanning with detection only: no hush.config found here or above.')
    return undefined
  }
  let hush: Awaited<ReturnType<typeof createHushForProject>> | undefined
  try {
    hush = await createHushForProject({ cwd })
    const values = await hush.load()
    const redactor = new Redactor()
    for (const [name, value] of Object.entries(values)) redactor.add(name, value)
    return redactor
  } catch (error) {
    // HushError messages name secrets and stores, never values.
    const why = isHushError(error) ? error.message : 'the stores could not be read.'
    warn(`hush: --known-values skipped, scanning with detection only: ${why}`)
    return undefined
  } finally {
    await hush?.close()
  }
}
