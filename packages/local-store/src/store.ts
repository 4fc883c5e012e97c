import { randomBytes, randomUUID } from 'node:crypto'
import { AwsError, invalidParameter, invalidRequest, markedForDeletion, notFound } from './errors.js'
import { type RotationRule, nextValue } from './rotation.js'

export interface Tag {
  Key: string
  Value: string
}

export interface Version {
  id: string
  string?: string
  /** Base64, as the JSON protocol carries it. */
  binary?: string
  created: Date
  stages: Set<string>
  lastAccessed?: Date
}

export interface Secret {
  arn: string
  name: string
  description?: string
  kmsKeyId?: string
  tags: Tag[]
  versions: Map<string, Version>
  created: Date
  lastChanged: Date
  lastAccessed?: Date
  lastRotated?: Date
  rotationEnabled: boolean
  rotationRules?: { AutomaticallyAfterDays?: number; ScheduleExpression?: string; Duration?: string }
  rotation?: RotationRule
  deleted?: Date
  /** The version id of the rotation started but not finished yet; kept in the state file so that a restart finishes it. */
  rotating?: string
}

const NAME = /^[\w/+=.@-]{1,512}$/
const SUFFIX_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

function suffix(): string {
  const bytes = randomBytes(6)
  let out = ''
  for (const b of bytes) out += SUFFIX_CHARS[b % SUFFIX_CHARS.length]
  return out
}

const DAY = 86_400_000

/**
 * The value of a new version, checked before anything changes: a refused request leaves no
 * secret or version behind. Never quotes the value.
 */
function checkValue(input: { SecretString?: unknown; SecretBinary?: unknown }): void {
  const hasString = typeof input.SecretString === 'string'
  const hasBinary = typeof input.SecretBinary === 'string'
  if (hasString === hasBinary)
    throw invalidParameter('You must provide either SecretString or SecretBinary, as a string (SecretBinary base64-encoded), not both.')
}

/** The secrets and their versions, with the stage rules Secrets Manager documents. */
export class SecretStore {
  readonly secrets = new Map<string, Secret>() // by ARN
  private byName = new Map<string, Secret>()
  /** Called after every change, for the optional state file. */
  onChange?: () => void
  /** The timers that finish the rotations in progress, by secret ARN. */
  private rotations = new Map<string, NodeJS.Timeout>()

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  /**
   * What `console.log(store)`, `util.inspect` and JSON.stringify show: where it is and how
   * many secrets it holds, never their values (a test that prints its store must not leak).
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecretStore ${JSON.stringify(this.toJSON())}`
  }

  toJSON(): { region: string; accountId: string; secrets: number } {
    return { region: this.region, accountId: this.accountId, secrets: this.secrets.size }
  }

  /** Indexes a secret by ARN and by name (the state file loader uses it too). */
  add(secret: Secret): void {
    this.secrets.set(secret.arn, secret)
    this.byName.set(secret.name, secret)
  }

  private arnPrefix(name: string): string {
    return `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${name}`
  }

  /** Finds a secret by name, full ARN or partial ARN (without the 6-character suffix). */
  find(id: unknown, options: { includeDeleted?: boolean } = {}): Secret {
    if (typeof id !== 'string' || id === '') throw invalidParameter('You must provide a value for SecretId.')
    let found: Secret | undefined
    if (id.startsWith('arn:')) {
      const prefix = this.arnPrefix('')
      // A partial ARN is the full one without its 6-character suffix: that is, prefix + name.
      found = this.secrets.get(id) ?? (id.startsWith(prefix) ? this.byName.get(id.slice(prefix.length)) : undefined)
    } else {
      found = this.byName.get(id)
    }
    if (!found) throw notFound()
    if (found.deleted && !options.includeDeleted) throw markedForDeletion()
    return found
  }

  private current(secret: Secret, stage = 'AWSCURRENT'): Version | undefined {
    for (const v of secret.versions.values()) if (v.stages.has(stage)) return v
    return undefined
  }

  private changed(secret: Secret): void {
    secret.lastChanged = new Date()
    this.onChange?.()
  }

  create(
    input: {
      Name?: unknown
      SecretString?: unknown
      SecretBinary?: unknown
      ClientRequestToken?: unknown
      Description?: unknown
      Tags?: unknown
      KmsKeyId?: unknown
    },
    rotation?: RotationRule,
  ): Secret {
    const name = input.Name
    if (typeof name !== 'string' || !NAME.test(name))
      throw invalidParameter('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!')
    const existing = this.byName.get(name)
    if (existing) {
      if (existing.deleted) throw invalidRequest(`You can't create this secret because a secret with this name is already scheduled for deletion.`)
      const token = input.ClientRequestToken
      if (typeof token === 'string' && existing.versions.has(token)) return existing
      throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`)
    }
    // Checked before the secret is added: a refused value must not leave an empty secret behind.
    const hasValue = input.SecretString !== undefined || input.SecretBinary !== undefined
    if (hasValue) checkValue(input)
    const now = new Date()
    const secret: Secret = {
      arn: `${this.arnPrefix(name)}-${suffix()}`,
      name,
      tags: Array.isArray(input.Tags) ? (input.Tags as Tag[]).map((t) => ({ Key: String(t.Key), Value: String(t.Value) })) : [],
      versions: new Map(),
      created: now,
      lastChanged: now,
      rotationEnabled: false,
    }
    if (typeof input.Description === 'string') secret.description = input.Description
    if (typeof input.KmsKeyId === 'string') secret.kmsKeyId = input.KmsKeyId
    if (rotation) secret.rotation = rotation
    this.add(secret)
    if (hasValue) {
      this.put(secret, { SecretString: input.SecretString, SecretBinary: input.SecretBinary, ClientRequestToken: input.ClientRequestToken })
    }
    this.onChange?.()
    return secret
  }

  /** Adds a version; moves the given stages (AWSCURRENT by default) onto it. */
  put(secret: Secret, input: { SecretString?: unknown; SecretBinary?: unknown; ClientRequestToken?: unknown; VersionStages?: unknown }): Version {
    if (secret.deleted) throw markedForDeletion()
    checkValue(input)
    const hasString = typeof input.SecretString === 'string'
    const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID()
    const stages = Array.isArray(input.VersionStages) ? (input.VersionStages as string[]) : ['AWSCURRENT']
    const same = secret.versions.get(token)
    if (same) {
      // Idempotent retry: the same token with the same value is a no-op; a new value is refused.
      if (same.string === input.SecretString && same.binary === input.SecretBinary) return same
      throw new AwsError('ResourceExistsException', `You can't modify an existing version, you can only create a new version.`)
    }
    const version: Version = { id: token, created: new Date(), stages: new Set() }
    if (hasString) version.string = input.SecretString as string
    else version.binary = input.SecretBinary as string
    secret.versions.set(token, version)
    for (const stage of stages) this.moveStage(secret, stage, version)
    this.changed(secret)
    return version
  }

  /** Moves a stage label onto `to`. Moving AWSCURRENT hands AWSPREVIOUS to the version it left. */
  private moveStage(secret: Secret, stage: string, to: Version | undefined): void {
    const from = this.current(secret, stage)
    if (from === to) return
    from?.stages.delete(stage)
    to?.stages.add(stage)
    if (stage === 'AWSCURRENT' && from) {
      this.current(secret, 'AWSPREVIOUS')?.stages.delete('AWSPREVIOUS')
      from.stages.add('AWSPREVIOUS')
    }
  }

  getValue(secret: Secret, versionId?: unknown, versionStage?: unknown): Version {
    let version: Version | undefined
    if (typeof versionId === 'string') {
      version = secret.versions.get(versionId)
      if (!version) throw notFound(`Secrets Manager can't find the specified secret value for VersionId: ${versionId}`)
      if (typeof versionStage === 'string' && !version.stages.has(versionStage)) {
        throw invalidParameter(`You provided a VersionStage that is not associated to the provided VersionId.`)
      }
    } else {
      const stage = typeof versionStage === 'string' ? versionStage : 'AWSCURRENT'
      version = this.current(secret, stage)
      if (!version) throw notFound(`Secrets Manager can't find the specified secret value for staging label: ${stage}`)
    }
    const now = new Date()
    version.lastAccessed = now
    secret.lastAccessed = now
    return version
  }

  updateStage(secret: Secret, input: { VersionStage?: unknown; RemoveFromVersionId?: unknown; MoveToVersionId?: unknown }): void {
    if (secret.deleted) throw markedForDeletion()
    const stage = input.VersionStage
    if (typeof stage !== 'string' || !stage) throw invalidParameter('You must provide a value for VersionStage.')
    const holder = this.current(secret, stage)
    const remove = typeof input.RemoveFromVersionId === 'string' ? input.RemoveFromVersionId : undefined
    const move = typeof input.MoveToVersionId === 'string' ? input.MoveToVersionId : undefined
    if (remove && holder?.id !== remove) throw invalidParameter(`The staging label ${stage} is not attached to version ${remove}.`)
    if (move) {
      const target = secret.versions.get(move)
      if (!target) throw notFound(`Secrets Manager can't find the specified secret value for VersionId: ${move}`)
      if (holder && holder !== target && !remove) {
        throw invalidParameter(
          `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
        )
      }
      this.moveStage(secret, stage, target)
    } else if (holder) {
      if (stage === 'AWSCURRENT')
        throw invalidParameter('You can only move staging label AWSCURRENT to a different secret version. It can’t be completely removed.')
      holder.stages.delete(stage)
    }
    this.changed(secret)
  }

  /**
   * Runs the rotation steps without a Lambda: createSecret puts the new value as AWSPENDING now;
   * finishSecret moves AWSCURRENT onto it after `delayMs`, as a Lambda would, asynchronously.
   */
  rotate(secret: Secret, input: { ClientRequestToken?: unknown; RotationRules?: unknown; RotateImmediately?: unknown }, delayMs: number): Version | undefined {
    if (secret.deleted) throw markedForDeletion()
    const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined
    const immediately = input.RotateImmediately !== false
    let current: Version | undefined
    if (immediately) {
      // The SDK sends the same token again when it retries: answer with the version that request made.
      const retried = token === undefined ? undefined : secret.versions.get(token)
      if (retried) return retried
      current = this.current(secret)
      const pending = this.current(secret, 'AWSPENDING')
      // As on AWS: an AWSPENDING on another version than AWSCURRENT means a rotation is not finished.
      if (pending && pending !== current) this.refuseWhileRotating(secret, pending, delayMs)
      if (!current || current.string === undefined) {
        throw invalidRequest(
          'This secret has no AWSCURRENT string value to rotate: local rotation regenerates string values only. Put one with PutSecretValue, then rotate.',
        )
      }
    }
    if (input.RotationRules && typeof input.RotationRules === 'object') secret.rotationRules = input.RotationRules
    secret.rotationEnabled = true
    secret.rotationRules ??= { AutomaticallyAfterDays: secret.rotation?.afterDays ?? 30 }
    if (!immediately || !current) {
      this.changed(secret)
      return undefined
    }
    const id = token ?? randomUUID()
    // Marked before the version is put, so that the state file holds both or neither.
    secret.rotating = id
    let pending: Version
    try {
      pending = this.put(secret, { SecretString: nextValue(current.string!, secret.rotation), ClientRequestToken: id, VersionStages: ['AWSPENDING'] })
    } catch (error) {
      if (!secret.versions.has(id)) delete secret.rotating
      throw error
    }
    this.finishLater(secret, delayMs)
    return pending
  }

  /** Answers a RotateSecret that finds a rotation unfinished, truthfully: it finishes, or is reattempted. */
  private refuseWhileRotating(secret: Secret, pending: Version, delayMs: number): never {
    if (this.rotations.has(secret.arn)) {
      throw invalidRequest(
        `A previous rotation isn't complete: version ${pending.id} becomes AWSCURRENT on its own within ${delayMs} ms. Call RotateSecret again after that.`,
      )
    }
    // No timer: an AWSPENDING put by hand (as a rotation Lambda does), or left by a rotation that
    // was not resumed. Secrets Manager reattempts such a rotation, and so does this server.
    secret.rotating = pending.id
    this.changed(secret)
    this.finishLater(secret, delayMs)
    throw invalidRequest(
      `A previous rotation isn't complete. That rotation will be reattempted: version ${pending.id} becomes AWSCURRENT within ${delayMs} ms. Call RotateSecret again after that.`,
    )
  }

  /** Finishes the secret's rotation in progress after `delayMs` (at once when 0). */
  private finishLater(secret: Secret, delayMs: number): void {
    clearTimeout(this.rotations.get(secret.arn))
    this.rotations.delete(secret.arn)
    if (delayMs <= 0) return this.finishRotation(secret)
    const timer = setTimeout(() => {
      this.rotations.delete(secret.arn)
      try {
        this.finishRotation(secret)
      } catch {
        // Only saving the state file can fail here; onChange has reported it.
      }
    }, delayMs)
    // A pending rotation must not keep a process alive; the state file marks it for the next start.
    timer.unref()
    this.rotations.set(secret.arn, timer)
  }

  /** The finishSecret step: the rotation's AWSPENDING version becomes AWSCURRENT. */
  private finishRotation(secret: Secret): void {
    const id = secret.rotating
    if (id === undefined || this.secrets.get(secret.arn) !== secret) return
    delete secret.rotating
    const pending = secret.versions.get(id)
    // Someone may have moved AWSPENDING by hand meanwhile: then there is nothing left to finish.
    if (pending?.stages.has('AWSPENDING')) {
      pending.stages.delete('AWSPENDING')
      this.moveStage(secret, 'AWSCURRENT', pending)
      secret.lastRotated = new Date()
    }
    this.changed(secret)
  }

  /** Schedules the rotations a previous run started and could not finish (read from the state file). */
  resumeRotations(delayMs: number): void {
    for (const secret of this.secrets.values()) if (secret.rotating !== undefined) this.finishLater(secret, delayMs)
  }

  /** Finishes every rotation in progress now, so that stopping the server leaves none half-done. */
  finishRotations(): void {
    for (const timer of this.rotations.values()) clearTimeout(timer)
    this.rotations.clear()
    for (const secret of this.secrets.values()) {
      if (secret.rotating === undefined) continue
      try {
        this.finishRotation(secret)
      } catch {
        // Only saving the state file can fail here; onChange has reported it. The others still finish.
      }
    }
  }

  delete(secret: Secret, input: { RecoveryWindowInDays?: unknown; ForceDeleteWithoutRecovery?: unknown }): Date {
    const force = input.ForceDeleteWithoutRecovery === true
    const days = input.RecoveryWindowInDays === undefined ? 30 : Number(input.RecoveryWindowInDays)
    if (force && input.RecoveryWindowInDays !== undefined)
      throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.")
    if (!force && !(days >= 7 && days <= 30)) throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).')
    if (secret.deleted && !force) throw markedForDeletion()
    const now = new Date()
    if (force) {
      this.secrets.delete(secret.arn)
      this.byName.delete(secret.name)
      this.onChange?.()
      return now
    }
    secret.deleted = now
    this.changed(secret)
    return new Date(now.getTime() + days * DAY)
  }

  restore(secret: Secret): void {
    delete secret.deleted
    this.changed(secret)
  }

  tag(secret: Secret, tags: unknown): void {
    if (!Array.isArray(tags)) throw invalidParameter('You must provide Tags.')
    for (const t of tags as Tag[]) {
      const existing = secret.tags.find((x) => x.Key === t.Key)
      if (existing) existing.Value = String(t.Value)
      else secret.tags.push({ Key: String(t.Key), Value: String(t.Value) })
    }
    this.changed(secret)
  }

  nextRotation(secret: Secret): Date | undefined {
    const days = secret.rotationRules?.AutomaticallyAfterDays
    if (!secret.rotationEnabled || !days) return undefined
    return new Date((secret.lastRotated ?? secret.created).getTime() + days * DAY)
  }
}
