import { type AccessRule, checkAccess } from './access.js'
import { AwsError, invalidParameter } from './errors.js'
import type { Secret, SecretStore, Version } from './store.js'
import { validateInput } from './validate.js'

export interface OperationContext {
  store: SecretStore
  access?: AccessRule[]
  accessKeyId?: string
  rotationDelayMs: number
}

type Input = Record<string, unknown>
type Handler = (ctx: OperationContext, input: Input) => Record<string, unknown>

/** The JSON protocol carries dates as epoch seconds. */
const ts = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined)

function stagesOf(secret: Secret): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const v of secret.versions.values()) if (v.stages.size) out[v.id] = [...v.stages]
  return out
}

function describe(store: SecretStore, s: Secret): Record<string, unknown> {
  return {
    ARN: s.arn,
    Name: s.name,
    Description: s.description,
    KmsKeyId: s.kmsKeyId,
    RotationEnabled: s.rotationEnabled,
    RotationRules: s.rotationRules,
    LastRotatedDate: ts(s.lastRotated),
    LastChangedDate: ts(s.lastChanged),
    LastAccessedDate: ts(s.lastAccessed),
    DeletedDate: ts(s.deleted),
    NextRotationDate: ts(store.nextRotation(s)),
    Tags: s.tags,
    VersionIdsToStages: stagesOf(s),
    CreatedDate: ts(s.created),
  }
}

function valueOf(s: Secret, v: Version): Record<string, unknown> {
  return { ARN: s.arn, Name: s.name, VersionId: v.id, SecretString: v.string, SecretBinary: v.binary, VersionStages: [...v.stages], CreatedDate: ts(v.created) }
}

/** Secret filters of ListSecrets and BatchGetSecretValue: name, description, tag-key, tag-value, all (prefix match). */
function matches(s: Secret, filters: unknown): boolean {
  if (!Array.isArray(filters)) return true
  return filters.every((f: { Key?: string; Values?: string[] }) => {
    const values = f.Values ?? []
    const test = (field: string | undefined) => values.some((v) => (v.startsWith('!') ? !(field ?? '').startsWith(v.slice(1)) : (field ?? '').startsWith(v)))
    switch (f.Key) {
      case 'name':
        return test(s.name)
      case 'description':
        return test(s.description)
      case 'tag-key':
        return s.tags.some((t) => test(t.Key))
      case 'tag-value':
        return s.tags.some((t) => test(t.Value))
      case 'all':
        return test(s.name) || test(s.description) || s.tags.some((t) => test(t.Key) || test(t.Value))
      default:
        throw invalidParameter(`Invalid filter key: ${String(f.Key)}`)
    }
  })
}

function page<T>(items: T[], input: Input, max = 100): { items: T[]; next?: string } {
  const start = typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64').toString()) : 0
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid NextToken.')
  const size = typeof input.MaxResults === 'number' ? input.MaxResults : max
  // A page of 0 would hand back a NextToken for the same offset: a paging client would loop forever.
  if (!Number.isInteger(size) || size < 1 || size > max) throw new AwsError('ValidationException', `MaxResults must be a whole number from 1 to ${max}.`)
  const slice = items.slice(start, start + size)
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64') : undefined
  return next ? { items: slice, next } : { items: slice }
}

/** Finds the secret an operation names and checks the caller may act on it. */
function target(ctx: OperationContext, action: string, id: unknown, includeDeleted = false): Secret {
  let secret: Secret
  try {
    secret = ctx.store.find(id, { includeDeleted })
  } catch (error) {
    // IAM is evaluated before existence: a caller without access learns nothing.
    if (ctx.access?.length) checkAccess(ctx.access, ctx.store.accountId, ctx.accessKeyId, action, { name: String(id), arn: String(id) })
    throw error
  }
  checkAccess(ctx.access, ctx.store.accountId, ctx.accessKeyId, action, secret)
  return secret
}

export const operations: Record<string, Handler> = {
  CreateSecret(ctx, input) {
    checkAccess(
      ctx.access,
      ctx.store.accountId,
      ctx.accessKeyId,
      'CreateSecret',
      typeof input.Name === 'string' ? { name: input.Name, arn: input.Name } : undefined,
    )
    const s = ctx.store.create(input)
    const current = [...s.versions.values()].find((v) => v.stages.has('AWSCURRENT'))
    return { ARN: s.arn, Name: s.name, VersionId: current?.id }
  },

  GetSecretValue(ctx, input) {
    const s = target(ctx, 'GetSecretValue', input.SecretId)
    return valueOf(s, ctx.store.getValue(s, input.VersionId, input.VersionStage))
  },

  BatchGetSecretValue(ctx, input) {
    checkAccess(ctx.access, ctx.store.accountId, ctx.accessKeyId, 'BatchGetSecretValue')
    const ids = input.SecretIdList
    if (ids !== undefined && input.Filters !== undefined) throw invalidParameter('Either SecretIdList or Filters must be provided, but not both.')
    const values: Record<string, unknown>[] = []
    const errors: Record<string, unknown>[] = []
    if (Array.isArray(ids)) {
      if (ids.length < 1 || ids.length > 20) throw invalidParameter('SecretIdList must contain between 1 and 20 secret IDs.')
      for (const id of ids) {
        try {
          const s = target(ctx, 'GetSecretValue', id)
          values.push(valueOf(s, ctx.store.getValue(s)))
        } catch (error) {
          if (!(error instanceof AwsError)) throw error
          errors.push({ SecretId: id, ErrorCode: error.type, Message: error.message })
        }
      }
      return { SecretValues: values, Errors: errors }
    }
    if (!Array.isArray(input.Filters)) throw invalidParameter('Either SecretIdList or Filters must be provided.')
    const all = [...ctx.store.secrets.values()].filter((s) => !s.deleted && matches(s, input.Filters))
    const { items, next } = page(all, input, 20)
    for (const s of items) {
      try {
        checkAccess(ctx.access, ctx.store.accountId, ctx.accessKeyId, 'GetSecretValue', s)
        values.push(valueOf(s, ctx.store.getValue(s)))
      } catch (error) {
        if (!(error instanceof AwsError)) throw error
        errors.push({ SecretId: s.arn, ErrorCode: error.type, Message: error.message })
      }
    }
    return { SecretValues: values, Errors: errors, NextToken: next }
  },

  DescribeSecret(ctx, input) {
    return describe(ctx.store, target(ctx, 'DescribeSecret', input.SecretId, true))
  },

  ListSecrets(ctx, input) {
    checkAccess(ctx.access, ctx.store.accountId, ctx.accessKeyId, 'ListSecrets')
    const all = [...ctx.store.secrets.values()].filter((s) => (input.IncludePlannedDeletion === true || !s.deleted) && matches(s, input.Filters))
    const { items, next } = page(all, input)
    return {
      SecretList: items.map((s) => {
        const { VersionIdsToStages, ...rest } = describe(ctx.store, s)
        return { ...rest, SecretVersionsToStages: VersionIdsToStages }
      }),
      NextToken: next,
    }
  },

  ListSecretVersionIds(ctx, input) {
    const s = target(ctx, 'ListSecretVersionIds', input.SecretId, true)
    const versions = [...s.versions.values()].filter((v) => input.IncludeDeprecated === true || v.stages.size > 0)
    const { items, next } = page(versions, input)
    return {
      ARN: s.arn,
      Name: s.name,
      Versions: items.map((v) => ({ VersionId: v.id, VersionStages: [...v.stages], CreatedDate: ts(v.created), LastAccessedDate: ts(v.lastAccessed) })),
      NextToken: next,
    }
  },

  PutSecretValue(ctx, input) {
    const s = target(ctx, 'PutSecretValue', input.SecretId)
    const v = ctx.store.put(s, input)
    return { ARN: s.arn, Name: s.name, VersionId: v.id, VersionStages: [...v.stages] }
  },

  UpdateSecretVersionStage(ctx, input) {
    const s = target(ctx, 'UpdateSecretVersionStage', input.SecretId)
    ctx.store.updateStage(s, input)
    return { ARN: s.arn, Name: s.name }
  },

  RotateSecret(ctx, input) {
    const s = target(ctx, 'RotateSecret', input.SecretId)
    const pending = ctx.store.rotate(s, input, ctx.rotationDelayMs)
    return { ARN: s.arn, Name: s.name, VersionId: pending?.id }
  },

  DeleteSecret(ctx, input) {
    const s = target(ctx, 'DeleteSecret', input.SecretId, true)
    const when = ctx.store.delete(s, input)
    return { ARN: s.arn, Name: s.name, DeletionDate: ts(when) }
  },

  RestoreSecret(ctx, input) {
    const s = target(ctx, 'RestoreSecret', input.SecretId, true)
    ctx.store.restore(s)
    return { ARN: s.arn, Name: s.name }
  },

  TagResource(ctx, input) {
    const s = target(ctx, 'TagResource', input.SecretId, true)
    ctx.store.tag(s, input.Tags)
    return {}
  },
}

/** Runs one operation by name; unknown names answer as AWS does. */
export function runOperation(ctx: OperationContext, name: string, input: Input): Record<string, unknown> {
  // Own names only: `constructor` or `toString` would otherwise run Object's methods on the context.
  const handler = Object.hasOwn(operations, name) ? operations[name] : undefined
  if (!handler) throw new AwsError('UnknownOperationException', `The operation ${name} is not supported by @hush/local-store.`)
  validateInput(name, input)
  return handler(ctx, input)
}
