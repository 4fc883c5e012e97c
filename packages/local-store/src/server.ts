import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type AccessRule, authenticate, validateAccess } from './access.js'
import { ClientGone, readBody } from './body.js'
import { AwsError } from './errors.js'
import { FaultInjector, type Faults, validateFaults } from './faults.js'
import { allowedHosts, checkHost } from './host.js'
import { operations, runOperation } from './operations.js'
import { ParameterStore } from './parameter-store.js'
import { applySeed, readSeed, type Seed } from './seed.js'
import { runSsmOperation, ssmOperations } from './ssm-operations.js'
import { identityOf, readState, restoreState, saveState } from './state-file.js'
import { SecretStore } from './store.js'

export interface LocalStoreOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number
  /** Address to listen on. @default '127.0.0.1' */
  host?: string
  /** Secrets to start with: a seed object, or the path of a JSON/YAML seed file. */
  seed?: Seed | string
  /** Faults to inject from the start (they can be changed later). */
  faults?: Faults
  /**
   * Which credentials may read which secrets; everyone may do everything when absent. Give each
   * rule a `secretAccessKey` so that requests must be signed with it (SigV4), as on AWS.
   */
  access?: AccessRule[]
  /**
   * Region in ARNs. @default the state file's, else seed.region, else 'us-east-1'. With a state
   * file of another region the store refuses to start, naming both.
   */
  region?: string
  /** Account id in ARNs. @default the state file's, else seed.accountId, else '123456789012'; as `region` */
  accountId?: string
  /**
   * How long a rotation takes to finish, as a Lambda would. Rotations a previous run left
   * unfinished in the state file finish this long after the start; close() finishes the rest. @default 50
   */
  rotationDelayMs?: number
  /** Keep the secrets, values included, in this file across restarts. Off unless given. */
  stateFile?: string
  /**
   * Host names, besides this machine's loopback names and the listening address, that requests
   * may be sent to (the Host header), such as a docker compose service name. Others are refused,
   * so that a web page cannot reach the store through a domain resolving to 127.0.0.1.
   */
  allowedHosts?: string[]
  /** Where warnings about the configuration go. @default console.warn */
  warn?: (message: string) => void
  /** Source of randomness for the fault rates (tests make it deterministic). */
  random?: () => number
}

export interface Stats {
  /** Requests received per operation, answered or not. */
  requests: Record<string, number>
  total: number
  /** Requests answered with an injected fault, per operation. */
  faulted: Record<string, number>
}

export interface LocalStore {
  /** The endpoint to give `SecretsManagerClient({ endpoint })` and `SSMClient({ endpoint })`. */
  url: string
  port: number
  store: SecretStore
  /** The Parameter Store side, answering `AmazonSSM.*` requests on the same port. */
  parameters: ParameterStore
  stats(): Stats
  resetStats(): void
  setFaults(faults: Faults): void
  close(): Promise<void>
}

const JSON_TYPE = 'application/x-amz-json-1.1'
/** Control requests are small: faults, or nothing. */
const MAX_CONTROL_BODY_BYTES = 64 * 1024
const OPERATION_NAMES = [...Object.keys(operations), ...Object.keys(ssmOperations)]

/** Which API a request speaks, by its X-Amz-Target prefix: both share the port, the faults and the counts. */
const PROTOCOLS = [
  { prefix: 'secretsmanager.', service: 'secretsmanager', operations: operations as Record<string, unknown> },
  { prefix: 'AmazonSSM.', service: 'ssm', operations: ssmOperations as Record<string, unknown> },
] as const

function send(res: ServerResponse, status: number, body: unknown, type = JSON_TYPE): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': crypto.randomUUID() })
  res.end(text)
}

const sendError = (res: ServerResponse, error: AwsError, type = JSON_TYPE) => send(res, error.status, { __type: error.type, message: error.message }, type)

/** Parses a JSON request body; only an object is a valid input. */
function parseInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {}
  let input: unknown
  try {
    input = JSON.parse(body.toString('utf8'))
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.')
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'The request body must be a JSON object.')
  return input as Record<string, unknown>
}

/** Explains a listen failure in one line, with the next step. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new Error(`port ${port} is in use on ${host}: stop the other process or pass --port 0 for a free one.`)
    case 'EACCES':
      return new Error(`not allowed to listen on port ${port}: pick a port above 1023, or pass --port 0 for a free one.`)
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new Error(`cannot listen on ${host}: it is not an address of this machine; use 127.0.0.1 (the default).`)
    default:
      return new Error(`cannot listen on ${host}:${port} (${error.code ?? error.message}).`)
  }
}

/** Rotations wait in timers; a day is far beyond any test and within what setTimeout can hold. */
const MAX_ROTATION_DELAY_MS = 86_400_000

function validDelay(ms: number | undefined): number {
  if (ms === undefined) return 50
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_ROTATION_DELAY_MS)
    throw new Error(`rotationDelayMs must be a whole number of milliseconds from 0 to ${MAX_ROTATION_DELAY_MS}, not ${String(ms)}.`)
  return ms
}

function validPort(port: number | undefined): number {
  if (port === undefined) return 0
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`port must be a whole number from 0 to 65535 (0 picks a free one), not ${String(port)}.`)
  return port
}

/** Starts a server that speaks the Secrets Manager and Parameter Store JSON 1.1 protocols on 127.0.0.1. */
export async function startLocalStore(options: LocalStoreOptions = {}): Promise<LocalStore> {
  const seedFile = typeof options.seed === 'string' ? options.seed : undefined
  const seed: Seed = seedFile !== undefined ? readSeed(seedFile) : ((options.seed as Seed | undefined) ?? {})
  const where = (field: 'access' | 'faults') => (options[field] !== undefined || seedFile === undefined ? 'options' : seedFile)
  const access = validateAccess(options.access ?? seed.access, where('access'))
  let initialFaults: Faults
  try {
    initialFaults = validateFaults(options.faults ?? seed.faults ?? {}, OPERATION_NAMES)
  } catch (error) {
    throw new Error(`${where('faults')}: ${(error as Error).message}`, { cause: error })
  }
  const port = validPort(options.port)
  const host = options.host ?? '127.0.0.1'
  const warn = options.warn ?? ((message: string) => console.warn(`hush-local-store: ${message}`))

  const rotationDelayMs = validDelay(options.rotationDelayMs)
  // The state file, when there is one, decides the region and account: its ARNs name them.
  const saved = options.stateFile ? readState(options.stateFile) : undefined
  const fallback = { region: seed.region ?? 'us-east-1', accountId: seed.accountId ?? '123456789012' }
  const asked = {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
  }
  const identity = saved
    ? identityOf(saved, options.stateFile!, asked, fallback)
    : { region: asked.region ?? fallback.region, accountId: asked.accountId ?? fallback.accountId }
  const store = new SecretStore(identity.region, identity.accountId)
  const parameters = new ParameterStore(identity.region, identity.accountId)
  if (saved) restoreState(store, saved, parameters)
  else applySeed(store, seed, parameters)
  if (options.stateFile) {
    const file = options.stateFile
    const save = (type: string) => () => {
      try {
        saveState(store, file, parameters)
      } catch (error) {
        const message = `${(error as Error).message} The change is kept in memory only.`
        warn(message)
        throw new AwsError(type, message)
      }
    }
    store.onChange = save('InternalServiceError')
    parameters.onChange = save('InternalServerError')
    saveState(store, file, parameters)
  }
  // A rotation the last run was killed in the middle of would otherwise block rotation for good.
  store.resumeRotations(rotationDelayMs)
  const injector = new FaultInjector(initialFaults, options.random)
  const hosts = allowedHosts(host, options.allowedHosts)
  let stats: Stats = { requests: {}, total: 0, faulted: {} }

  const control = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const json = 'application/json'
    if (req.method === 'POST' && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      // A web page can POST a form or text/plain without asking first (no CORS preflight); not JSON.
      return sendError(res, new AwsError('UnsupportedMediaTypeException', 'Control requests must be sent with content-type: application/json.', 415), json)
    }
    if (path === '/_hush/stats' && req.method === 'GET') return send(res, 200, stats, json)
    if (path === '/_hush/health') return send(res, 200, { ok: true, secrets: store.secrets.size, parameters: parameters.parameters.size }, json)
    if (path === '/_hush/reset-stats' && req.method === 'POST') {
      stats = { requests: {}, total: 0, faulted: {} }
      return send(res, 200, stats, json)
    }
    if (path === '/_hush/faults' && req.method === 'POST') {
      const body = await readBody(req, MAX_CONTROL_BODY_BYTES)
      let faults: Faults
      try {
        faults = validateFaults(body.length ? JSON.parse(body.toString('utf8')) : {}, OPERATION_NAMES)
      } catch (error) {
        const why = error instanceof SyntaxError ? 'The body is not valid JSON.' : (error as Error).message
        return sendError(res, new AwsError('InvalidParameterException', `${why} Send JSON faults, for example {"outage": true}.`), json)
      }
      injector.faults = faults
      return send(res, 200, injector.faults, json)
    }
    if (path === '/_hush/faults' && req.method === 'GET') return send(res, 200, injector.faults, json)
    return sendError(
      res,
      new AwsError('ResourceNotFoundException', 'Unknown control path: use /_hush/stats, /_hush/faults, /_hush/reset-stats or /_hush/health.', 404),
      json,
    )
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    checkHost(req.headers.host, hosts)
    const url = req.url ?? '/'
    const path = url.split('?')[0]!
    if (path.startsWith('/_hush/')) return control(req, res, path)
    const target = String(req.headers['x-amz-target'] ?? '')
    const protocol = PROTOCOLS.find((p) => target.startsWith(p.prefix))
    const named = protocol ? target.slice(protocol.prefix.length) : ''
    // Stats count known operations by name, so that made-up names cannot grow them without end.
    const operation = protocol && Object.hasOwn(protocol.operations, named) ? named : ''
    const counted = operation || (named ? '(unknown)' : '(none)')
    stats.total++
    stats.requests[counted] = (stats.requests[counted] ?? 0) + 1
    const body = await readBody(req)
    const decision = injector.decide(operation)
    const latency = injector.latency(operation)
    if (latency > 0) await new Promise((r) => setTimeout(r, latency))
    if (decision.kind !== 'ok') stats.faulted[counted] = (stats.faulted[counted] ?? 0) + 1
    if (decision.kind === 'drop') return void req.socket.destroy()
    if (decision.kind === 'error') {
      // Parameter Store names its server error InternalServerError, Secrets Manager InternalServiceError.
      const e = decision.error
      return sendError(res, protocol?.service === 'ssm' && e.type === 'InternalServiceError' ? new AwsError('InternalServerError', e.message, 500) : e)
    }
    if (req.method !== 'POST' || !named || !protocol) {
      return sendError(
        res,
        new AwsError('UnknownOperationException', 'Send POST / with X-Amz-Target: secretsmanager.<Operation> or AmazonSSM.<Action>, as the AWS SDK does.'),
      )
    }
    const accessKeyId = authenticate(access, {
      method: req.method,
      url,
      rawHeaders: req.rawHeaders,
      body,
      authorization: req.headers.authorization,
      service: protocol.service,
    })
    const input = parseInput(body)
    send(
      res,
      200,
      protocol.service === 'ssm'
        ? runSsmOperation({ parameters, access, accessKeyId }, named, input)
        : runOperation({ store, access, accessKeyId, rotationDelayMs }, named, input),
    )
  }

  const server = createServer((req, res) => {
    // Every failure becomes an answer in the AWS error shape: no request can stop the server.
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ClientGone || res.headersSent || res.destroyed) return
      const ssm = String(req.headers['x-amz-target'] ?? '').startsWith('AmazonSSM.')
      const aws =
        error instanceof AwsError ? error : new AwsError(ssm ? 'InternalServerError' : 'InternalServiceError', 'An error occurred on the server side.')
      try {
        sendError(res, aws, req.url?.startsWith('/_hush/') ? 'application/json' : JSON_TYPE)
      } catch {
        req.socket.destroy()
      }
    })
  })
  // Keep-alive sockets would hold close() open; the SDK reconnects as needed.
  server.keepAliveTimeout = 1000

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)))
    server.listen(port, host, () => resolve())
  })
  // A failing socket must not become an uncaught 'error' event.
  server.on('error', () => {})
  const bound = (server.address() as AddressInfo).port
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    store,
    parameters,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { requests: {}, total: 0, faulted: {} }
    },
    setFaults: (faults) => {
      injector.faults = validateFaults(faults, OPERATION_NAMES)
    },
    close: () =>
      new Promise<void>((resolve) => {
        // A rotation still waiting for its timer is finished now, not left half-done (AWSPENDING).
        store.finishRotations()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
