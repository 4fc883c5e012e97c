import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { AwsError } from './errors.js'

/** The parts of an HTTP request a SigV4 signature covers. */
export interface SignedRequest {
  method: string
  /** The request target as received: path and query, still percent-encoded. */
  url: string
  /** Header names and values as received (`IncomingMessage.rawHeaders`). */
  rawHeaders: string[]
  body: Buffer
  /** The service the credential must be scoped to: `secretsmanager`, or `ssm` for Parameter Store. @default 'secretsmanager' */
  service?: string
}

export interface Authorization {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
}

/** AWS allows this much clock skew between the signer and the service. */
const MAX_SKEW_MS = 15 * 60_000
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]+)$/

const incomplete = (message: string) => new AwsError('IncompleteSignatureException', message, 403)
const invalid = (message: string) => new AwsError('InvalidSignatureException', message, 403)

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()

/** Percent-encodes as SigV4 wants: everything but the RFC 3986 unreserved characters. */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** Reads an `Authorization: AWS4-HMAC-SHA256 ...` header; undefined when absent, an error when malformed. */
export function parseAuthorization(header: string | undefined): Authorization | undefined {
  if (header === undefined) return undefined
  const m = AUTH.exec(header.trim())
  if (!m)
    throw incomplete(
      'The Authorization header is not a complete AWS4-HMAC-SHA256 signature (Credential, SignedHeaders and Signature are required). Sign requests with an AWS SDK or CLI.',
    )
  const [, accessKeyId, date, region, service, signedHeaders, signature] = m as unknown as string[]
  return { accessKeyId: accessKeyId!, date: date!, region: region!, service: service!, signedHeaders: signedHeaders!.split(';'), signature: signature! }
}

function headerValues(rawHeaders: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase()
    const list = out.get(name) ?? []
    list.push(rawHeaders[i + 1]!.trim().replace(/\s+/g, ' '))
    out.set(name, list)
  }
  return out
}

function canonicalPath(path: string): string {
  // Non-S3 services normalize the path and encode each segment once more, as the SDK does.
  const segments: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  const normalized = `/${segments.join('/')}${segments.length && path.endsWith('/') ? '/' : ''}`
  return normalized.split('/').map(encode).join('/')
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    throw incomplete('The query string is not valid percent-encoding.')
  }
}

function canonicalQuery(query: string): string {
  const pairs: Array<[string, string]> = []
  for (const part of query.split('&')) {
    if (!part) continue
    const at = part.indexOf('=')
    const key = decode(at < 0 ? part : part.slice(0, at))
    const value = at < 0 ? '' : decode(part.slice(at + 1))
    if (key !== 'X-Amz-Signature') pairs.push([encode(key), encode(value)])
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  return pairs.map(([k, v]) => `${k}=${v}`).join('&')
}

/** `20240102T030405Z` as a time; NaN when it is not one. */
function amzTime(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
  return Date.parse(value)
}

/**
 * Recomputes the SigV4 signature of a request with the secret key of its access key id and
 * refuses a mismatch, a signature older or newer than 15 minutes, or a body other than the
 * one signed, with the error types AWS uses.
 */
export function verifySignature(request: SignedRequest, auth: Authorization, secretAccessKey: string, now = Date.now()): void {
  const headers = headerValues(request.rawHeaders)
  const first = (name: string) => headers.get(name)?.[0]
  const service = request.service ?? 'secretsmanager'
  if (auth.service !== service) throw invalid(`Credential should be scoped to the correct service: '${service}', not '${auth.service}'.`)
  if (!auth.signedHeaders.includes('host')) throw incomplete("The Host header must be signed: add 'host' to SignedHeaders.")
  const stamp = first('x-amz-date') ?? first('date')
  if (stamp === undefined) throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
  const signedAt = amzTime(stamp)
  if (Number.isNaN(signedAt)) throw incomplete(`The X-Amz-Date header is not a date in the form 20240102T030405Z.`)
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw invalid(
      `Signature expired or not yet valid: it was made at ${stamp}, more than 15 minutes from the server's time ${new Date(now).toISOString()}. Check the clock of the machine that signed it.`,
    )
  }
  const amzDate =
    first('x-amz-date') ??
    new Date(signedAt)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')
  if (amzDate.slice(0, 8) !== auth.date)
    throw invalid(`The date in the credential scope (${auth.date}) is not the date the request was signed (${amzDate.slice(0, 8)}).`)

  const bodyHash = sha256(request.body)
  const claimed = first('x-amz-content-sha256')
  if (claimed !== undefined && claimed !== bodyHash)
    throw invalid('The x-amz-content-sha256 header does not match the body received: the body was changed after it was signed.')

  const at = request.url.indexOf('?')
  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${(headers.get(name) ?? []).join(',')}\n`).join('')
  const canonicalRequest = [
    request.method,
    canonicalPath(at < 0 ? request.url : request.url.slice(0, at)),
    at < 0 ? '' : canonicalQuery(request.url.slice(at + 1)),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    bodyHash,
  ].join('\n')
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, auth.date), auth.region), auth.service), 'aws4_request')
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'))
  const given = Buffer.from(auth.signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalid('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.')
  }
}
