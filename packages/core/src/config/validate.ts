import { parseSize } from '../audit/size.js'
import { parseDuration } from '../duration.js'
import { HushError } from '../errors.js'
import type { HushConfig } from './types.js'

interface Issue {
  path: string
  problem: string
  fix: string
  /** The full key path, to find the line, when `path` stops short of a key not to be printed. */
  locate?: string
}

const SECRET_KEYS = new Set(['from', 'owner', 'purpose', 'rotation', 'expires', 'public', 'required', 'schema', 'description'])
const ENV_NAME = /^[A-Za-z_][\w.-]*$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * The kind of a value, never its text: a setting that is wrong may be a secret pasted where a
 * reference belongs, and errors are printed in terminals and CI logs.
 */
function show(v: unknown): string {
  if (typeof v === 'string') return v.length === 0 ? 'an empty string' : `a ${v.length}-character string`
  if (Array.isArray(v)) return `a list of ${v.length}`
  if (v === null) return 'null'
  if (typeof v === 'number') return 'a number'
  if (typeof v === 'boolean') return 'true or false'
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`
}

/**
 * A key as it may be printed. Keys are the user's words (`ownr`, `staging`), but a value pasted
 * in a key's place is a key too: only short, letters-only keys are shown; others are described.
 */
export function printableKey(k: string): string {
  return /^[A-Za-z][A-Za-z_-]{0,19}$/.test(k) ? k : `a ${k.length}-character key`
}

/** A key in a message: quoted when shown as written, else its description. */
function key(k: string): string {
  const shown = printableKey(k)
  return shown === k ? `"${k}"` : shown
}

/** A key that is not a known setting of `parent`: named only as `key()` allows, located by line. */
function unknown(parent: string, k: string, what: string, fix: string): Issue {
  return { path: parent, locate: parent ? `${parent}.${k}` : k, problem: `has ${key(k)}, which is not a known ${what}`, fix }
}

function checkAllow(list: unknown, path: string, issues: Issue[]): void {
  if (!Array.isArray(list)) {
    issues.push({ path, problem: `is ${show(list)}, not a list`, fix: 'list the stores this environment may read, for example ["env", "file"].' })
    return
  }
  list.forEach((rule, i) => {
    const at = `${path}[${i}]`
    if (typeof rule === 'string') {
      if (!/^[a-z][a-z0-9+.-]*(:.+)?$/.test(rule))
        issues.push({ path: at, problem: `is ${show(rule)}, not a scheme`, fix: 'write a scheme such as "env", "file" or "aws-sm".' })
    } else if (isObject(rule)) {
      if (typeof rule.scheme !== 'string') issues.push({ path: `${at}.scheme`, problem: 'is missing', fix: 'name the scheme, for example "aws-sm".' })
      for (const k of ['accounts', 'regions'] as const) {
        const v = rule[k]
        if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) {
          issues.push({ path: `${at}.${k}`, problem: 'is not a list of strings', fix: `write ${k} as a list, for example ["123456789012"].` })
        }
      }
      for (const k of Object.keys(rule)) {
        if (!['scheme', 'accounts', 'regions'].includes(k)) issues.push(unknown(at, k, 'setting', 'use scheme, accounts and regions only.'))
      }
    } else {
      issues.push({ path: at, problem: `is ${show(rule)}`, fix: 'write a scheme name or { "scheme": ..., "accounts": [...], "regions": [...] }.' })
    }
  })
}

function checkSecret(name: string, spec: unknown, envNames: Set<string> | undefined, issues: Issue[]): void {
  const base = `secrets.${name}`
  if (!isObject(spec)) {
    issues.push({ path: base, problem: `is ${show(spec)}, not an object`, fix: 'declare it as an object, for example { "from": "env://NAME" }.' })
    return
  }
  for (const key of Object.keys(spec)) {
    if (!SECRET_KEYS.has(key)) {
      issues.push(unknown(base, key, 'setting', `use one of ${[...SECRET_KEYS].join(', ')}.`))
    }
  }
  const from = spec.from
  if (from !== undefined) {
    if (typeof from === 'string') {
      // Never echo a "from" that is not a reference: it may be the secret itself, pasted in.
      if (!/^[a-z][a-z0-9+.-]*:\/\//.test(from))
        issues.push({
          path: `${base}.from`,
          problem: 'is not a reference (it does not start with scheme://)',
          fix: 'write a reference such as "env://NAME" or "aws-sm://prod/db#password"; never put the value itself in the config.',
        })
    } else if (isObject(from)) {
      for (const [env, ref] of Object.entries(from)) {
        if (typeof ref !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\//.test(ref)) {
          issues.push({
            path: `${base}.from.${env}`,
            problem: 'is not a reference (it does not start with scheme://)',
            fix: 'write a reference such as "env://NAME" or "aws-sm://prod/db#password"; never put the value itself in the config.',
          })
        }
        if (envNames && !envNames.has(env)) {
          issues.push({
            path: `${base}.from`,
            locate: `${base}.from.${env}`,
            problem: `names the environment ${key(env)}, which is not declared`,
            fix: `declare it under environments, or use one of: ${[...envNames].join(', ')}.`,
          })
        }
      }
    } else {
      issues.push({ path: `${base}.from`, problem: `is ${show(from)}`, fix: 'give one reference, or an object of references by environment name.' })
    }
  }
  for (const key of ['owner', 'purpose', 'description'] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== 'string')
      issues.push({ path: `${base}.${key}`, problem: `is ${show(spec[key])}, not text`, fix: 'write it as a string.' })
  }
  for (const key of ['public', 'required'] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== 'boolean')
      issues.push({ path: `${base}.${key}`, problem: `is ${show(spec[key])}, not true or false`, fix: 'write true or false without quotes.' })
  }
  if (isObject(spec.rotation)) rotationIssues(spec.rotation, `${base}.rotation`, issues)
  else if (
    spec.rotation !== undefined &&
    ((typeof spec.rotation !== 'string' && typeof spec.rotation !== 'number') || parseDuration(spec.rotation) === undefined)
  ) {
    issues.push({
      path: `${base}.rotation`,
      problem: `is ${show(spec.rotation)}, not a duration`,
      fix: 'write a number and a unit, such as "30d", "12h" or "90d"; or a policy such as { "every": "30d", "generate": { "length": 32 } }.',
    })
  }
  if (spec.expires !== undefined && (typeof spec.expires !== 'string' || !DATE.test(spec.expires) || Number.isNaN(Date.parse(spec.expires)))) {
    issues.push({ path: `${base}.expires`, problem: `is ${show(spec.expires)}, not a date`, fix: 'write the date as YYYY-MM-DD, for example "2027-06-30".' })
  }
  const schema = spec.schema
  if (schema !== undefined && !((isObject(schema) || typeof schema === 'function') && '~standard' in schema)) {
    issues.push({
      path: `${base}.schema`,
      problem: 'is not a Standard Schema',
      fix: 'pass a zod, valibot or arktype schema (any Standard Schema), in a hush.config.ts or .js.',
    })
  }
}

const ALPHABETS = ['base64url', 'alphanumeric', 'hex']

/** A rotation policy: `every` (a duration) and `generate` ({ length, alphabet }). */
function rotationIssues(policy: Record<string, unknown>, base: string, issues: Issue[]): void {
  for (const k of Object.keys(policy)) {
    if (k !== 'every' && k !== 'generate') issues.push(unknown(base, k, 'rotation setting', 'use "every" (a duration) and "generate" ({ length, alphabet }).'))
  }
  const every = policy.every
  if (every !== undefined && ((typeof every !== 'string' && typeof every !== 'number') || parseDuration(every) === undefined))
    issues.push({ path: `${base}.every`, problem: `is ${show(every)}, not a duration`, fix: 'write a number and a unit, such as "30d".' })
  const generate = policy.generate
  if (generate === undefined) return
  if (!isObject(generate)) {
    issues.push({ path: `${base}.generate`, problem: `is ${show(generate)}`, fix: 'write it as { "length": 32, "alphabet": "base64url" }.' })
    return
  }
  for (const k of Object.keys(generate)) {
    if (k !== 'length' && k !== 'alphabet') issues.push(unknown(`${base}.generate`, k, 'generate setting', 'use "length" and "alphabet".'))
  }
  const length = generate.length
  if (length !== undefined && !(typeof length === 'number' && Number.isInteger(length) && length >= 16 && length <= 4096))
    issues.push({ path: `${base}.generate.length`, problem: `is ${show(length)}, not a whole number from 16 to 4096`, fix: 'write a length such as 32.' })
  const alphabet = generate.alphabet
  if (alphabet !== undefined && !(typeof alphabet === 'string' && ALPHABETS.includes(alphabet)))
    issues.push({ path: `${base}.generate.alphabet`, problem: `is ${show(alphabet)}`, fix: `write one of: ${ALPHABETS.join(', ')}.` })
}

export const AUDIT_EVENTS = ['access', 'resolve', 'refresh', 'rotate', 'stale-served', 'error', 'leak-blocked', 'unmaskable', 'cache-hit'] as const

function checkAudit(audit: unknown, issues: Issue[]): void {
  if (!isObject(audit)) {
    issues.push({ path: 'audit', problem: `is ${show(audit)}, not an object`, fix: 'write { "file": "logs/hush-audit.jsonl" }.' })
    return
  }
  for (const k of Object.keys(audit))
    if (!['file', 'events', 'maxSize', 'keep'].includes(k)) issues.push(unknown('audit', k, 'setting', 'use file, events, maxSize and keep.'))
  if (typeof audit.file !== 'string' || !audit.file.trim())
    issues.push({
      path: 'audit.file',
      problem: audit.file === undefined ? 'is missing' : `is ${show(audit.file)}, not a path`,
      fix: 'name the log file, such as "logs/hush-audit.jsonl".',
    })
  if (audit.events !== undefined) {
    const bad = Array.isArray(audit.events) ? audit.events.filter((e) => !(AUDIT_EVENTS as readonly unknown[]).includes(e)) : [audit.events]
    if (bad.length) issues.push({ path: 'audit.events', problem: `holds ${bad.map(show).join(', ')}`, fix: `list some of: ${AUDIT_EVENTS.join(', ')}.` })
  }
  if (audit.maxSize !== undefined && parseSize(audit.maxSize) === undefined)
    issues.push({ path: 'audit.maxSize', problem: `is ${show(audit.maxSize)}, not a size`, fix: 'write a size such as "10MB" or a number of bytes.' })
  const keep = audit.keep
  if (keep !== undefined && !(typeof keep === 'number' && Number.isInteger(keep) && keep >= 1 && keep <= 100))
    issues.push({ path: 'audit.keep', problem: `is ${show(keep)}, not a whole number from 1 to 100`, fix: 'write how many old files to keep, such as 5.' })
}

function lineAt(locate: ((path: string) => number | undefined) | undefined, path: string): { line?: number } {
  const line = locate?.(path)
  return line ? { line } : {}
}

/** Checks a config's shape and throws `HUSH_BAD_CONFIG` naming each bad key path and its fix. */
export function validateConfig(input: unknown, file?: string, locate?: (path: string) => number | undefined): HushConfig {
  const issues: Issue[] = []
  if (!isObject(input)) {
    throw new HushError('HUSH_BAD_CONFIG', {
      message: `the config is ${show(input)}, not an object`,
      fix: 'export an object with "secrets" (and optionally "environments"), for example export default defineConfig({ secrets: {} }).',
      ...(file ? { where: { file } } : {}),
    })
  }
  for (const key of Object.keys(input)) {
    if (!['$schema', 'environments', 'secrets', 'cache', 'audit'].includes(key)) {
      issues.push({ ...unknown('', key, 'section', 'use environments, secrets, cache and audit only.'), path: 'the config' })
    }
  }
  let envNames: Set<string> | undefined
  if (input.environments !== undefined) {
    if (!isObject(input.environments)) {
      issues.push({ path: 'environments', problem: `is ${show(input.environments)}, not an object`, fix: 'map environment names to { "allow": [...] }.' })
    } else {
      envNames = new Set(Object.keys(input.environments))
      for (const [name, env] of Object.entries(input.environments)) {
        if (!ENV_NAME.test(name))
          issues.push({
            path: 'environments',
            locate: `environments.${name}`,
            problem: `has ${key(name)}, which is not a valid environment name`,
            fix: 'use letters, digits, "_", "." and "-".',
          })
        if (!isObject(env)) issues.push({ path: `environments.${name}`, problem: `is ${show(env)}, not an object`, fix: 'write { "allow": ["env", "file"] }.' })
        else {
          checkAllow(env.allow, `environments.${name}.allow`, issues)
          for (const k of Object.keys(env)) if (k !== 'allow') issues.push(unknown(`environments.${name}`, k, 'setting', 'an environment takes "allow" only.'))
        }
      }
    }
  }
  if (input.secrets !== undefined) {
    if (!isObject(input.secrets)) {
      issues.push({ path: 'secrets', problem: `is ${show(input.secrets)}, not an object`, fix: 'map each secret name to its settings.' })
    } else {
      for (const [name, spec] of Object.entries(input.secrets)) checkSecret(name, spec, envNames, issues)
    }
  }
  if (input.cache !== undefined) {
    if (!isObject(input.cache)) issues.push({ path: 'cache', problem: 'is not an object', fix: 'write { "ttl": "5m", "staleIfError": "15m" }.' })
    else
      for (const [k, v] of Object.entries(input.cache)) {
        if (k !== 'ttl' && k !== 'staleIfError') issues.push(unknown('cache', k, 'setting', 'use ttl and staleIfError.'))
        else if (parseDuration(v as string) === undefined)
          issues.push({ path: `cache.${k}`, problem: `is ${show(v)}, not a duration`, fix: 'write a duration such as "5m".' })
      }
  }
  if (input.audit !== undefined) checkAudit(input.audit, issues)
  if (issues.length) {
    const first = issues[0]!
    const more =
      issues.length > 1
        ? ` (${issues.length - 1} more: ${issues
            .slice(1, 4)
            .map((i) => i.path)
            .join(', ')}${issues.length > 4 ? ', ...' : ''})`
        : ''
    throw new HushError('HUSH_BAD_CONFIG', {
      message: `${first.path} ${first.problem}${more}`,
      fix: first.fix,
      where: { ...(file ? { file } : {}), ...lineAt(locate, first.locate ?? first.path), path: first.path },
    })
  }
  return input
}
