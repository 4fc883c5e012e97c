import { readFileSync } from 'node:fs'
import { isStrict, lineOf, listed, parseTurbo } from '../turbo/turbo-json.js'
import type { Problem } from './problem.js'

/** The declared secrets turbo has to know of: names, whether the bundler inlines them, and whether this environment gives them a value. */
export interface DeclaredSecret {
  name: string
  public: boolean
}

/**
 * turbo.json against the declared secrets. A cached task whose outputs a bundler fills must hash
 * the public values it inlines (in `env` or `globalEnv`), else a changed value is served from the
 * cache. A secret must not be hashed into the cache key (`env`): it goes in `passThroughEnv`.
 * Under strict env mode (turbo 2's default) a task sees only what is listed: a task that takes
 * secrets must list every declared one, or it runs without some.
 */
export function checkTurbo(file: string, relative: string, secrets: readonly DeclaredSecret[]): Problem[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  const turbo = parseTurbo(text)
  if (!turbo) {
    return [
      {
        severity: 'warning',
        check: 'config',
        message: `${relative} is not valid JSON, so its env settings were not checked`,
        next: `fix ${relative}, then run hush doctor again.`,
        file: relative,
      },
    ]
  }
  const tasks = turbo.tasks ?? turbo.pipeline ?? {}
  const strict = isStrict(turbo)
  const mentionsSecret = (entries: string[] | undefined) => secrets.some((s) => entries?.includes(s.name))
  const globalSecrets = mentionsSecret(turbo.globalEnv) || mentionsSecret(turbo.globalPassThroughEnv)
  const out: Problem[] = []
  for (const [task, t] of Object.entries(tasks)) {
    const at = { file: relative, ...(lineOf(text, task) ? { line: lineOf(text, task)! } : {}) }
    const cached = t.cache !== false
    const hashed = (name: string) => listed(t.env, name) || listed(turbo.globalEnv, name)
    const passed = (name: string) => listed(t.passThroughEnv, name) || listed(turbo.globalPassThroughEnv, name)
    for (const s of secrets) {
      if (s.public && cached && (t.outputs?.length ?? 0) > 0 && !hashed(s.name)) {
        out.push({
          severity: 'error',
          check: 'turbo-public-not-hashed',
          name: s.name,
          message: `is public (the bundler inlines it) but task "${task}" does not list it in env: a new value would be served from turbo's cache`,
          next: `add "${s.name}" to tasks.${task}.env in ${relative}, so a new value invalidates the cache.`,
          ...at,
        })
      }
      if (!s.public && cached && hashed(s.name)) {
        out.push({
          severity: 'error',
          check: 'turbo-secret-hashed',
          name: s.name,
          message: `is a secret but task "${task}" has it in ${listed(t.env, s.name) ? 'env' : 'globalEnv'}: it becomes part of the cache key and may reach cached outputs`,
          next: `move "${s.name}" to tasks.${task}.passThroughEnv in ${relative} (the task still gets it, the cache does not).`,
          ...at,
        })
      }
    }
    if (!strict || !(globalSecrets || mentionsSecret(t.env) || mentionsSecret(t.passThroughEnv))) continue
    const reported = new Set(out.filter((p) => p.check === 'turbo-public-not-hashed' && p.message.includes(`"${task}"`)).map((p) => p.name))
    for (const s of secrets) {
      // A public value already reported missing from env has its step; one line per name and task.
      if (hashed(s.name) || passed(s.name) || reported.has(s.name)) continue
      out.push({
        severity: 'error',
        check: 'turbo-strict-drops',
        name: s.name,
        message: `is declared but task "${task}" runs under turbo's strict env mode without listing it: the task never sees it`,
        next: `add "${s.name}" to tasks.${task}.${s.public ? 'env' : 'passThroughEnv'} in ${relative}.`,
        ...at,
      })
    }
  }
  return out
}
