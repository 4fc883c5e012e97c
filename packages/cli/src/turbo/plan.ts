import type { App } from './workspace.js'
import { listed, type TurboJson, type TurboTask, tasksKey } from './turbo-json.js'

/** Task names that build or run an app even when their config says nothing more. */
export const APP_TASKS = ['build', 'dev', 'start'] as const

/**
 * Whether a task builds or runs an app: it leaves outputs (a bundle that may inline public
 * values, so its cache key must hold them), it is persistent (a dev server), or it is named
 * build, dev or start (also as `pkg#build`). `//#task` runs at the root, not in an app.
 */
export function isAppTask(key: string, task: TurboTask): boolean {
  if (key.startsWith('//#')) return false
  const name = key.includes('#') ? key.slice(key.indexOf('#') + 1) : key
  return (task.outputs?.length ?? 0) > 0 || task.persistent === true || (APP_TASKS as readonly string[]).includes(name)
}

/** What one task's env lists need, to hash every public value and pass every secret through. */
export interface TaskChange {
  task: string
  /** The new `env` and `passThroughEnv` lists, only where they change. */
  env?: string[]
  passThroughEnv?: string[]
  added: { env: string[]; passThroughEnv: string[] }
  /** Secrets taken out of `env` (hashed into the cache key) or excluded from a pattern there (`!NAME`). */
  unhashed: string[]
}

export interface Plan {
  /** The names the apps declare public (in `env`) and secret (in `passThroughEnv`). */
  public: string[]
  secret: string[]
  /** Names one app declares public and another secret: no single task list suits both. */
  conflicts: { name: string; public: string[]; secret: string[] }[]
  /** Secrets `globalEnv` hashes into every task: only an edit of globalEnv fixes it. */
  globallyHashed: string[]
  tasks: string[]
  changes: TaskChange[]
}

/**
 * The env wiring for every app task of turbo.json. Entries already there stay (patterns and
 * other variables are the user's); a name is added where no entry, global or the task's own,
 * takes it in yet, so running it twice changes nothing.
 */
export function planTurbo(turbo: TurboJson, apps: readonly App[]): Plan {
  const publicBy = new Map<string, string[]>()
  const secretBy = new Map<string, string[]>()
  for (const app of apps)
    for (const s of app.secrets) {
      const by = s.public ? publicBy : secretBy
      by.set(s.name, [...(by.get(s.name) ?? []), app.config])
    }
  const conflicts = [...publicBy.keys()].filter((n) => secretBy.has(n)).map((name) => ({ name, public: publicBy.get(name)!, secret: secretBy.get(name)! }))
  const publicNames = [...publicBy.keys()].filter((n) => !secretBy.has(n)).sort()
  const secretNames = [...secretBy.keys()].filter((n) => !publicBy.has(n)).sort()
  // A package turbo.json replaces the root's arrays unless they start with this marker.
  const inherit = (turbo.extends?.length ?? 0) > 0 ? ['$TURBO_EXTENDS$'] : []

  const tasks = Object.entries(turbo[tasksKey(turbo)] ?? {}).filter(([key, task]) => isAppTask(key, task ?? {}))
  const changes: TaskChange[] = []
  for (const [key, task] of tasks) {
    const before = { env: task.env ?? [], passThroughEnv: task.passThroughEnv ?? [] }
    let env = [...before.env]
    const unhashed: string[] = []
    for (const name of secretNames) {
      if (!listed(env, name)) continue
      unhashed.push(name)
      env = env.filter((e) => e !== name)
      // Still taken in by a pattern (`API_*`): turbo's `!NAME` excludes it from the hash.
      if (listed(env, name)) env.push(`!${name}`)
    }
    const addEnv = publicNames.filter((n) => !listed(env, n) && !listed(turbo.globalEnv, n))
    env.push(...addEnv)
    const addPass = secretNames.filter((n) => !listed(before.passThroughEnv, n) && !listed(turbo.globalPassThroughEnv, n))
    const passThroughEnv = [...before.passThroughEnv, ...addPass]
    if (!addEnv.length && !addPass.length && !unhashed.length) continue
    const withInherit = (list: string[], had: boolean) => (had || !list.length ? list : [...inherit, ...list])
    changes.push({
      task: key,
      ...(addEnv.length || unhashed.length ? { env: withInherit(env, task.env !== undefined) } : {}),
      ...(addPass.length ? { passThroughEnv: withInherit(passThroughEnv, task.passThroughEnv !== undefined) } : {}),
      added: { env: addEnv, passThroughEnv: addPass },
      unhashed,
    })
  }
  return {
    public: publicNames,
    secret: secretNames,
    conflicts,
    globallyHashed: secretNames.filter((n) => listed(turbo.globalEnv, n)),
    tasks: tasks.map(([key]) => key),
    changes,
  }
}
