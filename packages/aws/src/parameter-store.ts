import type { Parameter, ParameterMetadata, SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm'
import { createHash } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import {
  generateValue,
  HushError,
  pickJsonKey,
  type Provider,
  type ProviderContext,
  type Reference,
  type ResolvedSecret,
  type SecretDescription,
  type VersionCheck,
} from '@hush/core'
import { linkedSignal } from './abort.js'
import { scopeFor } from './scope.js'
import { PARAMETER_STORE, toParameterStoreError } from './ssm-errors.js'

export interface AwsParameterStoreOptions {
  /** A client to use as is; the other connection options are then ignored. */
  client?: SSMClient
  /** @default the standard AWS chain (AWS_REGION, profile) */
  region?: string
  /** @default AWS_ENDPOINT_URL_SSM, else AWS_ENDPOINT_URL, else AWS's own */
  endpoint?: string
  /** @default the standard AWS credential chain */
  credentials?: SSMClientConfig['credentials']
  /** Attempts per call, including SDK retries with backoff on throttling and 5xx. @default 4 */
  maxAttempts?: number
  /** How long to wait for the TCP connection to the store. @default 3000 */
  connectTimeoutMs?: number
  /** How long one HTTP attempt may wait for an answer. @default 5000 */
  requestTimeoutMs?: number
  /** The account, for environment rules when references are names rather than ARNs. */
  accountId?: string
  /**
   * How a refresh asks whether versions moved. `describe`: DescribeParameters, up to 50 names a
   * request, metadata only. `get`: GetParameters without decryption, up to 10 names a request.
   * For 100 parameters per TTL that is 2 requests against 10 (bench/ssm.mjs measures both), so
   * `describe` is the default; `get` is for policies that grant GetParameters only. @default 'describe'
   */
  check?: 'describe' | 'get'
}

type Sdk = typeof import('@aws-sdk/client-ssm')
type Command = 'GetParametersCommand' | 'GetParametersByPathCommand' | 'DescribeParametersCommand' | 'GetParameterCommand' | 'PutParameterCommand'

const PARAMS = new Set(['version', 'label'])
const ARN = /^arn:aws[\w-]*:ssm:([\w-]+):(\d{12}):parameter\/.+/
const NAME = /^[a-zA-Z0-9_.\-/]+$/
/** GetParameters takes 10 names; GetParametersByPath answers 10 a page; DescribeParameters filters 50 names. */
const GET_LIMIT = 10
const DESCRIBE_LIMIT = 50

/** A path-form reference (`aws-ssm:///prod/api/*`) reads every parameter under the prefix. */
const prefixOf = (ref: Reference): string | undefined => (ref.path.endsWith('/*') ? ref.path.slice(0, -2) : undefined)

/** The name GetParameters is asked for: the parameter with its `:version` or `:label` selector. */
const selectorOf = (ref: Reference): string =>
  ref.params.version !== undefined ? `${ref.path}:${ref.params.version}` : ref.params.label !== undefined ? `${ref.path}:${ref.params.label}` : ref.path

/** One read, shared by every reference that needs the same parameter version (or the same prefix). */
interface Fetch {
  id: string
  refs: Reference[]
}

/** What a prefix holds, in one answer: the values by name relative to it, and a version over all of them. */
interface Tree {
  values: Record<string, string>
  version: string
  arn?: string
}

const treeVersion = (entries: Array<{ Name?: string; Version?: number }>) =>
  createHash('sha256')
    .update(
      entries
        .map((p) => `${p.Name}@${p.Version}`)
        .sort()
        .join('\n'),
    )
    .digest('base64url')
    .slice(0, 22)

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size))

/**
 * The `aws-ssm://` provider: `aws-ssm:///prod/api/db-password[#json.key][?version=N|label=L]`, and
 * `aws-ssm:///prod/api/*` for every parameter under a path (a JSON object by relative name, so
 * `#db-password` picks one). Always decrypts; reads in batches of 10 (GetParameters); checks
 * versions in batches of 50 (DescribeParameters) so unchanged values are not fetched again. The
 * SDK is loaded on the first request, so an app without aws-ssm:// references never loads it.
 */
export function awsParameterStore(options: AwsParameterStoreOptions = {}): Provider & { client(): Promise<SSMClient> } {
  const owned = !options.client
  let sdk: Promise<Sdk> | undefined
  let made: Promise<SSMClient> | undefined
  // A store that trickles bytes never trips the SDK's idle timeout, so calls still running when
  // hush closes are aborted: otherwise their sockets keep the process alive after close().
  const closing = new AbortController()
  // Every call in flight listens on it: a hundred at once is normal, not a leak to warn about.
  setMaxListeners(0, closing.signal)
  const load = () => (sdk ??= import('@aws-sdk/client-ssm'))
  const client = () =>
    (made ??= options.client
      ? Promise.resolve(options.client)
      : load().then(
          ({ SSMClient }) =>
            new SSMClient({
              maxAttempts: options.maxAttempts ?? 4,
              requestHandler: {
                connectionTimeout: options.connectTimeoutMs ?? 3000,
                requestTimeout: options.requestTimeoutMs ?? 5000,
                throwOnRequestTimeout: true,
              },
              ...(options.region ? { region: options.region } : {}),
              ...(options.endpoint ? { endpoint: options.endpoint } : {}),
              ...(options.credentials ? { credentials: options.credentials } : {}),
            }),
        ))
  /** Sends one command, loading the SDK (and making the client) on the first call; callers type the answer. */
  const send = async (command: Command, input: object, signal: AbortSignal = closing.signal): Promise<unknown> => {
    const [mod, c] = await Promise.all([load(), client()])
    const Make = mod[command] as unknown as new (input: object) => Parameters<SSMClient['send']>[0]
    return c.send(new Make(input), { abortSignal: signal })
  }

  const scope = scopeFor(ARN, options)
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_SSM ?? process.env.AWS_ENDPOINT_URL
  const fail = (error: unknown, ref: Reference, operation: string) =>
    toParameterStoreError(error, { ref, operation, ...scope(ref), ...(endpoint ? { endpoint } : {}) })

  /** An answer AWS would never give (a parameter without a text Value): the endpoint is not Parameter Store. */
  const garbled = (ref: Reference, operation: string, name = ref.path, what = `a parameter "${name}" whose Value is not text`) =>
    new HushError('HUSH_STORE_UNAVAILABLE', {
      message: `${ref.raw}: ${endpoint ? `the store at ${endpoint}` : PARAMETER_STORE.name} answered ${operation} with ${what}`,
      fix: endpoint ? `check what that endpoint serves: ${PARAMETER_STORE.protocolNote}` : 'retry; if it persists, report it with the operation name.',
      reference: ref.raw,
    })

  const notFound = (ref: Reference, operation: string) =>
    fail({ name: ref.params.version !== undefined || ref.params.label !== undefined ? 'ParameterVersionNotFound' : 'ParameterNotFound' }, ref, operation)

  function finish(value: string, version: string, ref: Reference, arn: string | undefined): ResolvedSecret | HushError {
    const picked = pickJsonKey(value, ref)
    if (typeof picked !== 'string') return picked
    // The ARN in the answer says which account and region really served the value.
    const at = arn ? ARN.exec(arn) : null
    return { value: picked, version, ...(at ? { scope: { region: at[1]!, account: at[2]! } } : {}) }
  }

  /** GetParameters for up to 10 selectors; names AWS could not find come back in InvalidParameters. */
  async function getMany(fetches: Fetch[], decrypt: boolean, signal?: AbortSignal): Promise<Map<Fetch, Parameter | HushError>> {
    const out = new Map<Fetch, Parameter | HushError>()
    let answer
    try {
      answer = (await send('GetParametersCommand', { Names: fetches.map((f) => f.id), WithDecryption: decrypt }, signal)) as {
        Parameters?: Parameter[]
        InvalidParameters?: string[]
      }
    } catch (error) {
      for (const f of fetches) out.set(f, fail(error, f.refs[0]!, 'GetParameters'))
      return out
    }
    // AWS lists every name asked for in one of the two lists: a name in neither, or lists that
    // are not lists, is a broken endpoint, not a missing parameter.
    const listed = Array.isArray(answer?.Parameters) ? answer.Parameters : undefined
    const invalid = Array.isArray(answer?.InvalidParameters) ? answer.InvalidParameters : []
    for (const f of fetches) {
      const ref = f.refs[0]!
      const selector = f.id.slice(ref.path.length)
      const found = listed?.find((p) => (p.Name === ref.path || p.ARN === ref.path) && (p.Selector ?? '') === selector)
      const missing = invalid.includes(f.id) || invalid.includes(ref.path)
      const unlisted = `a list that names "${ref.path}" neither as found nor as invalid`
      out.set(
        f,
        found
          ? typeof found.Value !== 'string'
            ? garbled(ref, 'GetParameters')
            : found
          : missing
            ? notFound(ref, 'GetParameters')
            : garbled(ref, 'GetParameters', ref.path, unlisted),
      )
    }
    return out
  }

  /** Every parameter under a prefix, recursively, page by page (10 a page). */
  async function getTree(f: Fetch, signal?: AbortSignal): Promise<Tree | HushError> {
    const ref = f.refs[0]!
    const prefix = f.id
    const values: Record<string, string> = {}
    const seen: Parameter[] = []
    let token: string | undefined
    try {
      do {
        const page = (await send(
          'GetParametersByPathCommand',
          {
            Path: prefix,
            Recursive: true,
            WithDecryption: true,
            MaxResults: GET_LIMIT,
            ...(token ? { NextToken: token } : {}),
          },
          signal,
        )) as { Parameters?: Parameter[]; NextToken?: string }
        for (const p of page.Parameters ?? []) {
          if (p.Name === undefined) continue
          if (typeof p.Value !== 'string') return garbled(ref, 'GetParametersByPath', p.Name)
          values[p.Name.slice(prefix.length + 1)] = p.Value
          seen.push(p)
        }
        token = page.NextToken
      } while (token)
    } catch (error) {
      return fail(error, ref, 'GetParametersByPath')
    }
    if (seen.length === 0) return fail({ name: 'ParameterNotFound' }, ref, 'GetParametersByPath')
    return { values, version: treeVersion(seen), ...(seen[0]?.ARN ? { arn: seen[0].ARN } : {}) }
  }

  /** Current versions by name, from DescribeParameters (metadata only), 50 names a request. */
  async function describeNames(names: string[], signal?: AbortSignal): Promise<{ found: Map<string, ParameterMetadata> } | { error: unknown }> {
    const out = new Map<string, ParameterMetadata>()
    try {
      await Promise.all(
        chunk(names, DESCRIBE_LIMIT).map(async (part) => {
          let token: string | undefined
          // AWS may answer a filtered page with fewer items than asked and a NextToken: follow it.
          do {
            const page = (await send(
              'DescribeParametersCommand',
              {
                ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: part }],
                MaxResults: DESCRIBE_LIMIT,
                ...(token ? { NextToken: token } : {}),
              },
              signal,
            )) as { Parameters?: ParameterMetadata[]; NextToken?: string }
            for (const p of page.Parameters ?? []) if (p.Name) out.set(p.Name, p)
            token = page.NextToken
          } while (token)
        }),
      )
    } catch (error) {
      return { error }
    }
    return { found: out }
  }

  /** The versions under a prefix, from DescribeParameters with a recursive Path filter. */
  async function describeTree(prefix: string, signal?: AbortSignal): Promise<{ version?: string } | { error: unknown }> {
    const seen: ParameterMetadata[] = []
    let token: string | undefined
    try {
      do {
        const page = (await send(
          'DescribeParametersCommand',
          {
            ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: [prefix] }],
            MaxResults: DESCRIBE_LIMIT,
            ...(token ? { NextToken: token } : {}),
          },
          signal,
        )) as { Parameters?: ParameterMetadata[]; NextToken?: string }
        seen.push(...(page.Parameters ?? []))
        token = page.NextToken
      } while (token)
    } catch (error) {
      return { error }
    }
    return seen.length ? { version: treeVersion(seen) } : {}
  }

  const group = (refs: readonly Reference[], idOf: (ref: Reference) => string): Fetch[] => {
    const fetches = new Map<string, Fetch>()
    for (const ref of refs) {
      const id = idOf(ref)
      let f = fetches.get(id)
      if (!f) fetches.set(id, (f = { id, refs: [] }))
      f.refs.push(ref)
    }
    return [...fetches.values()]
  }

  return {
    scheme: 'aws-ssm',
    client,
    validate(ref) {
      const bad = (message: string, fix: string) => new HushError('HUSH_BAD_REFERENCE', { message, fix, reference: ref.raw })
      for (const name of Object.keys(ref.params)) {
        if (!PARAMS.has(name))
          throw bad(
            `"${ref.raw}" has the parameter "${name}", which aws-ssm:// does not take`,
            'use ?version=<number> or ?label=<label> (the name:version and name:label selectors).',
          )
      }
      if (ref.params.version !== undefined && ref.params.label !== undefined)
        throw bad(`"${ref.raw}" gives both ?version= and ?label=`, 'give one: a label already names one version.')
      if (ref.params.version !== undefined && !/^[1-9]\d{0,9}$/.test(ref.params.version))
        throw bad(`"${ref.raw}": the version must be a version number (1, 2, ...)`, 'write ?version=3, or ?label=<label> for a label.')
      if (ref.params.label !== undefined && !/^[a-zA-Z_.-][a-zA-Z0-9_.-]{0,99}$/.test(ref.params.label))
        throw bad(`"${ref.raw}": the label is not a Parameter Store label`, 'a label has letters, digits, "_", "." or "-" and does not start with a number.')
      const prefix = prefixOf(ref)
      if (prefix !== undefined) {
        if (!prefix.startsWith('/') || !NAME.test(prefix) || prefix.includes('*'))
          throw bad(`"${ref.raw}" is not a parameter path`, 'write the path form as aws-ssm:///prod/api/* (three slashes: the path starts with "/").')
        if (ref.params.version !== undefined || ref.params.label !== undefined)
          throw bad(`"${ref.raw}" reads every parameter under a path, which has no single version or label`, 'drop ?version= / ?label=, or name one parameter.')
        return
      }
      if (ref.path.startsWith('arn:')) {
        if (!ARN.test(ref.path))
          throw bad(
            `"${ref.raw}" is not a Parameter Store ARN`,
            'write arn:aws:ssm:<region>:<account>:parameter/<name>, or just the name (aws-ssm:///prod/db).',
          )
        return
      }
      if (!NAME.test(ref.path))
        throw bad(`"${ref.raw}" is not a parameter name`, 'a name has letters, digits and "_.-/"; for a whole path write aws-ssm:///prod/api/*.')
      if (ref.path.includes('/') && !ref.path.startsWith('/'))
        throw bad(
          `"${ref.raw}" names "${ref.path}", which is not a full parameter name`,
          `a name in a hierarchy starts with "/": write aws-ssm:///${ref.path} (three slashes).`,
        )
    },
    scope,
    async resolve(refs, ctx) {
      const call = linkedSignal(closing.signal, ctx?.signal)
      const trees = group(
        refs.filter((r) => prefixOf(r) !== undefined),
        (r) => prefixOf(r)!,
      )
      const singles = group(
        refs.filter((r) => prefixOf(r) === undefined),
        selectorOf,
      )
      const byRef = new Map<Reference, ResolvedSecret | HushError>()
      await Promise.all([
        ...chunk(singles, GET_LIMIT).map(async (part) => {
          for (const [f, r] of await getMany(part, true, call.abortSignal)) {
            for (const ref of f.refs) byRef.set(ref, r instanceof HushError ? r : finish(r.Value!, String(r.Version), ref, r.ARN))
          }
        }),
        ...trees.map(async (f) => {
          const t = await getTree(f, call.abortSignal)
          for (const ref of f.refs) byRef.set(ref, t instanceof HushError ? t : finish(JSON.stringify(t.values), t.version, ref, t.arn))
        }),
      ]).finally(() => call.release())
      return refs.map((ref) => byRef.get(ref)!)
    },
    async check(items, ctx) {
      const call = linkedSignal(closing.signal, ctx?.signal)
      const strategy = options.check ?? 'describe'
      const results = new Map<(typeof items)[number], VersionCheck>()
      // A label can move between versions and DescribeParameters does not say where: ask
      // GetParameters (without decryption: only the version is wanted), as for every name with
      // the `get` strategy.
      const viaGet = items.filter(
        (i) => prefixOf(i.ref) === undefined && (strategy === 'get' || i.ref.params.label !== undefined || i.ref.path.startsWith('arn:')),
      )
      const viaDescribe = items.filter((i) => prefixOf(i.ref) === undefined && !viaGet.includes(i))
      const viaTree = items.filter((i) => prefixOf(i.ref) !== undefined)
      await Promise.all([
        ...chunk(
          group(
            viaGet.map((i) => i.ref),
            selectorOf,
          ),
          GET_LIMIT,
        ).map(async (part) => {
          const answers = await getMany(part, false, call.abortSignal)
          for (const i of viaGet) {
            const f = part.find((x) => x.refs.includes(i.ref))
            if (!f) continue
            const r = answers.get(f)!
            results.set(
              i,
              r instanceof HushError ? r : String(r.Version) === i.version ? { unchanged: true } : { unchanged: false, version: String(r.Version) },
            )
          }
        }),
        (async () => {
          if (!viaDescribe.length) return
          const names = [...new Set(viaDescribe.map((i) => i.ref.path))]
          const answer = await describeNames(names, call.abortSignal)
          for (const i of viaDescribe) {
            if ('error' in answer) {
              results.set(i, fail(answer.error, i.ref, 'DescribeParameters'))
              continue
            }
            const meta = answer.found.get(i.ref.path)
            if (!meta) results.set(i, fail({ name: 'ParameterNotFound' }, i.ref, 'DescribeParameters'))
            // A pinned version does not move: the parameter still being there is all there is to check.
            else if (i.ref.params.version !== undefined) results.set(i, { unchanged: true })
            else results.set(i, String(meta.Version) === i.version ? { unchanged: true } : { unchanged: false, version: String(meta.Version) })
          }
        })(),
        ...group(
          viaTree.map((i) => i.ref),
          (r) => prefixOf(r)!,
        ).map(async (f) => {
          const now = await describeTree(f.id, call.abortSignal)
          for (const i of viaTree.filter((x) => f.refs.includes(x.ref))) {
            if ('error' in now) results.set(i, fail(now.error, i.ref, 'DescribeParameters'))
            else if (now.version === undefined) results.set(i, fail({ name: 'ParameterNotFound' }, i.ref, 'DescribeParameters'))
            else results.set(i, now.version === i.version ? { unchanged: true } : { unchanged: false, version: now.version })
          }
        }),
      ]).finally(() => call.release())
      return items.map((i) => results.get(i)!)
    },
    async describe(ref, ctx): Promise<SecretDescription> {
      const [d] = await this.describeMany!([ref], ctx)
      if (d instanceof HushError) throw d
      return d!
    },
    async describeMany(refs, ctx) {
      // DescribeParameters takes 50 names a request: 500 secrets are 10 requests.
      const names = [...new Set(refs.filter((r) => prefixOf(r) === undefined).map((r) => r.path))]
      const answer = names.length ? await describeNames(names, ctx?.signal) : { found: new Map<string, ParameterMetadata>() }
      return refs.map((ref) => {
        if (prefixOf(ref) !== undefined) return { reference: ref.raw, rotationEnabled: false }
        if ('error' in answer) return fail(answer.error, ref, 'DescribeParameters')
        const meta = answer.found.get(ref.path)
        if (!meta) return fail({ name: 'ParameterNotFound' }, ref, 'DescribeParameters')
        return {
          reference: ref.raw,
          version: ref.params.version ?? String(meta.Version),
          // Parameter Store has no rotation of its own; hush rotates when the manifest declares a generator.
          rotationEnabled: false,
          ...(meta.LastModifiedDate ? { lastChanged: meta.LastModifiedDate } : {}),
        }
      })
    },
    async rotate(ref, ctx: ProviderContext) {
      if (!ctx.generate) {
        throw new HushError('HUSH_BAD_CONFIG', {
          message: `${ref.raw}: Parameter Store has no rotation of its own, and hush.config declares no way to make a new value for this secret`,
          reason: 'hush rotates an aws-ssm:// secret only by putting a new value it generated as the manifest says.',
          fix: 'add rotation: { generate: { length: 32, alphabet: "base64url" } } to the secret in hush.config, or rotate it where it is made and call refresh().',
          reference: ref.raw,
        })
      }
      if (prefixOf(ref) !== undefined || ref.params.version !== undefined || ref.params.label !== undefined) {
        throw new HushError('HUSH_BAD_REFERENCE', {
          message: `${ref.raw}: only a reference to the latest version of one parameter can be rotated`,
          fix: 'point the secret at the parameter itself (no /*, ?version= or ?label=) to rotate it.',
          reference: ref.raw,
        })
      }
      let value = generateValue(ctx.generate)
      if (ref.key !== undefined) {
        // A JSON parameter keeps its other fields; only the key the secret reads is replaced.
        let current
        try {
          current = (await send('GetParameterCommand', { Name: ref.path, WithDecryption: true })) as { Parameter?: Parameter }
        } catch (error) {
          throw fail(error, ref, 'GetParameter')
        }
        let data: unknown
        try {
          data = JSON.parse(current.Parameter?.Value ?? '')
        } catch {
          data = undefined
        }
        if (!data || typeof data !== 'object' || Array.isArray(data)) {
          throw new HushError('HUSH_INVALID_VALUE', {
            message: `${ref.raw}: the parameter is not a JSON object, so its key "${ref.key}" cannot be replaced`,
            fix: 'drop the #key to rotate the whole value, or store the parameter as a JSON object.',
            reference: ref.raw,
          })
        }
        value = JSON.stringify({ ...(data as Record<string, unknown>), [ref.key]: value })
      }
      try {
        const put = (await send('PutParameterCommand', { Name: ref.path, Value: value, Overwrite: true })) as { Version?: number }
        return put.Version !== undefined ? { version: String(put.Version) } : {}
      } catch (error) {
        throw fail(error, ref, 'PutParameter')
      }
    },
    close() {
      // A client that was never made (no aws-ssm:// read happened) has nothing to close; one
      // whose SDK failed to load has nothing either.
      closing.abort()
      if (owned && made) made.then((c) => c.destroy()).catch(() => {})
    },
  }
}
