import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type AccessRule, accessKeyOf } from './access.js'
import { AwsError } from './errors.js'
import { FaultInjector, type Faults } from './faults.js'
import { runOperation } from './operations.js'
import { applySeed, loadState, readSeed, saveState, type Seed } from './seed.js'
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
  /** Which credentials may read which secrets; everyone may do everything when absent. */
  access?: AccessRule[]
  /** Region in ARNs. @default seed.region, else 'us-east-1' */
  region?: string
  /** Account id in ARNs. @default seed.accountId, else '123456789012' */
  accountId?: string
  /** How long a rotation takes to finish, as a Lambda would. @default 50 */
  rotationDelayMs?: number
  /** Keep the secrets, values included, in this file across restarts. Off unless given. */
  stateFile?: string
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
  /** The endpoint to give `SecretsManagerClient({ endpoint })`. */
  url: string
  port: number
  store: SecretStore
  stats(): Stats
  resetStats(): void
  setFaults(faults: Faults): void
  close(): Promise<void>
}

const JSON_TYPE = 'application/x-amz-json-1.1'

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown, type = JSON_TYPE): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': crypto.randomUUID() })
  res.end(text)
}

const sendError = (res: ServerResponse, error: AwsError) => send(res, error.status, { __type: error.type, message: error.message })

/** Starts a server that speaks the Secrets Manager JSON 1.1 protocol on 127.0.0.1. */
export async function startLocalStore(options: LocalStoreOptions = {}): Promise<LocalStore> {
  const seed: Seed = typeof options.seed === 'string' ? readSeed(options.seed) : (options.seed ?? {})
  const store = new SecretStore(options.region ?? seed.region ?? 'us-east-1', options.accountId ?? seed.accountId ?? '123456789012')
  const restored = options.stateFile ? loadState(store, options.stateFile) : false
  if (!restored) applySeed(store, seed)
  if (options.stateFile) {
    const file = options.stateFile
    store.onChange = () => saveState(store, file)
    saveState(store, file)
  }
  const injector = new FaultInjector(options.faults ?? seed.faults ?? {}, options.random)
  const access = options.access ?? seed.access
  const rotationDelayMs = options.rotationDelayMs ?? 50
  let stats: Stats = { requests: {}, total: 0, faulted: {} }

  const control = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/_hush/stats' && req.method === 'GET') return send(res, 200, stats, 'application/json')
    if (path === '/_hush/health') return send(res, 200, { ok: true, secrets: store.secrets.size }, 'application/json')
    if (path === '/_hush/reset-stats' && req.method === 'POST') {
      stats = { requests: {}, total: 0, faulted: {} }
      return send(res, 200, stats, 'application/json')
    }
    if (path === '/_hush/faults' && req.method === 'POST') {
      try {
        injector.faults = JSON.parse((await readBody(req)) || '{}') as Faults
      } catch {
        return send(res, 400, { message: 'The body must be JSON faults, for example {"outage": true}.' }, 'application/json')
      }
      return send(res, 200, injector.faults, 'application/json')
    }
    if (path === '/_hush/faults' && req.method === 'GET') return send(res, 200, injector.faults, 'application/json')
    return send(res, 404, { message: 'Unknown control path: use /_hush/stats, /_hush/faults, /_hush/reset-stats or /_hush/health.' }, 'application/json')
  }

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    if (path.startsWith('/_hush/')) return control(req, res, path)
    const target = String(req.headers['x-amz-target'] ?? '')
    const operation = target.startsWith('secretsmanager.') ? target.slice('secretsmanager.'.length) : ''
    stats.total++
    stats.requests[operation || '(none)'] = (stats.requests[operation || '(none)'] ?? 0) + 1
    const body = await readBody(req)
    const decision = injector.decide(operation)
    const latency = injector.latency(operation)
    if (latency > 0) await new Promise((r) => setTimeout(r, latency))
    if (decision.kind !== 'ok') stats.faulted[operation] = (stats.faulted[operation] ?? 0) + 1
    if (decision.kind === 'drop') return void req.socket.destroy()
    if (decision.kind === 'error') return sendError(res, decision.error)
    if (req.method !== 'POST' || !operation) {
      return sendError(res, new AwsError('UnknownOperationException', 'Send POST / with X-Amz-Target: secretsmanager.<Operation>, as the AWS SDK does.'))
    }
    let input: Record<string, unknown>
    try {
      input = body ? (JSON.parse(body) as Record<string, unknown>) : {}
    } catch {
      return sendError(res, new AwsError('SerializationException', 'The request body is not valid JSON.'))
    }
    try {
      send(res, 200, runOperation({ store, access, accessKeyId: accessKeyOf(req.headers.authorization), rotationDelayMs }, operation, input))
    } catch (error) {
      if (error instanceof AwsError) sendError(res, error)
      else sendError(res, new AwsError('InternalServiceError', 'An error occurred on the server side.'))
    }
  })
  // Keep-alive sockets would hold close() open; the SDK reconnects as needed.
  server.keepAliveTimeout = 1000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = options.host ?? '127.0.0.1'
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { requests: {}, total: 0, faulted: {} }
    },
    setFaults: (faults) => {
      injector.faults = faults
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
