import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { inspect } from 'node:util'
import { createHushForProject, type Hush, type HushError, type RedactMatch, resolveEnvironmentName, type SourceReference } from '@hush/core'
import { parseWithReferences } from '@hush/dotenv'
import MagicString from 'magic-string'
import { collect, emptySnapshot, type Snapshot } from './collect.js'
import { type ClientRead, describeFailure, type Leak, leakError, readError, suspiciousText, unavailableText } from './messages.js'
import type { ResolvedOptions } from './options.js'

/** Emitted files the leak guard reads: code, styles, markup, data, maps and plain text. */
export const TEXT_ASSET = /\.(m?js|cjs|jsx?|tsx?|css|html?|json|map|txt|svg|xml|webmanifest|md)$/i

// import.meta.env.NAME, process.env.NAME, and the bracket forms with a string literal.
const ENV_READ = /\b(import\.meta\.env|process\.env)(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"`])([^'"`\n]+)\3\s*\])/g

function position(text: string, index: number): { line: number; column: number } {
  let line = 1
  let last = -1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++
    last = i
  }
  return { line, column: index - last }
}

/** The .env files Vite reads for a mode, in increasing priority. */
function envFiles(root: string, mode: string): string[] {
  return ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`].map((f) => join(root, f)).filter((f) => existsSync(f))
}

/**
 * Everything the plugin knows, shared by every bundler: which names are public and their
 * values, which are server-only, and a redactor that finds server-only values (in all their
 * encodings) in emitted files.
 *
 * Values live in private fields only, and inspecting or serialising the context shows names
 * and counts: a debug `console.log(plugin)` or a config dump must never print a secret (the
 * options hold `env`, by default all of process.env, so they stay private too).
 */
export class BundlerContext {
  root = process.cwd()
  /** Whether transforms must return source maps (the build emits them, or a dev server runs). */
  wantMaps = true
  readonly #options: ResolvedOptions
  #hush: Hush | undefined
  #plain = new Map<string, string>()
  #snapshot: Snapshot = emptySnapshot()
  #ready: Promise<void> | undefined
  #rotateListeners: Array<() => void> = []
  // Build-time notices wait here until the bundler drains them into its own warnings.
  #notices: string[] = []
  #reportedUnavailable = ''
  #log: (message: string) => void = (m) => console.warn(m)

  constructor(options: ResolvedOptions) {
    this.#options = options
  }

  isPublic(name: string): boolean {
    return this.#hush?.spec(name)?.public === true || this.#options.publicPrefixes.some((p) => name.startsWith(p))
  }

  /** The value inlined for a public name, or undefined for any other name. */
  publicValue(name: string): string | undefined {
    return this.#snapshot.publicValues.get(name)
  }

  publicEntries(): IterableIterator<[string, string]> {
    return this.#snapshot.publicValues.entries()
  }

  publicNames(): string[] {
    return [...this.#snapshot.publicValues.keys()]
  }

  /** Names (never values) of server-only secrets, including those unavailable here. */
  get serverNames(): ReadonlySet<string> {
    return this.#snapshot.serverNames
  }

  /** Where problems found outside a build step (a failed reload after a rotation) go. */
  setLogger(log: (message: string) => void): void {
    this.#log = log
  }

  /** Warnings from the last (re)load, once each: the bundler reports them as its own. */
  takeNotices(): string[] {
    return this.#notices.splice(0)
  }

  /** Loads config, .env files and every value, once. */
  init(root: string, mode: string): Promise<void> {
    this.root = this.#options.root ?? root
    this.#ready ??= this.#load(mode)
    return this.#ready
  }

  async #load(mode: string): Promise<void> {
    const options = this.#options
    const root = this.root
    const sources: Record<string, SourceReference> = {}
    for (const file of envFiles(root, mode)) {
      const { values, references } = parseWithReferences(readFileSync(file, 'utf8'), relative(process.cwd(), file) || file)
      for (const [name, value] of Object.entries(values)) {
        if (references[name]) {
          sources[name] = references[name]
          this.#plain.delete(name)
        } else {
          this.#plain.set(name, value)
          delete sources[name]
        }
      }
    }
    this.#hush = await createHushForProject({
      cwd: root,
      // The environment comes from the process's variables, never from a plain .env value.
      environment: options.environment ?? resolveEnvironmentName(options.env),
      env: { ...options.env, ...Object.fromEntries(this.#plain) },
      sources,
      providers: options.providers,
      ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
    })
    this.#hush.on('rotate', () => {
      // A listener must never reject: a failed reload (another secret gone, a store down)
      // is reported and the previous values stay in force until the next rotation.
      this.#collect().then(
        () => {
          for (const fn of this.#rotateListeners) {
            try {
              fn()
            } catch (error) {
              this.#report(`[hush] could not apply a rotated secret: ${describeFailure(error)}`)
            }
          }
        },
        (error: unknown) =>
          this.#report(`[hush] a secret rotated but the values could not be reloaded; keeping the previous values: ${describeFailure(error)}`),
      )
    })
    await this.#collect()
  }

  /** (Re)reads every value; the new values replace the old only when all of them check out. */
  async #collect(): Promise<void> {
    const options = this.#options
    const snapshot = await collect({
      hush: this.#hush!,
      plain: this.#plain,
      publicPrefixes: options.publicPrefixes,
      allow: options.allow,
      strict: options.strict,
    })
    this.#snapshot = snapshot
    for (const s of snapshot.suspicious) this.#notices.push(`[hush] ${suspiciousText(s.name, s.label, s.prefix)}`)
    const unavailable = snapshot.unavailable.length ? unavailableText(snapshot.unavailable) : ''
    if (unavailable !== this.#reportedUnavailable && unavailable) this.#notices.push(unavailable)
    this.#reportedUnavailable = unavailable
  }

  // Reports from a listener: a logger that throws must not turn into an unhandled rejection.
  #report(message: string): void {
    try {
      this.#log(message)
    } catch {
      console.warn(message)
    }
  }

  onRotate(fn: () => void): void {
    this.#rotateListeners.push(fn)
  }

  /**
   * Inlines public values where code reads them; lists reads of server-only names when the
   * code is for the client. Returns undefined when nothing changed.
   */
  transform(
    code: string,
    id: string,
    client: boolean,
  ): { code: string; map: ReturnType<MagicString['generateMap']> | null; reads: ClientRead[] } | { reads: ClientRead[] } | undefined {
    if (!code.includes('.env')) return undefined
    let s: MagicString | undefined
    const reads: ClientRead[] = []
    const { publicValues, serverNames } = this.#snapshot
    ENV_READ.lastIndex = 0
    for (let m = ENV_READ.exec(code); m; m = ENV_READ.exec(code)) {
      const name = (m[2] ?? m[4])!
      const value = publicValues.get(name)
      if (value !== undefined) {
        ;(s ??= new MagicString(code)).overwrite(m.index, m.index + m[0].length, JSON.stringify(value))
      } else if (client && serverNames.has(name)) {
        reads.push({ name, ...position(code, m.index) })
      }
    }
    if (!s) return reads.length ? { reads } : undefined
    return { code: s.toString(), map: this.wantMaps ? s.generateMap({ source: id, includeContent: true, hires: 'boundary' }) : null, reads }
  }

  /** Every server-only value (or encoding of one) in an emitted file. */
  scan(asset: string, text: string): Leak[] {
    const guard = this.#snapshot.guard
    if (this.#options.leakGuard === 'off' || guard.size === 0) return []
    return guard.findAll(text).map((m: RedactMatch) => ({ name: m.name, encoding: m.encoding, asset, ...position(text, m.start) }))
  }

  /**
   * The same for a file that is not text (an image, a font, `.pem`, `.yml` or `.bin` copied as
   * an asset): searched as bytes, so a value in any file the build emits is found.
   */
  scanBytes(asset: string, bytes: Uint8Array): Leak[] {
    const guard = this.#snapshot.guard
    if (this.#options.leakGuard === 'off' || guard.size === 0) return []
    const matches = guard.findAllBytes(bytes)
    if (!matches.length) return []
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    return matches.map((m: RedactMatch) => ({ name: m.name, encoding: m.encoding, asset, ...position(text, m.start) }))
  }

  readError(file: string, read: ClientRead): HushError {
    return readError(file, read)
  }

  leakError(leaks: Leak[]): HushError {
    return leakError(leaks)
  }

  async close(): Promise<void> {
    await this.#hush?.close()
  }

  /** Names and counts only: what a log or a config dump may show. */
  toJSON(): { root: string; loaded: boolean; publicNames: string[]; serverNames: string[]; unavailable: string[]; scannedValues: number } {
    const { publicValues, serverNames, unavailable, guard } = this.#snapshot
    return {
      root: this.root,
      loaded: this.#hush !== undefined,
      publicNames: [...publicValues.keys()],
      serverNames: [...serverNames],
      unavailable: unavailable.map((f) => f.name),
      scannedValues: guard.size,
    }
  }

  [inspect.custom](_depth: number, options: Parameters<typeof inspect>[1]): string {
    return `BundlerContext ${inspect(this.toJSON(), { ...options, customInspect: true })}`
  }
}
