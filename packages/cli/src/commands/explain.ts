import { dirname, relative } from 'node:path'
import { createHushForProject, loadConfig, type SecretDescription } from '@hush/core'
import { EXIT, UsageError } from '../exit-codes.js'
import { findReaders } from '../explain/readers.js'
import { day, daysBetween } from '../project/duration.js'
import { environmentsOf, expiryOf, lastRotatedOf, nextRotationOf, rotationOf, sourceIn } from '../project/secrets.js'
import type { ExplainCommandOptions } from './explain-options.js'

const warn = (line: string) => void process.stderr.write(`${line}\n`)

/** `hush explain NAME`: what a secret is for, who owns it, where it comes from, how fresh it is and which code reads it; never its value. */
export async function explainCommand(name: string, options: ExplainCommandOptions): Promise<number> {
  const cwd = process.cwd()
  const loaded = await loadConfig({ cwd }).catch((error: Error) => {
    warn(`hush: the config does not load: ${error.message}`)
    return null
  })
  if (loaded === null) return EXIT.usage
  if (!loaded) {
    warn('hush: no hush.config found here or above: run hush init to write one, or cd into the project.')
    return EXIT.usage
  }
  const spec = loaded.config.secrets?.[name]
  if (!spec) {
    const known = Object.keys(loaded.config.secrets ?? {})
    const near = known.find((k) => k.toLowerCase() === name.toLowerCase())
    throw new UsageError(`${name} is not declared in ${relative(cwd, loaded.file) || loaded.file}${near ? ` (did you mean ${near}?)` : ''}`, 'explain')
  }
  const hush = await createHushForProject({ cwd, ...(options.env ? { environment: options.env } : {}) })
  let described: SecretDescription | undefined
  let describeError: string | undefined
  try {
    if (hush.names().includes(name)) described = await hush.describe(name)
  } catch (error) {
    describeError = (error as Error).message.split('\n')[0]
  } finally {
    await hush.close()
  }
  const environments = environmentsOf(loaded.config, hush.environment)
  const root = dirname(loaded.file)
  const readers = findReaders(root, name).map((r) => ({ ...r, file: relative(cwd, `${root}/${r.file}`) }))
  const now = new Date()
  const last = lastRotatedOf(described)
  const next = nextRotationOf(spec, described)
  const expiry = expiryOf(spec)
  const ttl = loaded.config.cache?.ttl ?? '5m'
  const validUntil = [next, expiry].filter((d): d is Date => d !== undefined).sort((a, b) => a.getTime() - b.getTime())[0]

  if (options.json) {
    process.stdout.write(
      JSON.stringify(
        {
          name,
          environment: hush.environment,
          purpose: spec.purpose ?? null,
          owner: spec.owner ?? null,
          description: spec.description ?? null,
          sources: Object.fromEntries(environments.map((e) => [e, sourceIn(name, spec, e) ?? null])),
          public: spec.public === true,
          required: spec.required !== false,
          rotation: rotationOf(spec)?.text ?? null,
          version: described?.version ?? null,
          lastRotated: last ?? null,
          nextRotation: next ?? null,
          expires: spec.expires ?? null,
          validUntil: validUntil ?? null,
          cacheTtl: ttl,
          readers,
        },
        null,
        2,
      ) + '\n',
    )
    return EXIT.ok
  }
  const rows: Array<[string, string]> = []
  rows.push(['purpose', spec.purpose ?? '(none: add purpose to hush.config)'])
  rows.push(['owner', spec.owner ?? '(none: add owner to hush.config)'])
  if (spec.description) rows.push(['description', spec.description])
  rows.push(['public', spec.public ? 'yes: the bundler may ship it to browsers' : 'no: server only'])
  const lines = [`${name}`]
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(13)}${v}`)
  lines.push('  sources')
  const width = Math.max(...environments.map((e) => e.length))
  for (const e of environments)
    lines.push(`    ${e.padEnd(width)}  ${sourceIn(name, spec, e) ?? '(none)'}${e === hush.environment ? '   <- this environment' : ''}`)
  const policy = rotationOf(spec)
  lines.push(`  rotation     ${policy ? `every ${policy.text}` : 'no policy'}`)
  if (describeError) lines.push(`  last rotated unknown: the store did not answer (${describeError})`)
  else lines.push(`  last rotated ${last ? `${day(last)} (${daysBetween(last, now)} days ago)` : 'unknown: the store keeps no date'}`)
  if (next) lines.push(`  next         ${day(next)}${next < now ? ' (overdue)' : ` (in ${daysBetween(now, next)} days)`}`)
  if (spec.expires)
    lines.push(`  expires      ${spec.expires}${expiry && expiry < now ? ' (expired)' : expiry ? ` (in ${daysBetween(now, expiry)} days)` : ''}`)
  if (described?.version) lines.push(`  version      ${described.version}`)
  lines.push(
    `  valid        ${validUntil ? `until ${day(validUntil)}` : 'with no end date'}; an app holds a read value for ${ttl} (cache.ttl) before checking the store again`,
  )
  lines.push(`  read by      ${readers.length ? '' : 'no code found (process.env, import.meta.env, get, getOrThrow, @InjectSecret)'}`.trimEnd())
  for (const r of readers) lines.push(`    ${r.file}:${r.line}  ${r.how}`)
  process.stdout.write(lines.join('\n') + '\n')
  return EXIT.ok
}
