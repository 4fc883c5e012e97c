import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  type DescribeSecretCommandOutput,
  GetSecretValueCommand,
  ListSecretsCommand,
  type SecretListEntry,
  RotateSecretCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager'
import { HushError, pickJsonKey, type Provider, type Reference, type ResolvedSecret, type SecretDescription, type VersionCheck } from '@hush/core'
import { setMaxListeners } from 'node:events'
import { linkedSignal } from './abort.js'
import { coverPrefixes } from './prefixes.js'
import { scopeFor } from './scope.js'
import { toHushError } from './errors.js'

export interface AwsSecretsManagerOptions {
  /** A client to use as is; the other connection options are then ignored. */
  client?: SecretsManagerClient
  /** @default the standard AWS chain (AWS_REGION, profile) */
  region?: string
  /** @default AWS_ENDPOINT_URL_SECRETS_MANAGER, else AWS_ENDPOINT_URL, else AWS's own */
  endpoint?: string
  /** @default the standard AWS credential chain */
  credentials?: SecretsManagerClientConfig['credentials']
  /** Attempts per call, including SDK retries with backoff on throttling and 5xx. @default 4 */
  maxAttempts?: number
  /** How long to wait for the TCP connection to the store. @default 3000 */
  connectTimeoutMs?: number
  /**
   * How long one HTTP attempt may wait for an answer; a store that accepts the connection and
   * never answers would otherwise hold the call open. @default 5000
   */
  requestTimeoutMs?: number
  /** Read with BatchGetSecretValue (up to 20 per call); falls back to GetSecretValue if not permitted. @default true */
  batch?: boolean
  /** The account, for environment rules when references are names rather than ARNs. */
  accountId?: string
  /** How long `rotate()` waits for AWSCURRENT to move. @default 60000 */
  rotationTimeoutMs?: number
  /** How often `rotate()` checks. @default 250 */
  rotationPollMs?: number
}

const PARAMS = new Set(['stage', 'version', 'binary'])
const ARN = /^arn:aws[\w-]*:secretsmanager:([\w-]+):(\d{12}):secret:/
const BATCH_LIMIT = 20
/** ListSecrets: up to 100 secrets a page, up to 10 values in a filter. */
const LIST_PAGE = 100
const FILTER_VALUES = 10
/** A full ARN's last part: the name, a dash and six random characters. */
const ARN_NAME = /:secret:(.+)$/

/** One read from the store, shared by every reference that needs the same secret version. */
interface Fetch {
  id: string
  stage?: string
  version?: string
  refs: Reference[]
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Whether a batch entry answers a request id given as a name, full ARN or partial ARN. */
function answers(entry: { Name?: string; ARN?: string }, id: string): boolean {
  return entry.Name === id || entry.ARN === id || (entry.ARN !== undefined && entry.ARN.startsWith(`${id}-`) && entry.ARN.length === id.length + 7)
}

/** What DescribeSecret or a ListSecrets entry says of a reference's version and rotation dates. */
function description(
  ref: Reference,
  stagesById: Record<string, string[]> | undefined,
  d: { RotationEnabled?: boolean; LastRotatedDate?: Date; NextRotationDate?: Date; LastChangedDate?: Date },
): SecretDescription {
  const stage = ref.params.stage ?? 'AWSCURRENT'
  const stages = stagesById ?? {}
  const version = ref.params.version ?? Object.keys(stages).find((id) => stages[id]?.includes(stage))
  return {
    reference: ref.raw,
    ...(version ? { version } : {}),
    rotationEnabled: d.RotationEnabled ?? false,
    ...(d.LastRotatedDate ? { lastRotated: d.LastRotatedDate } : {}),
    ...(d.NextRotationDate ? { nextRotation: d.NextRotationDate } : {}),
    ...(d.LastChangedDate ? { lastChanged: d.LastChangedDate } : {}),
  }
}

/**
 * The `aws-sm://` provider: `aws-sm://<name-or-arn>[#json.key][?stage=AWSPREVIOUS|version=<id>]`.
 * Reads in batches of 20, checks versions with DescribeSecret so unchanged secrets are not
 * fetched again, and rotates through RotateSecret.
 */
export function awsSecretsManager(options: AwsSecretsManagerOptions = {}): Provider & { readonly client: SecretsManagerClient } {
  const owned = !options.client
  const client =
    options.client ??
    new SecretsManagerClient({
      maxAttempts: options.maxAttempts ?? 4,
      // throwOnRequestTimeout: a timed-out attempt fails (and is retried) instead of only logging a warning.
      requestHandler: { connectionTimeout: options.connectTimeoutMs ?? 3000, requestTimeout: options.requestTimeoutMs ?? 5000, throwOnRequestTimeout: true },
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    })
  // A store that trickles bytes never trips the SDK's idle timeout, so calls still running when
  // hush closes are aborted: otherwise their sockets keep the process alive after close().
  const closing = new AbortController()
  // Every call in flight listens on it: a hundred at once is normal, not a leak to warn about.
  setMaxListeners(0, closing.signal)
  const aborted = { abortSignal: closing.signal }
  let batchAllowed = options.batch ?? true
  const scope = scopeFor(ARN, options)
  // The endpoint the SDK was pointed at, for messages about a store that did not answer.
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? process.env.AWS_ENDPOINT_URL
  const fail = (error: unknown, ref: Reference, operation: string) => toHushError(error, { ref, operation, ...scope(ref), ...(endpoint ? { endpoint } : {}) })

  function finish(
    entry: { SecretString?: string; SecretBinary?: Uint8Array | string; VersionId?: string; ARN?: string },
    ref: Reference,
  ): ResolvedSecret | HushError {
    let value = entry.SecretString
    if (value === undefined) {
      if (entry.SecretBinary === undefined) {
        return new HushError('HUSH_INVALID_VALUE', {
          message: `${ref.raw}: the secret version holds no value`,
          fix: 'store a value with aws secretsmanager put-secret-value.',
          reference: ref.raw,
        })
      }
      if (ref.params.binary !== 'base64') {
        return new HushError('HUSH_INVALID_VALUE', {
          message: `${ref.raw}: "${ref.path}" is a binary secret`,
          reason: 'Environment variables and config values are text.',
          fix: 'add ?binary=base64 to the reference to read it as base64 text.',
          reference: ref.raw,
        })
      }
      const bytes = entry.SecretBinary
      value = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64')
    }
    const picked = pickJsonKey(value, ref)
    if (typeof picked !== 'string') return picked
    // The ARN in the answer says which account and region really served the value.
    const arn = entry.ARN ? ARN.exec(entry.ARN) : null
    return {
      value: picked,
      ...(entry.VersionId ? { version: entry.VersionId } : {}),
      ...(arn ? { scope: { region: arn[1]!, account: arn[2]! } } : {}),
    }
  }

  async function getOne(
    fetch: Fetch,
    call: { abortSignal: AbortSignal } = aborted,
  ): Promise<{ SecretString?: string; SecretBinary?: Uint8Array; VersionId?: string; ARN?: string } | HushError> {
    try {
      return await client.send(
        new GetSecretValueCommand({
          SecretId: fetch.id,
          ...(fetch.version ? { VersionId: fetch.version } : {}),
          // Sent explicitly so a changed default can never hand out a pending value.
          ...(fetch.version && !fetch.stage ? {} : { VersionStage: fetch.stage ?? 'AWSCURRENT' }),
        }),
        call,
      )
    } catch (error) {
      return fail(error, fetch.refs[0]!, 'GetSecretValue')
    }
  }

  async function getBatch(fetches: Fetch[], call: { abortSignal: AbortSignal } = aborted): Promise<Map<Fetch, SecretValueEntry | HushError>> {
    const out = new Map<Fetch, SecretValueEntry | HushError>()
    let answer
    try {
      answer = await client.send(new BatchGetSecretValueCommand({ SecretIdList: fetches.map((f) => f.id) }), call)
    } catch (error) {
      const name = (error as { name?: string }).name
      if (name === 'AccessDeniedException') {
        // Many policies grant GetSecretValue but not BatchGetSecretValue: read one by one from now on.
        batchAllowed = false
        await Promise.all(fetches.map(async (f) => out.set(f, await getOne(f, call))))
        return out
      }
      for (const f of fetches) out.set(f, fail(error, f.refs[0]!, 'BatchGetSecretValue'))
      return out
    }
    for (const f of fetches) {
      const value = answer.SecretValues?.find((v) => answers(v, f.id))
      if (value) {
        out.set(f, value)
        continue
      }
      const error = answer.Errors?.find((e) => e.SecretId === f.id)
      out.set(
        f,
        fail(
          { name: error?.ErrorCode ?? 'ResourceNotFoundException', message: error?.Message ?? '', $metadata: { httpStatusCode: 400 } },
          f.refs[0]!,
          'GetSecretValue',
        ),
      )
    }
    return out
  }

  /**
   * The account's secrets whose names start as the wanted ones do, from ListSecrets (metadata,
   * never values): a page holds 100, so describing 500 secrets takes 5 requests rather than 500
   * DescribeSecret calls. Stops once every wanted id is seen. `undefined` when ListSecrets is
   * not permitted, so the caller describes one by one.
   */
  async function listing(ids: string[], call: { abortSignal: AbortSignal }): Promise<SecretListEntry[] | undefined> {
    // A full ARN ends in the name, a dash and six characters: the name without them is a prefix of it.
    const names = ids.map((id) => (id.startsWith('arn:') ? (ARN_NAME.exec(id)?.[1] ?? id).replace(/-[A-Za-z0-9]{6}$/, '') : id))
    const prefixes = coverPrefixes(names, FILTER_VALUES)
    const filters = prefixes.includes('') ? undefined : [{ Key: 'name' as const, Values: prefixes }]
    const out: SecretListEntry[] = []
    const missing = new Set(ids)
    let token: string | undefined
    do {
      let page
      try {
        page = await client.send(
          new ListSecretsCommand({ MaxResults: LIST_PAGE, ...(filters ? { Filters: filters } : {}), ...(token ? { NextToken: token } : {}) }),
          call,
        )
      } catch (error) {
        if ((error as { name?: string }).name === 'AccessDeniedException') return undefined
        throw error
      }
      for (const entry of page.SecretList ?? []) {
        out.push(entry)
        for (const id of missing) if (answers(entry, id)) missing.delete(id)
      }
      token = page.NextToken
    } while (token && missing.size)
    return out
  }

  return {
    scheme: 'aws-sm',
    client,
    validate(ref) {
      for (const name of Object.keys(ref.params)) {
        if (!PARAMS.has(name)) {
          throw new HushError('HUSH_BAD_REFERENCE', {
            message: `"${ref.raw}" has the parameter "${name}", which aws-sm:// does not take`,
            fix: 'use ?stage=AWSPREVIOUS, ?version=<VersionId> or ?binary=base64.',
            reference: ref.raw,
          })
        }
      }
      if (ref.params.binary !== undefined && ref.params.binary !== 'base64') {
        throw new HushError('HUSH_BAD_REFERENCE', { message: `"${ref.raw}": binary must be "base64"`, fix: 'write ?binary=base64.', reference: ref.raw })
      }
      if (ref.path.startsWith('arn:') && !ARN.test(ref.path)) {
        throw new HushError('HUSH_BAD_REFERENCE', {
          message: `"${ref.raw}" is not a Secrets Manager ARN`,
          fix: 'write arn:aws:secretsmanager:<region>:<account>:secret:<name>, or just the secret name.',
          reference: ref.raw,
        })
      }
    },
    scope,
    async resolve(refs, ctx) {
      const call = linkedSignal(closing.signal, ctx?.signal)
      const fetches = new Map<string, Fetch>()
      for (const ref of refs) {
        const stage = ref.params.stage
        const version = ref.params.version
        const key = `${ref.path}\u0000${stage ?? ''}\u0000${version ?? ''}`
        let f = fetches.get(key)
        if (!f) fetches.set(key, (f = { id: ref.path, ...(stage ? { stage } : {}), ...(version ? { version } : {}), refs: [] }))
        f.refs.push(ref)
      }
      const all = [...fetches.values()]
      // BatchGetSecretValue returns AWSCURRENT only; pinned stages and versions go one by one.
      const batchable = batchAllowed ? all.filter((f) => !f.version && (!f.stage || f.stage === 'AWSCURRENT')) : []
      const single = all.filter((f) => !batchable.includes(f))
      const results = new Map<Fetch, unknown>()
      const chunks: Fetch[][] = []
      for (let i = 0; i < batchable.length; i += BATCH_LIMIT) chunks.push(batchable.slice(i, i + BATCH_LIMIT))
      try {
        await Promise.all([
          ...chunks.map(async (chunk) => {
            for (const [f, r] of await getBatch(chunk, call)) results.set(f, r)
          }),
          ...single.map(async (f) => results.set(f, await getOne(f, call))),
        ])
      } finally {
        call.release()
      }
      const byRef = new Map<Reference, ResolvedSecret | HushError>()
      for (const f of all) {
        const r = results.get(f) as SecretValueEntry | HushError
        for (const ref of f.refs) byRef.set(ref, r instanceof HushError ? r : finish(r, ref))
      }
      return refs.map((ref) => byRef.get(ref)!)
    },
    async check(items, ctx) {
      const call = linkedSignal(closing.signal, ctx?.signal)
      const described = new Map<string, Promise<DescribeSecretCommandOutput | HushError>>()
      return Promise.all(
        items.map(async ({ ref, version }): Promise<VersionCheck> => {
          let pending = described.get(ref.path)
          if (!pending) {
            pending = client.send(new DescribeSecretCommand({ SecretId: ref.path }), call).catch((error: unknown) => fail(error, ref, 'DescribeSecret'))
            described.set(ref.path, pending)
          }
          const d = await pending
          if (d instanceof HushError) return d
          if (d.DeletedDate) return fail({ name: 'InvalidRequestException', message: 'marked for deletion' }, ref, 'DescribeSecret')
          const stages = d.VersionIdsToStages ?? {}
          if (ref.params.version)
            return ref.params.version in stages
              ? { unchanged: true }
              : fail({ name: 'ResourceNotFoundException', message: `VersionId: ${ref.params.version}` }, ref, 'DescribeSecret')
          const stage = ref.params.stage ?? 'AWSCURRENT'
          const now = Object.keys(stages).find((id) => stages[id]?.includes(stage))
          if (now === undefined) return fail({ name: 'ResourceNotFoundException', message: `staging label: ${stage}` }, ref, 'DescribeSecret')
          return now === version ? { unchanged: true } : { unchanged: false, version: now }
        }),
      ).finally(() => call.release())
    },
    async describe(ref): Promise<SecretDescription> {
      let d: DescribeSecretCommandOutput
      try {
        d = await client.send(new DescribeSecretCommand({ SecretId: ref.path }), aborted)
      } catch (error) {
        throw fail(error, ref, 'DescribeSecret')
      }
      return description(ref, d.VersionIdsToStages, d)
    },
    async describeMany(refs, ctx) {
      const call = linkedSignal(closing.signal, ctx?.signal)
      try {
        const ids = [...new Set(refs.map((r) => r.path))]
        let listed: SecretListEntry[] | undefined
        try {
          listed = await listing(ids, call)
        } catch (error) {
          return refs.map((ref) => fail(error, ref, 'ListSecrets'))
        }
        const found = new Map<string, SecretListEntry>()
        for (const id of ids) {
          const entry = listed?.find((e) => answers(e, id))
          if (entry) found.set(id, entry)
        }
        // Not in the listing (another account's ARN, or ListSecrets not permitted): one by one.
        const single = new Map<string, Promise<DescribeSecretCommandOutput | { error: unknown }>>()
        for (const id of ids)
          if (!found.has(id))
            single.set(
              id,
              client.send(new DescribeSecretCommand({ SecretId: id }), call).catch((error: unknown) => ({ error })),
            )
        const described = new Map<string, DescribeSecretCommandOutput | { error: unknown }>()
        for (const [id, p] of single) described.set(id, await p)
        return refs.map((ref) => {
          const listedEntry = found.get(ref.path)
          if (listedEntry) return description(ref, listedEntry.SecretVersionsToStages, listedEntry)
          const d = described.get(ref.path)!
          if ('error' in d) return fail(d.error, ref, 'DescribeSecret')
          return description(ref, d.VersionIdsToStages, d)
        })
      } finally {
        call.release()
      }
    },
    async rotate(ref, ctx) {
      const before = (await this.describe!(ref, { environment: '' })).version
      let pending: string | undefined
      try {
        pending = (await client.send(new RotateSecretCommand({ SecretId: ref.path }), aborted)).VersionId
      } catch (error) {
        throw fail(error, ref, 'RotateSecret')
      }
      if (ctx.wait === false && pending !== undefined) return { version: pending, pending: true }
      const deadline = Date.now() + (options.rotationTimeoutMs ?? 60_000)
      for (;;) {
        const now = (await this.describe!({ ...ref, params: {} }, { environment: '' })).version
        if (now !== undefined && now !== before && (pending === undefined || now === pending)) return { version: now }
        if (Date.now() > deadline) {
          throw new HushError('HUSH_STORE_UNAVAILABLE', {
            message: `${ref.raw}: the rotation started (version ${pending ?? 'unknown'}) but AWSCURRENT did not move within ${options.rotationTimeoutMs ?? 60_000} ms`,
            fix: "check the rotation function's logs in CloudWatch; the previous value stays current until it finishes.",
            reference: ref.raw,
          })
        }
        await sleep(options.rotationPollMs ?? 250)
      }
    },
    close() {
      closing.abort()
      if (owned) client.destroy()
    },
  }
}
