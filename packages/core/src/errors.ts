/** Stable error codes. Adapters and users branch on these, so they never change meaning. */
export type HushErrorCode =
  | 'HUSH_NOT_FOUND'
  | 'HUSH_ACCESS_DENIED'
  | 'HUSH_STORE_UNAVAILABLE'
  | 'HUSH_ENV_ISOLATION'
  | 'HUSH_BAD_REFERENCE'
  | 'HUSH_BAD_CONFIG'
  | 'HUSH_INVALID_VALUE'
  | 'HUSH_UNKNOWN_SECRET'
  | 'HUSH_NO_PROVIDER'
  | 'HUSH_CLOSED'
  | 'HUSH_LEAK'

/** Where a reference or setting was written, so an error can point at it. */
export interface SourceLocation {
  file?: string
  line?: number
  /** A key path inside a config file, such as `secrets.DB_PASSWORD.from.production`. */
  path?: string
}

export interface HushErrorDetails {
  /** What happened, in one sentence. */
  message: string
  /** Why it happened, when known. */
  reason?: string
  /** The next step for the user. */
  fix?: string
  /** Secret name involved (names are safe to print). */
  secret?: string
  /** Reference involved (references are safe to print). */
  reference?: string
  where?: SourceLocation
  cause?: unknown
}

/** Ends a sentence with a full stop unless it already ends with one, so parts never run together. */
function sentence(text: string): string {
  const t = text.trimEnd()
  return /[.!?]$/.test(t) ? t : `${t}.`
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether `name` appears in `text` as a whole name, not inside a longer one (`DB` in `DB_URL`). */
function names(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w])${escapeRe(name)}($|[^\\w])`).test(text)
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/** The first stack frame outside hush and node_modules: where the user's code asked. */
function callerFrame(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    // Frames only: the message above them may span lines (a batch of failures, one per line).
    const trimmed = line.trim()
    if (!trimmed.startsWith('at ')) continue
    const frame = trimmed.slice(3)
    // A frame with no file (`async Promise.all (index 1)`) says nothing about where the user asked.
    if (!/:\d+:\d+\)?$/.test(frame)) continue
    if (/node_modules|node:internal|[\\/]packages[\\/](core|dotenv|aws|bundler|nestjs|cli|local-store)[\\/]dist[\\/]/.test(frame)) continue
    return frame
  }
  return undefined
}

function formatWhere(where: SourceLocation | undefined): string {
  if (!where) return ''
  const parts: string[] = []
  if (where.file) parts.push(where.line ? `${where.file}:${where.line}` : where.file)
  if (where.path) parts.push(`at ${where.path}`)
  return parts.length ? ` (${parts.join(' ')})` : ''
}

// A process-wide brand: the ESM and CJS builds of this package may both be loaded, and an
// error from one must still be recognised by the other (`instanceof` and isHushError).
const BRAND = Symbol.for('hush.error')

/**
 * The one error class hush throws. `code` is stable; the message reads
 * `[CODE] what happened (where). why. fix: next step` and never holds a secret value:
 * callers build it from names and references only.
 */
export class HushError extends Error {
  override readonly name = 'HushError'
  readonly code: HushErrorCode
  readonly reason?: string
  readonly fix?: string
  readonly secret?: string
  readonly reference?: string
  readonly where?: SourceLocation
  /** What happened, without location, reason or fix. */
  readonly summary: string

  constructor(code: HushErrorCode, details: HushErrorDetails) {
    const text =
      `[${code}] ${sentence(`${details.message}${formatWhere(details.where)}`)}` +
      (details.reason ? ` ${sentence(details.reason)}` : '') +
      (details.fix ? ` fix: ${details.fix}` : '')
    // `cause` is kept only when it is itself a HushError: a provider's raw error may quote
    // the value it failed on (a JSON parse error does), and hush never lets that escape.
    super(text, details.cause instanceof HushError ? { cause: details.cause } : undefined)
    this.code = code
    this.summary = details.message
    Object.defineProperty(this, BRAND, { value: true })
    if (details.reason !== undefined) this.reason = details.reason
    if (details.fix !== undefined) this.fix = details.fix
    if (details.secret !== undefined) this.secret = details.secret
    if (details.reference !== undefined) this.reference = details.reference
    if (details.where !== undefined) this.where = details.where
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
  }

  /** The same error with some details changed (location, secret, message). */
  private copy(changes: Partial<HushErrorDetails>): HushError {
    return new HushError(this.code, {
      message: this.summary,
      ...(this.reason !== undefined ? { reason: this.reason } : {}),
      ...(this.fix !== undefined ? { fix: this.fix } : {}),
      ...(this.reference !== undefined ? { reference: this.reference } : {}),
      ...(this.secret !== undefined ? { secret: this.secret } : {}),
      ...(this.where !== undefined ? { where: this.where } : {}),
      ...changes,
    })
  }

  /** The same error, pointing at where the offending text was written. */
  at(where: SourceLocation, extra: { secret?: string } = {}): HushError {
    return this.copy({ where, ...extra })
  }

  /** The same error, naming the secret it concerns when the message does not yet. */
  forSecret(name: string): HushError {
    if (this.secret === name) return this
    return this.copy({ message: names(this.summary, name) ? this.summary : `${name}: ${this.summary}`, secret: name })
  }

  /**
   * What `console.log(error)` and an uncaught error print: the code and message once, the
   * reason and fix on their own lines, and the caller's frame instead of a stack that only
   * walks through hush's own files.
   */
  [INSPECT](): string {
    const lines = [`${this.name} [${this.code}]: ${sentence(`${this.summary}${formatWhere(this.where)}`)}`]
    if (this.reason) lines.push(`  why: ${sentence(this.reason)}`)
    if (this.fix) lines.push(`  fix: ${this.fix}`)
    const frame = callerFrame(this.stack)
    if (frame) lines.push(`  at ${frame}`)
    return lines.join('\n')
  }

  /** Rebuilds an error sent across a thread or process boundary as `toJSON()` output. */
  static revive(data: {
    code: HushErrorCode
    message: string
    summary?: string
    secret?: string
    reference?: string
    where?: SourceLocation
    fix?: string
    reason?: string
  }): HushError {
    const error = new HushError(data.code, {
      message: data.summary ?? data.message,
      ...(data.reason !== undefined ? { reason: data.reason } : {}),
      ...(data.fix !== undefined ? { fix: data.fix } : {}),
      ...(data.secret !== undefined ? { secret: data.secret } : {}),
      ...(data.reference !== undefined ? { reference: data.reference } : {}),
      ...(data.where !== undefined ? { where: data.where } : {}),
    })
    // An older sender gave only the formatted message: keep it as it was.
    if (data.summary === undefined) error.message = data.message
    error.stack = `${error.name}: ${error.message}`
    return error
  }

  /** A plain object for JSON logs and events. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      summary: this.summary,
      secret: this.secret,
      reference: this.reference,
      where: this.where,
      fix: this.fix,
      reason: this.reason,
    }
  }
}

export function isHushError(error: unknown, code?: HushErrorCode): error is HushError {
  return error instanceof HushError && (code === undefined || error.code === code)
}

// A thrown object's name and code are whatever its author wrote (`throw { name: token }`):
// only the shapes of class names (TypeError, ThrottlingException) and system codes (ENOENT,
// ERR_MODULE_NOT_FOUND, ABORT_ERR) are shown: letters and underscores, which a value rarely is.
// Digits only inside a name that ends like a class of error (S3ServiceException).
const ERROR_NAME = /^[A-Za-z]{1,64}$|^[A-Z][A-Za-z0-9]{0,48}(?:Error|Exception)$/
const ERROR_CODE = /^[A-Z][A-Z_]{1,39}$|^ERR_[A-Z0-9_]{1,60}$/

/**
 * Describes a foreign error without quoting its message: messages from parsers and SDKs
 * may echo the input they choked on, which can be a secret value.
 */
export function describeForeignError(error: unknown): string {
  if (error instanceof HushError) return error.code
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; code?: unknown }
    const name = typeof e.name === 'string' && ERROR_NAME.test(e.name) ? e.name : 'Error'
    return typeof e.code === 'string' && ERROR_CODE.test(e.code) ? `${name} ${e.code}` : name
  }
  return typeof error
}
