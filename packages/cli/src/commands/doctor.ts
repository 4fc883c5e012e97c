import { dirname, relative } from 'node:path'
import { createHushForProject, type Hush, loadConfig, type LoadedConfig } from '@hush/core'
import pkg from '../../package.json' with { type: 'json' }
import { checkEnvironments, checkSecret, type Observed } from '../doctor/secrets.js'
import type { Problem } from '../doctor/problem.js'
import { type DoctorResult, reportJson, reportSarif, reportText } from '../doctor/report.js'
import { checkTurbo } from '../doctor/turbo.js'
import { EXIT, UsageError } from '../exit-codes.js'
import { declarationOf, findUp } from '../project/config-lines.js'
import { parseDuration } from '../project/duration.js'
import { describeAll, environmentsOf } from '../project/secrets.js'
import type { DoctorCommandOptions } from './doctor-options.js'

/**
 * `hush doctor`: loads the config, resolves every secret of the environment (values are judged
 * in memory and dropped, never printed), describes them all in one batch for their ages, and
 * reads turbo.json. Exit code 1 when any problem is an error.
 */
export async function doctorCommand(options: DoctorCommandOptions): Promise<number> {
  const warnMs = parseDuration(options.warn)
  if (warnMs === undefined) throw new UsageError(`--warn must be a duration such as 30d or 2w, not "${options.warn}"`, 'doctor')
  const cwd = process.cwd()
  const result = await diagnose(cwd, options.env, warnMs)
  const format = options.json ? 'json' : options.format
  if (format === 'json') process.stdout.write(reportJson(result))
  else if (format === 'sarif') process.stdout.write(reportSarif(result, pkg.version))
  else process.stdout.write(reportText(result))
  return result.problems.some((p) => p.severity === 'error') ? EXIT.found : EXIT.ok
}

async function diagnose(cwd: string, env: string | undefined, warnMs: number): Promise<DoctorResult> {
  let loaded: LoadedConfig | undefined
  let hush: Hush | undefined
  try {
    loaded = await loadConfig({ cwd })
    if (loaded) hush = await createHushForProject({ cwd, ...(env ? { environment: env } : {}) })
  } catch (error) {
    const e = error as Error & { fix?: string }
    return {
      environment: env ?? '-',
      secrets: 0,
      problems: [
        {
          severity: 'error',
          check: 'config',
          message: `the config does not load: ${e.message}`,
          next: e.fix ?? 'fix hush.config, then run hush doctor again.',
        },
      ],
    }
  }
  if (!loaded || !hush) {
    return {
      environment: env ?? '-',
      secrets: 0,
      problems: [
        {
          severity: 'error',
          check: 'config',
          message: 'no hush.config found here or above',
          next: 'run hush init to write one from .env, or cd into the project.',
        },
      ],
    }
  }
  try {
    const config = loaded.config
    const at = declarationOf(loaded, cwd)
    const names = hush.names().filter((n) => hush.spec(n) !== undefined)
    // Values and descriptions are asked for together: each batch goes to its store in one go.
    const [values, descriptions] = await Promise.all([
      Promise.all(
        names.map((n) =>
          hush.get(n).then(
            (value) => ({ ok: true as const, value }),
            (error: Error) => ({ ok: false as const, error }),
          ),
        ),
      ),
      describeAll(hush, names),
    ])
    const now = new Date()
    const problems: Problem[] = []
    names.forEach((name, i) => {
      const reference = safe(() => hush.referenceOf(name))
      const observed: Observed = {
        name,
        spec: hush.spec(name)!,
        resolved: values[i]!,
        description: descriptions.get(name),
        ...(reference ? { scheme: reference.split('://')[0]! } : {}),
      }
      problems.push(...checkSecret(observed, now, warnMs, at))
    })
    problems.push(...checkEnvironments(config, hush.environment, environmentsOf(config, hush.environment), at))
    const turbo = findUp(dirname(loaded.file), 'turbo.json')
    if (turbo)
      problems.push(
        ...checkTurbo(
          turbo,
          relative(cwd, turbo) || 'turbo.json',
          names.map((name) => ({ name, public: hush.spec(name)?.public === true })),
        ),
      )
    const order = { error: 0, warning: 1, info: 2 }
    problems.sort((a, b) => order[a.severity] - order[b.severity])
    return { environment: hush.environment, secrets: names.length, problems }
  } finally {
    await hush.close()
  }
}

const safe = <T>(fn: () => T): T | undefined => {
  try {
    return fn()
  } catch {
    return undefined
  }
}
