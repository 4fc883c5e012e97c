import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { EXIT } from '../exit-codes.js'
import { findUp } from '../project/config-lines.js'
import { unifiedDiff } from '../turbo/diff.js'
import { applyChanges } from '../turbo/edit.js'
import { type Plan, planTurbo } from '../turbo/plan.js'
import { parseTurbo, tasksKey } from '../turbo/turbo-json.js'
import { type App, findApps, workspaceDirs } from '../turbo/workspace.js'
import type { TurboCommandOptions } from './turbo-options.js'

const say = (line: string) => void process.stdout.write(`${line}\n`)
const fail = (line: string) => {
  process.stderr.write(`hush turbo: ${line}\n`)
  return EXIT.usage
}
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * `hush turbo`: the env wiring turbo.json needs for the apps' hush configs. Public values go in
 * each app task's `env` (hashed, so a new value rebuilds the bundle that inlines it), secrets in
 * `passThroughEnv` (the task gets them under strict env mode; turbo never hashes or replays
 * them). Prints a diff (exit 1 when turbo.json needs changes) or, with --write, makes them.
 * Reads names only: no store is asked for a value.
 */
export async function turboCommand(options: TurboCommandOptions): Promise<number> {
  const cwd = process.cwd()
  const file = findUp(cwd, 'turbo.json')
  if (!file) return fail('no turbo.json here or above: run it in a turbo workspace.')
  const root = dirname(file)
  const shown = relative(cwd, file) || 'turbo.json'
  const text = readFileSync(file, 'utf8')
  const turbo = parseTurbo(text)
  if (!turbo) return fail(`${shown} does not parse as JSON (with comments): fix it first.`)
  let apps: App[]
  try {
    // A package's own turbo.json (`extends`) is wired for that package alone.
    apps = await findApps(root, turbo.extends ? [root] : [root, ...workspaceDirs(root)])
  } catch (error) {
    return fail(`a config does not load: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!apps.length) return fail(`no hush.config in the workspace of ${shown} (its root or the packages it lists).`)
  const plan = planTurbo(turbo, apps)
  if (plan.conflicts.length) {
    const c = plan.conflicts[0]!
    return fail(
      `${c.name} is public in ${c.public.join(', ')} but secret in ${c.secret.join(', ')}: one task list cannot hash it and pass it through. Rename one of them.`,
    )
  }
  const after = applyChanges(text, tasksKey(turbo), plan.changes)
  const changed = after !== text
  if (changed && options.write) writeFileSync(file, after)
  const globalProblem = plan.globallyHashed.length > 0

  if (options.json) {
    say(
      JSON.stringify(
        {
          file: shown,
          apps,
          public: plan.public,
          secret: plan.secret,
          tasks: plan.tasks,
          changes: plan.changes,
          changed,
          written: changed && !!options.write,
          globallyHashed: plan.globallyHashed,
        },
        null,
        2,
      ),
    )
  } else {
    say(summary(plan, apps, shown))
    if (changed) process.stdout.write(options.write ? `wrote ${shown}: ${describe(plan)}\n` : unifiedDiff(text, after, shown))
    else say(`${shown} is up to date.`)
    if (globalProblem)
      say(
        `${plan.globallyHashed.join(', ')}: hashed into every task by globalEnv in ${shown}; take ${plan.globallyHashed.length === 1 ? 'it' : 'them'} out of globalEnv (hush turbo does not edit global settings).`,
      )
    if (changed && !options.write) say(`Run hush turbo --write to apply.`)
  }
  return (changed && !options.write) || globalProblem ? EXIT.found : EXIT.ok
}

function summary(plan: Plan, apps: readonly App[], shown: string): string {
  const tasks = plan.tasks.length ? `tasks ${plan.tasks.join(', ')}` : 'no task that builds or runs an app'
  return `hush turbo: ${plural(apps.length, 'app')} (${apps.map((a) => a.config).join(', ')}), ${plural(plan.public.length, 'public value')}, ${plural(plan.secret.length, 'secret')}; ${shown}: ${tasks}`
}

const describe = (plan: Plan) =>
  plan.changes
    .map((c) => {
      const parts = [
        c.added.env.length ? `env +${c.added.env.join(' +')}` : '',
        c.added.passThroughEnv.length ? `passThroughEnv +${c.added.passThroughEnv.join(' +')}` : '',
        c.unhashed.length ? `no longer hashed: ${c.unhashed.join(', ')}` : '',
      ].filter(Boolean)
      return `${c.task} (${parts.join('; ')})`
    })
    .join(', ')
