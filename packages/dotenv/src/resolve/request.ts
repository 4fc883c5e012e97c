import { createHushForProject, type Hush, HushError, type Redactor } from '@hush/core'
import { describeSuspect, type Sources, type Suspect } from './find-references.js'

/** What to resolve: built on the main thread, sent to a worker when resolution must be synchronous. */
export interface ResolveRequest {
  cwd: string
  /** Variables `env://` reads and the environment is chosen from. */
  env: Record<string, string | undefined>
  /** `.env` keys whose value is a reference, with where each was written. */
  sources: Sources
  /**
   * Names set in the environment before `.env` was read (the shell, CI): they win over
   * hush.config as they win over `.env` in dotenv, unless `override`.
   */
  present: string[]
  override: boolean
  /** `.env` values that look like a mistyped reference. */
  suspects?: Record<string, Suspect>
  /** Names `.env` gives a reference whose value the environment already set: kept, and masked. */
  shadowed?: string[]
}

/** What resolution gives back: values to write, and names whose current value must be masked. */
export interface Resolved {
  values: Record<string, string>
  /** Declared secrets kept from the environment (the shell won): not written, but masked. */
  kept: string[]
}

export type ResolveResponse =
  { ok: true; values: Record<string, string>; kept: string[]; environment: string } | { ok: false; error: ReturnType<HushError['toJSON']> }

/**
 * Creates a hush instance for the request and loads every secret it names.
 *
 * Precedence, one rule for every name: a variable set before start (the shell, CI) wins, as
 * in dotenv (unless `override`); else hush.config's source for the environment; else the
 * `.env` value. A `.env` reference that contradicts hush.config is an error (HUSH_BAD_CONFIG),
 * and every declared non-public secret is masked, wherever its value came from.
 */
export async function resolveRequest(request: ResolveRequest, redactor?: Redactor): Promise<{ hush: Hush } & Resolved> {
  const hush = await createHushForProject({ cwd: request.cwd, sources: request.sources, env: request.env, ...(redactor ? { redactor } : {}) })
  const present = new Set(request.present)
  const fromEnvFile = (name: string) => Object.hasOwn(request.sources, name)
  const names = hush.names().filter((name) => fromEnvFile(name) || request.override || !present.has(name))
  const declared = hush.names().filter((name) => !names.includes(name) && hush.spec(name) !== undefined && hush.spec(name)!.public !== true)
  const kept = [...new Set([...declared, ...(request.shadowed ?? [])])]
  try {
    for (const [key, suspect] of Object.entries(request.suspects ?? {})) {
      const spec = hush.spec(key)
      if (spec === undefined || spec.public === true || !names.includes(key)) continue
      // A declared secret whose .env value is a mistyped reference would reach the app as text.
      throw new HushError('HUSH_BAD_REFERENCE', {
        message: `${describeSuspect(key, { written: suspect.written, scheme: suspect.scheme })} ${key} is declared as a secret in hush.config, so hush will not use the value as it is`,
        fix: `write the reference with "${suspect.scheme}://", or remove ${key} from .env and let hush.config's source give it.`,
        secret: key,
        ...(suspect.where ? { where: suspect.where } : {}),
      })
    }
    return { hush, values: await hush.load(names), kept }
  } catch (error) {
    await hush.close()
    throw error
  }
}
