import { AwsError } from './errors.js'

/**
 * The shape of each operation's input, as the Secrets Manager API reference documents it
 * (types, lengths, ranges). Checked before an operation runs, so that a malformed request is
 * answered with ValidationException and never half-applied, never a 500.
 */
export type Rule =
  | { type: 'string'; min?: number; max?: number; /** Length counted in UTF-8 bytes, not characters. */ bytes?: boolean; oneOf?: readonly string[] }
  | { type: 'base64'; max: number }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'list'; of: Rule; min?: number; max?: number }
  | { type: 'object'; fields: Record<string, Rule>; required?: readonly string[] }

export const str = (min: number, max: number, extra: { bytes?: boolean } = {}): Rule => ({ type: 'string', min, max, ...extra })
export const int = (min: number, max: number): Rule => ({ type: 'integer', min, max })
export const bool: Rule = { type: 'boolean' }

const SECRET_ID = str(1, 2048)
const TOKEN = str(32, 64)
const VERSION_ID = str(32, 64)
const STAGE = str(1, 256)
const NEXT_TOKEN = str(1, 4096)
const SECRET_STRING = str(0, 65536, { bytes: true })
const SECRET_BINARY: Rule = { type: 'base64', max: 65536 }
const TAGS: Rule = { type: 'list', max: 50, of: { type: 'object', fields: { Key: str(1, 128), Value: str(0, 256) }, required: ['Key', 'Value'] } }
const FILTERS: Rule = { type: 'list', max: 10, of: { type: 'object', fields: { Key: str(1, 64), Values: { type: 'list', min: 1, max: 10, of: str(1, 512) } } } }
const ROTATION_RULES: Rule = { type: 'object', fields: { AutomaticallyAfterDays: int(1, 1000), Duration: str(1, 3), ScheduleExpression: str(1, 256) } }

export const shapes: Record<string, Record<string, Rule>> = {
  CreateSecret: {
    Name: str(1, 512),
    ClientRequestToken: TOKEN,
    Description: str(0, 2048),
    KmsKeyId: str(0, 2048),
    SecretString: SECRET_STRING,
    SecretBinary: SECRET_BINARY,
    Tags: TAGS,
    ForceOverwriteReplicaSecret: bool,
  },
  GetSecretValue: { SecretId: SECRET_ID, VersionId: VERSION_ID, VersionStage: STAGE },
  BatchGetSecretValue: { SecretIdList: { type: 'list', of: SECRET_ID }, Filters: FILTERS, MaxResults: int(1, 20), NextToken: NEXT_TOKEN },
  DescribeSecret: { SecretId: SECRET_ID },
  ListSecrets: {
    IncludePlannedDeletion: bool,
    MaxResults: int(1, 100),
    NextToken: NEXT_TOKEN,
    Filters: FILTERS,
    SortOrder: { type: 'string', oneOf: ['asc', 'desc'] },
  },
  ListSecretVersionIds: { SecretId: SECRET_ID, MaxResults: int(1, 100), NextToken: NEXT_TOKEN, IncludeDeprecated: bool },
  PutSecretValue: {
    SecretId: SECRET_ID,
    ClientRequestToken: TOKEN,
    SecretString: SECRET_STRING,
    SecretBinary: SECRET_BINARY,
    VersionStages: { type: 'list', min: 1, max: 20, of: STAGE },
  },
  UpdateSecretVersionStage: { SecretId: SECRET_ID, VersionStage: STAGE, RemoveFromVersionId: VERSION_ID, MoveToVersionId: VERSION_ID },
  RotateSecret: { SecretId: SECRET_ID, ClientRequestToken: TOKEN, RotationLambdaARN: str(0, 2048), RotationRules: ROTATION_RULES, RotateImmediately: bool },
  DeleteSecret: { SecretId: SECRET_ID, RecoveryWindowInDays: { type: 'integer' }, ForceDeleteWithoutRecovery: bool },
  RestoreSecret: { SecretId: SECRET_ID },
  TagResource: { SecretId: SECRET_ID, Tags: TAGS },
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** What `value` fails to satisfy under `rule`; it never quotes the value (it may be a secret). */
function check(rule: Rule, value: unknown, at: string, problems: string[]): void {
  const fail = (constraint: string) => problems.push(`Value at '${at}' failed to satisfy constraint: Member must ${constraint}`)
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') return void fail('be a string')
      const length = rule.bytes ? Buffer.byteLength(value, 'utf8') : value.length
      const unit = rule.bytes ? 'bytes' : 'characters'
      if (rule.min !== undefined && length < rule.min) fail(`have length greater than or equal to ${rule.min} ${unit}`)
      else if (rule.max !== undefined && length > rule.max) fail(`have length less than or equal to ${rule.max} ${unit}`)
      else if (rule.oneOf && !rule.oneOf.includes(value)) fail(`be one of: ${rule.oneOf.join(', ')}`)
      return
    }
    case 'base64': {
      if (typeof value !== 'string' || !BASE64.test(value)) return void fail('be base64-encoded bytes')
      // 4 base64 characters carry 3 bytes, less one per '=' of padding.
      const bytes = (value.length / 4) * 3 - (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0)
      if (bytes > rule.max) fail(`have length less than or equal to ${rule.max} bytes`)
      return
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return void fail('be a whole number')
      if (rule.min !== undefined && value < rule.min) fail(`have value greater than or equal to ${rule.min}`)
      else if (rule.max !== undefined && value > rule.max) fail(`have value less than or equal to ${rule.max}`)
      return
    case 'boolean':
      if (typeof value !== 'boolean') fail('be true or false')
      return
    case 'list':
      if (!Array.isArray(value)) return void fail('be a list')
      if (rule.min !== undefined && value.length < rule.min) return void fail(`have length greater than or equal to ${rule.min}`)
      if (rule.max !== undefined && value.length > rule.max) return void fail(`have length less than or equal to ${rule.max}`)
      value.forEach((item, i) => {
        if (item === null || item === undefined) problems.push(`Value at '${at}[${i}]' failed to satisfy constraint: Member must not be null`)
        else check(rule.of, item, `${at}[${i}]`, problems)
      })
      return
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return void fail('be an object')
      const fields = value as Record<string, unknown>
      for (const name of rule.required ?? [])
        if (fields[name] === undefined || fields[name] === null) problems.push(`Value at '${at}.${name}' failed to satisfy constraint: Member must not be null`)
      for (const [name, inner] of Object.entries(rule.fields)) {
        const field = fields[name]
        if (field !== undefined && field !== null) check(inner, field, `${at}.${name}`, problems)
      }
    }
  }
}

/**
 * Checks an operation's input against its documented shape; throws ValidationException naming
 * every field at fault, as AWS does ("2 validation errors detected: ..."). Fields the table does
 * not know are ignored, as AWS ignores members it does not model; a null field counts as absent.
 */
export function validateInput(operation: string, input: Record<string, unknown>, table: Record<string, Record<string, Rule>> = shapes): void {
  const shape = table[operation]
  if (!shape) return
  const problems: string[] = []
  for (const [name, rule] of Object.entries(shape)) {
    const value = input[name]
    if (value !== undefined && value !== null) check(rule, value, name, problems)
  }
  if (problems.length === 0) return
  const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`
  throw new AwsError('ValidationException', `${count}: ${problems.join('; ')}. Fix the request and send it again.`)
}
