import { type ParseError, parse } from 'jsonc-parser'

export interface TurboTask {
  env?: string[]
  passThroughEnv?: string[]
  cache?: boolean
  persistent?: boolean
  outputs?: string[]
}
export interface TurboJson {
  extends?: string[]
  globalEnv?: string[]
  globalPassThroughEnv?: string[]
  envMode?: 'strict' | 'loose'
  tasks?: Record<string, TurboTask>
  /** turbo 1's name for `tasks`. */
  pipeline?: Record<string, TurboTask>
}

/**
 * turbo.json as turbo reads it: JSON with comments and trailing commas. `undefined` when it is
 * not that, so callers say so instead of guessing at its env settings.
 */
export function parseTurbo(text: string): TurboJson | undefined {
  const errors: ParseError[] = []
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false })
  if (errors.length || !value || typeof value !== 'object' || Array.isArray(value)) return undefined
  return value
}

/** The key that holds the tasks: `tasks` (turbo 2), or `pipeline` (turbo 1) when only that is there. */
export const tasksKey = (turbo: TurboJson): 'tasks' | 'pipeline' => (turbo.tasks || !turbo.pipeline ? 'tasks' : 'pipeline')

/** turbo 2 (`tasks`) is strict unless told otherwise; turbo 1 (`pipeline`) was loose. */
export const isStrict = (turbo: TurboJson) => (turbo.envMode ?? (turbo.tasks ? 'strict' : 'loose')) === 'strict'

/** Whether a turbo env entry (`NEXT_PUBLIC_*`, `!SECRET`, a name) takes in `name`; the last entry that matches decides. */
export function listed(entries: readonly string[] | undefined, name: string): boolean {
  let hit = false
  for (const entry of entries ?? []) {
    const negated = entry.startsWith('!')
    const pattern = negated ? entry.slice(1) : entry
    const re = new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`)
    if (re.test(name)) hit = !negated
  }
  return hit
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The line of `"word"` (a task, or a key) in the file, for pointing at it. */
export const lineOf = (text: string, word: string) => {
  const i = text.indexOf(`"${word}"`)
  return i < 0 ? undefined : text.slice(0, i).split('\n').length
}
