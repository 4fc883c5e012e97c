import { createHushForProject, type Hush, isHushError, resolveEnvironmentName } from '@hush/core'
import { readEnvFiles } from '../run/env-files.js'

/**
 * Starts hush for the project in `cwd` as `hush run` does: the config plus the `.env`
 * references of the environment, so a name declared only in `.env` is known too. Reads nothing.
 */
export async function openProject(cwd: string, environment = resolveEnvironmentName(process.env)): Promise<Hush> {
  const files = readEnvFiles(cwd, environment)
  return createHushForProject({ cwd, environment, sources: files.sources, env: { ...files.plain, ...process.env } })
}

/**
 * `openProject` for a command that cannot go on without it: a config or reference error is
 * printed as one line (it names files and keys, never a value) and the command gets undefined.
 */
export async function openProjectOrSay(cwd: string, environment: string | undefined, warn: (line: string) => void): Promise<Hush | undefined> {
  try {
    return await openProject(cwd, environment)
  } catch (error) {
    if (!isHushError(error)) throw error
    warn(`hush: ${error.message}`)
    return undefined
  }
}
