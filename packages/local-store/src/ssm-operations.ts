import { type AccessRule, checkDecrypt, checkParameterAccess } from './access.js'
import { AwsError } from './errors.js'
import {
  ciphertextOf,
  DEFAULT_KEY,
  type Parameter,
  type ParameterStore,
  type ParameterVersion,
  parseSelector,
  type Selector,
  ssmValidation,
} from './parameter-store.js'
import { ssmRequired, ssmShapes } from './ssm-validate.js'
import { validateInput } from './validate.js'

export interface SsmContext {
  parameters: ParameterStore
  access?: AccessRule[]
  accessKeyId?: string
}

type Input = Record<string, unknown>
type Handler = (ctx: SsmContext, input: Input) => Record<string, unknown>

/** The JSON protocol carries dates as epoch seconds. */
const ts = (d: Date) => d.getTime() / 1000

const allow = (ctx: SsmContext, action: string, p?: { name: string; arn: string }) =>
  checkParameterAccess(ctx.access, ctx.parameters.accountId, ctx.accessKeyId, action, p)

/** The value as a read answers it: a SecureString is decrypted only when asked, and only with a key the caller may use. */
function valueFor(ctx: SsmContext, v: ParameterVersion, decrypt: boolean): string {
  if (v.type !== 'SecureString') return v.value
  if (!decrypt) return ciphertextOf(v)
  checkDecrypt(ctx.access, ctx.parameters.region, ctx.parameters.accountId, ctx.accessKeyId, v.keyId ?? DEFAULT_KEY)
  return v.value
}

function answer(ctx: SsmContext, p: Parameter, v: ParameterVersion, decrypt: boolean, selector?: string): Record<string, unknown> {
  return {
    Name: p.name,
    Type: v.type,
    Value: valueFor(ctx, v, decrypt),
    Version: v.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: ts(v.modified),
    ARN: p.arn,
    DataType: 'text',
  }
}

function metadata(p: Parameter, v: ParameterVersion): Record<string, unknown> {
  return {
    Name: p.name,
    ARN: p.arn,
    Type: v.type,
    ...(v.keyId ? { KeyId: v.keyId } : {}),
    LastModifiedDate: ts(v.modified),
    LastModifiedUser: 'arn:aws:iam::000000000000:user/hush-local-store',
    ...(v.description !== undefined ? { Description: v.description } : {}),
    Version: v.version,
    Tier: v.tier,
    Policies: [],
    DataType: 'text',
  }
}

/** Pages of a sorted list; the token is the offset, refused as InvalidNextToken when it is not one of ours. */
function page<T>(items: T[], input: Input, max: number): { items: T[]; next?: string } {
  let start = 0
  if (typeof input.NextToken === 'string') {
    start = Number(Buffer.from(input.NextToken, 'base64url').toString())
    if (!Number.isInteger(start) || start < 0 || start > items.length) throw new AwsError('InvalidNextToken', "The specified token isn't valid.")
  }
  const size = typeof input.MaxResults === 'number' ? input.MaxResults : max
  const slice = items.slice(start, start + size)
  return start + size < items.length ? { items: slice, next: Buffer.from(String(start + size)).toString('base64url') } : { items: slice }
}

/** Whether `name` is under `path`: one level below it, or any level when recursive. */
function under(name: string, path: string, recursive: boolean): boolean {
  const prefix = path.endsWith('/') ? path : `${path}/`
  if (!name.startsWith(prefix)) return false
  return recursive || !name.slice(prefix.length).includes('/')
}

const FILTER_KEYS = /^(tag:.+|Name|Type|KeyId|Path|Tier|DataType)$/

/** ParameterFilters of DescribeParameters (and, without Name/Path/tag, GetParametersByPath; Label only there). */
function filterMatches(p: Parameter, v: ParameterVersion, filters: unknown, byPath: boolean): boolean {
  if (!Array.isArray(filters)) return true
  return (filters as Array<{ Key: string; Option?: string; Values?: string[] }>).every((f) => {
    const key = f.Key
    if (byPath ? !/^(Type|KeyId|Label)$/.test(key) : !FILTER_KEYS.test(key))
      throw new AwsError('InvalidFilterKey', `The filter key ${key} is not valid for ${byPath ? 'GetParametersByPath' : 'DescribeParameters'}.`)
    const values = f.Values ?? []
    if (key === 'Path') {
      const option = f.Option ?? 'OneLevel'
      if (option !== 'Recursive' && option !== 'OneLevel') throw new AwsError('InvalidFilterOption', 'The Path filter takes the option Recursive or OneLevel.')
      return values.some((path) => under(p.name, path, option === 'Recursive'))
    }
    const option = f.Option ?? 'Equals'
    const allowed = key === 'Name' ? ['Equals', 'BeginsWith', 'Contains'] : key === 'Label' ? ['Equals'] : ['Equals', 'BeginsWith']
    if (!allowed.includes(option)) throw new AwsError('InvalidFilterOption', `The filter option ${option} is not valid for the key ${key}.`)
    const fields: Array<string | undefined> =
      key === 'Name'
        ? [p.name]
        : key === 'Type'
          ? [v.type]
          : key === 'KeyId'
            ? [v.keyId]
            : key === 'Tier'
              ? [v.tier]
              : key === 'DataType'
                ? ['text']
                : key === 'Label'
                  ? [...p.versions.flatMap((x) => [...x.labels])]
                  : p.tags.filter((t) => t.Key === key.slice(4)).map((t) => t.Value)
    // A Name filter matches with or without the leading "/" of a name in a hierarchy, as AWS does.
    const norm = (s: string) => (key === 'Name' && !s.startsWith('/') && p.name.startsWith('/') ? `/${s}` : s)
    return fields.some(
      (field) =>
        field !== undefined &&
        values.some((raw) => {
          const value = norm(raw)
          return option === 'Equals' ? field === value : option === 'BeginsWith' ? field.startsWith(value) : field.includes(raw)
        }),
    )
  })
}

function selectorOf(ctx: SsmContext, id: unknown): Selector {
  return parseSelector(String(id), ctx.parameters.arnPrefix)
}

/** The ARN of what a name asks for, for an access check made before it is known to exist (IAM goes first). */
const resourceOf = (ctx: SsmContext, s: Selector) => ({ name: s.name, arn: ctx.parameters.arnOf(s.name) })

export const ssmOperations: Record<string, Handler> = {
  PutParameter(ctx, input) {
    allow(ctx, 'PutParameter', resourceOf(ctx, { name: String(input.Name) }))
    const v = ctx.parameters.put(input)
    return { Version: v.version, Tier: v.tier }
  },

  GetParameter(ctx, input) {
    const s = selectorOf(ctx, input.Name)
    allow(ctx, 'GetParameter', resourceOf(ctx, s))
    const { parameter, version } = ctx.parameters.select(s)
    return { Parameter: answer(ctx, parameter, version, input.WithDecryption === true, s.raw) }
  },

  GetParameters(ctx, input) {
    const names = input.Names as string[]
    const selectors = names.map((n) => selectorOf(ctx, n))
    // IAM evaluates every named resource before anything is read: one denied name fails the call.
    for (const s of selectors) allow(ctx, 'GetParameters', resourceOf(ctx, s))
    const found: Record<string, unknown>[] = []
    const invalid: string[] = []
    selectors.forEach((s, i) => {
      try {
        const { parameter, version } = ctx.parameters.select(s)
        found.push(answer(ctx, parameter, version, input.WithDecryption === true, s.raw))
      } catch (error) {
        if (!(error instanceof AwsError) || !/^Parameter(Version)?NotFound$/.test(error.type)) throw error
        if (!invalid.includes(names[i]!)) invalid.push(names[i]!)
      }
    })
    return { Parameters: found, InvalidParameters: invalid }
  },

  GetParametersByPath(ctx, input) {
    const path = String(input.Path)
    if (!path.startsWith('/')) throw ssmValidation('The parameter path must start with "/": a hierarchy is a path such as /prod/api.')
    allow(ctx, 'GetParametersByPath', resourceOf(ctx, { name: path === '/' ? '/' : path.replace(/\/$/, '') }))
    const recursive = input.Recursive === true
    const all = [...ctx.parameters.parameters.values()]
      .filter((p) => (path === '/' ? p.name.startsWith('/') && (recursive || p.name.lastIndexOf('/') === 0) : under(p.name, path, recursive)))
      .filter((p) => filterMatches(p, ctx.parameters.latest(p), input.ParameterFilters, true))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
    const { items, next } = page(all, input, 10)
    return {
      Parameters: items.map((p) => answer(ctx, p, ctx.parameters.latest(p), input.WithDecryption === true)),
      ...(next ? { NextToken: next } : {}),
    }
  },

  DescribeParameters(ctx, input) {
    // ssm:DescribeParameters takes no resource: a policy grants it on "*".
    allow(ctx, 'DescribeParameters')
    const all = [...ctx.parameters.parameters.values()]
      .filter((p) => filterMatches(p, ctx.parameters.latest(p), input.ParameterFilters, false))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
    const { items, next } = page(all, input, 50)
    return { Parameters: items.map((p) => metadata(p, ctx.parameters.latest(p))), ...(next ? { NextToken: next } : {}) }
  },

  DeleteParameter(ctx, input) {
    const s = selectorOf(ctx, input.Name)
    allow(ctx, 'DeleteParameter', resourceOf(ctx, s))
    ctx.parameters.delete(s.name)
    return {}
  },

  DeleteParameters(ctx, input) {
    const names = input.Names as string[]
    for (const n of names) allow(ctx, 'DeleteParameters', resourceOf(ctx, selectorOf(ctx, n)))
    const deleted: string[] = []
    const invalid: string[] = []
    for (const n of names) {
      try {
        ctx.parameters.delete(selectorOf(ctx, n).name)
        deleted.push(n)
      } catch (error) {
        if (!(error instanceof AwsError) || error.type !== 'ParameterNotFound') throw error
        invalid.push(n)
      }
    }
    return { DeletedParameters: deleted, InvalidParameters: invalid }
  },

  LabelParameterVersion(ctx, input) {
    const s = selectorOf(ctx, input.Name)
    allow(ctx, 'LabelParameterVersion', resourceOf(ctx, s))
    const p = ctx.parameters.find(s.name)
    const { invalid, version } = ctx.parameters.label(
      p,
      typeof input.ParameterVersion === 'number' ? input.ParameterVersion : undefined,
      input.Labels as string[],
    )
    return { InvalidLabels: invalid, ParameterVersion: version }
  },

  GetParameterHistory(ctx, input) {
    const s = selectorOf(ctx, input.Name)
    allow(ctx, 'GetParameterHistory', resourceOf(ctx, s))
    const p = ctx.parameters.find(s.name)
    const { items, next } = page(p.versions, input, 50)
    return {
      Parameters: items.map((v) => ({
        ...metadata(p, v),
        Value: valueFor(ctx, v, input.WithDecryption === true),
        Labels: [...v.labels],
      })),
      ...(next ? { NextToken: next } : {}),
    }
  },
}

/** Runs one Parameter Store action by name; unknown names answer as AWS does. */
export function runSsmOperation(ctx: SsmContext, name: string, input: Input): Record<string, unknown> {
  const handler = Object.hasOwn(ssmOperations, name) ? ssmOperations[name] : undefined
  if (!handler) throw new AwsError('UnknownOperationException', `The operation ${name} is not supported by @hush/local-store.`)
  for (const field of ssmRequired[name] ?? []) {
    if (input[field] === undefined || input[field] === null)
      throw ssmValidation(
        `1 validation error detected: Value null at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`,
      )
  }
  validateInput(name, input, ssmShapes)
  return handler(ctx, input)
}
