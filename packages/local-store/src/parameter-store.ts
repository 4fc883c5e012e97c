import { createHash } from 'node:crypto'
import { AwsError } from './errors.js'

/**
 * Parameter Store's model: a parameter is a list of numbered versions (1, 2, ...), each with its
 * own value, type and labels; the latest version is what an unqualified name reads.
 */
export type ParameterType = 'String' | 'StringList' | 'SecureString'

export interface ParameterVersion {
  version: number
  value: string
  type: ParameterType
  /** The KMS key of a SecureString (`alias/aws/ssm` unless given). */
  keyId?: string
  description?: string
  labels: Set<string>
  modified: Date
  tier: 'Standard' | 'Advanced'
}

export interface Parameter {
  name: string
  arn: string
  /** Oldest first; never empty. */
  versions: ParameterVersion[]
  tags: Array<{ Key: string; Value: string }>
}

/** What a `name`, `name:3` or `name:label` selector asks for. */
export interface Selector {
  name: string
  version?: number
  label?: string
  /** The selector as written after the name (`:3`, `:prod`), for the answer's `Selector`. */
  raw?: string
}

export const DEFAULT_KEY = 'alias/aws/ssm'
/** Parameter Store keeps this many versions of a parameter; the oldest unlabelled one goes. */
export const MAX_VERSIONS = 100
export const MAX_LABELS_PER_VERSION = 10
const MAX_LEVELS = 15
const NAME = /^[a-zA-Z0-9_.\-/]+$/
const LABEL = /^[a-zA-Z0-9_.-]{1,100}$/

export const parameterNotFound = (name: string) => new AwsError('ParameterNotFound', `Parameter ${name} not found.`)
export const ssmValidation = (message: string) => new AwsError('ValidationException', message)

/** Why a label is refused (AWS answers such labels in `InvalidLabels` rather than failing), or undefined. */
export function labelProblem(label: string): string | undefined {
  if (!LABEL.test(label)) return 'a label has 1 to 100 letters, digits, "_", "." or "-"'
  if (/^(aws|ssm)/i.test(label)) return 'a label cannot start with "aws" or "ssm"'
  if (/^\d/.test(label)) return 'a label cannot start with a number'
  return undefined
}

/** The parameter an ARN (`arn:aws:ssm:<region>:<account>:parameter/prod/db`) or a name names. */
function nameOf(id: string, arnPrefix: string): string {
  if (!id.startsWith('arn:')) return id
  if (!id.startsWith(arnPrefix)) throw new AwsError('ValidationException', `The ARN ${id} is not of a parameter in this account and region.`)
  const rest = id.slice(arnPrefix.length)
  // A parameter without a hierarchy has the name after "parameter/"; one with a path keeps its leading "/".
  return rest.includes('/') ? `/${rest}` : rest
}

/** Splits `name:selector`: a name never holds ":" (an ARN does, so only the last one counts after its last "/"). */
export function parseSelector(id: string, arnPrefix: string): Selector {
  const slash = id.lastIndexOf('/')
  const colon = id.lastIndexOf(':')
  if (colon <= slash || (id.startsWith('arn:') && colon < arnPrefix.length)) return { name: nameOf(id, arnPrefix) }
  const raw = id.slice(colon + 1)
  const name = nameOf(id.slice(0, colon), arnPrefix)
  if (/^\d+$/.test(raw)) return { name, version: Number(raw), raw: `:${raw}` }
  return { name, label: raw, raw: `:${raw}` }
}

/** The ciphertext a SecureString read without decryption answers with: opaque, never the value. */
export const ciphertextOf = (v: ParameterVersion) =>
  Buffer.from(`hush-local-store:kms:${v.keyId ?? DEFAULT_KEY}:${createHash('sha256').update(v.value).digest('base64')}`).toString('base64')

/** The parameters, with the version, label and hierarchy rules Parameter Store documents. */
export class ParameterStore {
  readonly parameters = new Map<string, Parameter>()
  /** Called after every change, for the optional state file. */
  onChange?: () => void

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ParameterStore ${JSON.stringify(this.toJSON())}`
  }

  toJSON(): { region: string; accountId: string; parameters: number } {
    return { region: this.region, accountId: this.accountId, parameters: this.parameters.size }
  }

  get arnPrefix(): string {
    return `arn:aws:ssm:${this.region}:${this.accountId}:parameter/`
  }

  arnOf(name: string): string {
    return `${this.arnPrefix}${name.startsWith('/') ? name.slice(1) : name}`
  }

  checkName(name: string): void {
    if (name.length < 1 || name.length > 1011 || !NAME.test(name))
      throw ssmValidation(`Parameter name must be 1 to 1011 characters of letters, digits and "_.-/": ${JSON.stringify(name.slice(0, 80))} is not.`)
    if (/^\/?(aws|ssm)/i.test(name)) throw ssmValidation('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).')
    if (name.includes('/') && !name.startsWith('/')) throw ssmValidation('Parameter name must be a fully qualified name: a name with "/" starts with "/".')
    if (name.includes('//') || (name.length > 1 && name.endsWith('/')))
      throw ssmValidation('Parameter name must not have an empty level ("//" or a trailing "/").')
    if (name.split('/').length - 1 > MAX_LEVELS)
      throw new AwsError('HierarchyLevelLimitExceededException', `A hierarchy can have a maximum of ${MAX_LEVELS} levels.`)
  }

  /** The parameter a name or ARN names. */
  find(id: string): Parameter {
    const name = nameOf(id, this.arnPrefix)
    const p = this.parameters.get(name)
    if (!p) throw parameterNotFound(name)
    return p
  }

  /** The version a selector asks for; ParameterVersionNotFound / ParameterNotFound as AWS answers. */
  select(s: Selector): { parameter: Parameter; version: ParameterVersion } {
    const parameter = this.find(s.name)
    if (s.version !== undefined) {
      const version = parameter.versions.find((v) => v.version === s.version)
      if (!version)
        throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${s.version} of ${s.name}. Verify the version and try again.`)
      return { parameter, version }
    }
    if (s.label !== undefined) {
      const version = parameter.versions.find((v) => v.labels.has(s.label!))
      if (!version) throw parameterNotFound(`${s.name}:${s.label}`)
      return { parameter, version }
    }
    return { parameter, version: parameter.versions[parameter.versions.length - 1]! }
  }

  latest(p: Parameter): ParameterVersion {
    return p.versions[p.versions.length - 1]!
  }

  put(input: {
    Name?: unknown
    Value?: unknown
    Type?: unknown
    Overwrite?: unknown
    KeyId?: unknown
    Description?: unknown
    Tier?: unknown
    Tags?: unknown
  }): ParameterVersion {
    const name = String(input.Name)
    this.checkName(name)
    if (typeof input.Value !== 'string') throw ssmValidation('You must provide a Value.')
    const existing = this.parameters.get(name)
    if (existing && input.Overwrite !== true)
      throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.')
    if (existing && input.Tags !== undefined)
      throw ssmValidation("Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag.")
    const previous = existing ? this.latest(existing) : undefined
    const type = (input.Type ?? previous?.type) as ParameterType | undefined
    if (type === undefined) throw ssmValidation('A parameter type is required when you create a parameter.')
    if (previous && type !== previous.type) {
      throw new AwsError(
        'HierarchyTypeMismatchException',
        `Parameter Store doesn't support changing a parameter type: ${name} is a ${previous.type}. Create a new parameter for a ${type}.`,
      )
    }
    const tier = input.Tier === 'Advanced' || previous?.tier === 'Advanced' ? 'Advanced' : 'Standard'
    const max = tier === 'Advanced' ? 8192 : 4096
    if (Buffer.byteLength(input.Value, 'utf8') > max)
      throw ssmValidation(`1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${max}.`)
    if (input.KeyId !== undefined && type !== 'SecureString') throw ssmValidation('KeyId is required for SecureString type parameter only.')
    if (existing && existing.versions.length >= MAX_VERSIONS) {
      const oldest = existing.versions[0]!
      if (oldest.labels.size > 0) {
        throw new AwsError(
          'ParameterMaxVersionLimitExceeded',
          `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
        )
      }
      existing.versions.shift()
    }
    const version: ParameterVersion = {
      version: previous ? previous.version + 1 : 1,
      value: input.Value,
      type,
      labels: new Set(),
      modified: new Date(),
      tier,
    }
    if (type === 'SecureString') version.keyId = typeof input.KeyId === 'string' ? input.KeyId : (previous?.keyId ?? DEFAULT_KEY)
    const description = typeof input.Description === 'string' ? input.Description : previous?.description
    if (description !== undefined) version.description = description
    if (existing) existing.versions.push(version)
    else {
      const tags = Array.isArray(input.Tags)
        ? (input.Tags as Array<{ Key: unknown; Value: unknown }>).map((t) => ({ Key: String(t.Key), Value: String(t.Value) }))
        : []
      this.parameters.set(name, { name, arn: this.arnOf(name), versions: [version], tags })
    }
    this.onChange?.()
    return version
  }

  /** Moves each label onto the version (from any other); returns the labels refused and the version labelled. */
  label(p: Parameter, versionNumber: number | undefined, labels: string[]): { invalid: string[]; version: number } {
    const version = versionNumber === undefined ? this.latest(p) : p.versions.find((v) => v.version === versionNumber)
    if (!version)
      throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${versionNumber} of ${p.name}. Verify the version and try again.`)
    const invalid = labels.filter((l) => labelProblem(l) !== undefined)
    const valid = labels.filter((l) => labelProblem(l) === undefined && !version.labels.has(l))
    if (version.labels.size + valid.length > MAX_LABELS_PER_VERSION)
      throw new AwsError('ParameterVersionLabelLimitExceeded', `A parameter version can have a maximum of ${MAX_LABELS_PER_VERSION} labels.`)
    for (const l of valid) {
      for (const v of p.versions) v.labels.delete(l)
      version.labels.add(l)
    }
    if (valid.length) this.onChange?.()
    return { invalid, version: version.version }
  }

  delete(name: string): void {
    const p = this.find(name)
    this.parameters.delete(p.name)
    this.onChange?.()
  }
}
