import type { HushConfig, SecretConfig, SecretDescription } from '@hush/core'
import { detectSecret, isSecretName } from '@hush/core/detect'
import { day, daysBetween } from '../project/duration.js'
import { expiryOf, lastRotatedOf, rotationOf } from '../project/secrets.js'
import type { Problem } from './problem.js'

/** What doctor learnt of one secret; the value is held only while it is judged, and never kept in a problem. */
export interface Observed {
  name: string
  spec: SecretConfig
  scheme?: string
  resolved: { ok: true; value: string } | { ok: false; error: Error & { code?: string; fix?: string; summary?: string } }
  description: SecretDescription | Error | undefined
}

/** Schemes whose stores keep no dates: their age cannot be checked, and saying so each run is noise unless a policy asks. */
const DATELESS = new Set(['env', 'file'])

/** The problems of one secret: resolution, age, expiry, ownership, public exposure. */
export function checkSecret(o: Observed, now: Date, warnMs: number, at: (name: string) => { file?: string; line?: number }): Problem[] {
  const out: Problem[] = []
  const { name, spec } = o
  const where = at(name)
  const add = (p: Omit<Problem, 'name' | 'file' | 'line'>) => out.push({ ...p, name, ...where })

  if (!o.resolved.ok) {
    const error = o.resolved.error
    if (spec.required === false && error.code === 'HUSH_NOT_FOUND') {
      add({ severity: 'info', check: 'optional-missing', message: 'is optional and has no value here', next: 'nothing to do unless the app needs it here.' })
    } else {
      add({
        severity: 'error',
        check: 'unresolved',
        message: `does not resolve: ${firstLine(error.summary ?? error.message)}`,
        next: error.fix ?? 'check its reference and the store.',
      })
    }
  }

  const policy = rotationOf(spec)
  if (policy) {
    const d = o.description instanceof Error ? undefined : o.description
    const last = lastRotatedOf(d)
    if (last) {
      const age = daysBetween(last, now)
      if (now.getTime() - last.getTime() > policy.ms) {
        add({
          severity: 'error',
          check: 'rotation-overdue',
          message: `was last rotated ${day(last)}, ${age} days ago; its policy is every ${policy.text}`,
          next: `rotate it (hush rotate ${name}, or where it is stored), then run hush doctor again.`,
        })
      }
    } else if (o.description instanceof Error) {
      if (o.resolved.ok)
        add({
          severity: 'warning',
          check: 'describe-failed',
          message: `has a rotation policy (every ${policy.text}) but its store would not describe it: ${firstLine((o.description as { summary?: string }).summary ?? o.description.message)}`,
          next: 'let these credentials call DescribeSecret (and ListSecrets) or DescribeParameters, then run hush doctor again.',
        })
    } else if (o.scheme && DATELESS.has(o.scheme)) {
      add({
        severity: 'info',
        check: 'rotation-unknown',
        message: `has a rotation policy (every ${policy.text}) but ${o.scheme}:// keeps no dates to check it against`,
        next: 'move it to a store that records rotations (aws-sm://), or check its age by hand.',
      })
    }
  }

  const expiry = expiryOf(spec)
  if (expiry) {
    if (expiry.getTime() < now.getTime()) {
      add({
        severity: 'error',
        check: 'expired',
        message: `expired on ${spec.expires}`,
        next: `replace it with a new credential and set a new expires date, or remove ${name} if nothing uses it.`,
      })
    } else if (expiry.getTime() - now.getTime() <= warnMs) {
      add({
        severity: 'warning',
        check: 'expires-soon',
        message: `expires on ${spec.expires}, in ${daysBetween(now, expiry)} days`,
        next: `get a new credential before then and update expires in hush.config.`,
      })
    }
  }

  if (!spec.owner?.trim())
    add({ severity: 'warning', check: 'no-owner', message: 'names no owner', next: `add owner: "<team or person>" to ${name} in hush.config.` })
  if (!spec.purpose?.trim())
    add({ severity: 'warning', check: 'no-purpose', message: 'says no purpose', next: `add purpose: "<why the app needs it>" to ${name} in hush.config.` })

  if (spec.public === true) {
    if (isSecretName(name)) {
      add({
        severity: 'error',
        check: 'public-secret-name',
        message: 'is public: true (shipped to browsers), but its name says it is a secret',
        next: `if it is a secret, remove public: true and read it on the server; if it is not, rename it (a PUBLIC_ or PUBLISHABLE_ name says so).`,
      })
    }
    const found = o.resolved.ok ? detectSecret(o.resolved.value) : undefined
    if (found) {
      add({
        severity: 'error',
        check: 'public-secret-value',
        message: `is public: true (shipped to browsers), but its value looks like ${found.label}`,
        next: `rotate it now (it may already be in a bundle), remove public: true and read it on the server.`,
      })
    }
  }
  return out
}

/**
 * Sources that point into another environment's store: the same reference another environment
 * uses, or a path naming another environment (`aws-sm://prod/db` read in development).
 */
export function checkEnvironments(
  config: HushConfig,
  environment: string,
  all: readonly string[],
  at: (name: string) => { file?: string; line?: number },
): Problem[] {
  const others = all.filter((e) => e !== environment)
  const byOther = new Map<string, { env: string; name: string }>()
  for (const [name, spec] of Object.entries(config.secrets ?? {})) {
    if (!spec.from || typeof spec.from !== 'object') continue
    for (const [env, ref] of Object.entries(spec.from)) if (env !== environment) byOther.set(storeOf(ref), { env, name })
  }
  const out: Problem[] = []
  for (const [name, spec] of Object.entries(config.secrets ?? {})) {
    if (!spec.from || typeof spec.from !== 'object' || !Object.hasOwn(spec.from, environment)) continue
    const ref = spec.from[environment]!
    const shared = byOther.get(storeOf(ref))
    const named = shared ? undefined : others.find((env) => pathNames(ref, env))
    if (!shared && !named) continue
    out.push({
      severity: 'error',
      check: 'other-environment',
      name,
      message: shared
        ? `reads ${storeOf(ref)} in ${environment}, the secret ${shared.env} reads${shared.name === name ? '' : ` for ${shared.name}`}`
        : `reads ${storeOf(ref)} in ${environment}, a path of the ${named} environment`,
      next: `give ${name} its own ${environment} secret (from.${environment} in hush.config), so ${environment} cannot read or change another environment's value.`,
      ...at(name),
    })
  }
  return out
}

/** The stored secret a reference reads: without a JSON key or version parameters. */
const storeOf = (ref: string) => ref.replace(/[#?].*$/, '')

const ALIASES: Record<string, string[]> = {
  production: ['production', 'prod', 'prd'],
  staging: ['staging', 'stage', 'stg'],
  development: ['development', 'dev'],
  test: ['test', 'testing'],
}

/** Whether a reference's path has a segment that names `environment` (or its usual short name). */
function pathNames(ref: string, environment: string): boolean {
  const names = ALIASES[environment.toLowerCase()] ?? [environment.toLowerCase()]
  const path = storeOf(ref).replace(/^[\w-]+:\/\//, '')
  return path
    .toLowerCase()
    .split(/[/:]+/)
    .some((segment) => names.includes(segment))
}

const firstLine = (text: string) => text.split('\n')[0]!.replace(/\s+$/, '')
