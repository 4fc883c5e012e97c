import { createHushForProject, type Hush, resolveEnvironmentName } from '@hush/core'
import { readEnvFiles } from '../run/env-files.js'

/**
 * Starts hush for the project in `cwd` as `hush run` does: the config plus the `.env`
 * references of the environment, so a name declared only in `.env` is known too. Reads nothing.
 */
export async function openProject(cwd: string, environment = resolveEnvironmentName(process.env)): Promise<Hush> {
  const files = readEnvFiles(cwd, environment)
  return createHushForProject({ cwd, environment, sources: files.sources, env: { ...files.plain, ...process.env } })
}
