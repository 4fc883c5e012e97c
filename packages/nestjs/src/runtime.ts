import { Logger } from '@nestjs/common'
import { createHushForProject, type Hush, loadConfig } from '@hush/core'
import { guardCrashes } from './crash-guard.js'
import { envFileSources } from './env-files.js'
import { trackHealth } from './health/health-tracker.js'
import type { HushModuleOptions } from './hush-options.interface.js'
import { createRotations } from './rotations.js'

const logger = new Logger('HushModule')

/** One started hush instance and what hangs off it in a Nest app. */
export interface HushRuntime {
  readonly hush: Hush
  readonly rotations: ReturnType<typeof createRotations>
  readonly health: ReturnType<typeof trackHealth>
  /** Whether hush has been closed (the app shut down), so a read can say so. */
  readonly state: { closed: boolean }
  /** Marks the app that holds this runtime as started (its modules initialised); see SharedRuntime. */
  confirm?(): void
  close(): Promise<void>
}

/**
 * Starts hush for the app through the core's project bootstrap and loads every secret in one
 * batch, so a missing or denied one fails `NestFactory.create` with its diagnostic before
 * the app listens; then, when asked, guards the logs. ConfigService is linked per app, by
 * whoever hands the runtime to it (`linkConfigService`).
 */
export async function startRuntime(options: HushModuleOptions): Promise<HushRuntime> {
  const { envFilePath, ignoreEnvFile, redactLogs, ...project } = options
  const cwd = project.cwd ?? process.cwd()
  const env = project.env ?? process.env
  const declared = Object.keys((await loadConfig({ cwd }))?.config.secrets ?? {})
  const found = envFileSources({ cwd, envFilePath, ignoreEnvFile, env, declared })
  for (const suspect of found.suspects) logger.warn(suspect)
  const hush = await createHushForProject({ ...project, cwd, env, sources: { ...found.sources, ...project.sources } })
  // Both follow events from the first fetch, so a store that fails during start-up is counted.
  const health = trackHealth(hush)
  const rotations = createRotations(hush)
  try {
    await hush.load()
  } catch (error) {
    health.stop()
    rotations.stop()
    await hush.close()
    throw error
  }
  const unguard = redactLogs === true ? hush.guardLogs() : undefined
  const uncrash = redactLogs === true ? guardCrashes(hush) : undefined
  let closing: Promise<void> | undefined
  const state = { closed: false }
  return {
    hush,
    rotations,
    health,
    state,
    close() {
      closing ??= (async () => {
        state.closed = true
        health.stop()
        rotations.stop()
        await hush.close()
        unguard?.()
        uncrash?.()
      })()
      return closing
    },
  }
}
