import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createHush, type Hush, HushError, loadConfig, loadInstalledProviders, Redactor, type RedactMatch, resolveEnvironmentName, schemeOf, type SourceReference } from '@hush/core'
import { parseWithReferences } from '@hush/dotenv'
import MagicString from 'magic-string'
import type { ResolvedOptions } from './options.js'

/** Emitted files the leak guard reads: code, styles, markup, data, maps and plain text. */
export const TEXT_ASSET = /\.(m?js|cjs|jsx?|tsx?|css|html?|json|map|txt|svg|xml|webmanifest|md)$/i

/** A secret value found in an emitted file. Carries the name and place, never the value. */
export interface Leak {
  name: string
  encoding: string
  asset: string
  line: number
  column: number
}

/** A read of a server-only secret in client code. */
export interface ClientRead {
  name: string
  line: number
  column: number
}

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
 */
export class BundlerContext {
  readonly publicValues = new Map<string, string>()
  readonly serverNames = new Set<string>()
  readonly guard = new Redactor()
  hush: Hush | undefined
  root = process.cwd()
  /** Whether transforms must return source maps (the build emits them, or a dev server runs). */
  wantMaps = true
  private rotateListeners: Array<() => void> = []
  private plain = new Map<string, string>()
  private ready: Promise<void> | undefined

  constructor(readonly options: ResolvedOptions) {}

  isPublic(name: string): boolean {
    return this.hush?.spec(name)?.public === true || this.options.publicPrefixes.some((p) => name.startsWith(p))
  }

  /** Loads config, .env files and every value, once. */
  init(root: string, mode: string): Promise<void> {
    this.root = this.options.root ?? root
    this.ready ??= this.load(mode)
    return this.ready
  }

  private async load(mode: string): Promise<void> {
    const root = this.root
    const sources: Record<string, SourceReference> = {}
    for (const file of envFiles(root, mode)) {
      const { values, references } = parseWithReferences(readFileSync(file, 'utf8'), relative(process.cwd(), file) || file)
      for (const [name, value] of Object.entries(values)) {
        if (references[name]) {
          sources[name] = references[name]
          this.plain.delete(name)
        } else {
          this.plain.set(name, value)
          delete sources[name]
        }
      }
    }
    const loaded = await loadConfig({ cwd: root })
    const environment = this.options.environment ?? resolveEnvironmentName(this.options.env)
    const schemes = new Set<string>()
    for (const s of Object.values(sources)) schemes.add(schemeOf(typeof s === 'string' ? s : s.reference) ?? '')
    for (const spec of Object.values(loaded?.config.secrets ?? {})) {
      const from = typeof spec.from === 'object' ? spec.from[environment] : spec.from
      if (from) schemes.add(schemeOf(from) ?? '')
    }
    this.hush = createHush({
      ...(loaded ? { config: loaded.config, configFile: loaded.file, configSource: loaded.source } : {}),
      environment,
      env: { ...this.options.env, ...Object.fromEntries(this.plain) },
      sources,
      providers: [...(await loadInstalledProviders(root, schemes)), ...this.options.providers],
      ...(this.options.ttl !== undefined ? { ttl: this.options.ttl } : {}),
    })
    this.hush.on('rotate', () => {
      void this.collect().then(() => this.rotateListeners.forEach((fn) => fn()))
    })
    await this.collect()
  }

  /** (Re)reads every value and sorts names into public and server-only. */
  private async collect(): Promise<void> {
    const hush = this.hush!
    const values: Record<string, string> = { ...Object.fromEntries(this.plain), ...(await hush.load()) }
    this.publicValues.clear()
    this.serverNames.clear()
    this.guard.clear()
    for (const [name, value] of Object.entries(values)) {
      if (this.isPublic(name)) this.publicValues.set(name, value)
      else {
        this.serverNames.add(name)
        if (!this.options.allow.has(name)) this.guard.add(name, value)
      }
    }
    // A public value equal to a server secret would make the guard fire on it: it wins.
    for (const value of this.publicValues.values()) for (const name of this.serverNames) this.guard.remove(name, value)
  }

  onRotate(fn: () => void): void {
    this.rotateListeners.push(fn)
  }

  /**
   * Inlines public values where code reads them; lists reads of server-only names when the
   * code is for the client. Returns undefined when nothing changed.
   */
  transform(code: string, id: string, client: boolean): { code: string; map: ReturnType<MagicString['generateMap']> | null; reads: ClientRead[] } | { reads: ClientRead[] } | undefined {
    if (!code.includes('.env')) return undefined
    let s: MagicString | undefined
    const reads: ClientRead[] = []
    ENV_READ.lastIndex = 0
    for (let m = ENV_READ.exec(code); m; m = ENV_READ.exec(code)) {
      const name = (m[2] ?? m[4])!
      const value = this.publicValues.get(name)
      if (value !== undefined) {
        ;(s ??= new MagicString(code)).overwrite(m.index, m.index + m[0].length, JSON.stringify(value))
      } else if (client && this.serverNames.has(name)) {
        reads.push({ name, ...position(code, m.index) })
      }
    }
    if (!s) return reads.length ? { reads } : undefined
    return { code: s.toString(), map: this.wantMaps ? s.generateMap({ source: id, includeContent: true, hires: 'boundary' }) : null, reads }
  }

  /** Every server-only value (or encoding of one) in an emitted file. */
  scan(asset: string, text: string): Leak[] {
    if (this.options.leakGuard === 'off' || this.guard.size === 0) return []
    return this.guard.findAll(text).map((m: RedactMatch) => ({ name: m.name, encoding: m.encoding, asset, ...position(text, m.start) }))
  }

  readError(file: string, read: ClientRead): HushError {
    return new HushError('HUSH_LEAK', {
      message: `${file}:${read.line}:${read.column} reads ${read.name}, a server-only secret, in client code`,
      reason: 'Its value would be inlined into the bundle that browsers download.',
      fix: `mark it public in hush.config (secrets.${read.name}.public: true) if it may be seen by anyone, or read it on the server.`,
      secret: read.name,
      where: { file, line: read.line },
    })
  }

  leakError(leaks: Leak[]): HushError {
    const list = leaks
      .slice(0, 10)
      .map((l) => `${l.name}${l.encoding === 'raw' ? '' : ` (${l.encoding})`} in ${l.asset}:${l.line}:${l.column}`)
      .join('; ')
    return new HushError('HUSH_LEAK', {
      message: `the build output contains ${leaks.length === 1 ? 'a server-only secret' : `${leaks.length} server-only secret values`}: ${list}${leaks.length > 10 ? '; ...' : ''}`,
      reason: 'Anyone who downloads these files could read it.',
      fix: 'find where the value enters client code (a JSON import, a constant, a server module imported by the client) and keep it on the server; add the name to the plugin\'s allow list only if it is not secret.',
      secret: leaks[0]!.name,
    })
  }

  async close(): Promise<void> {
    await this.hush?.close()
  }
}
