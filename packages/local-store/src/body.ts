import type { IncomingMessage } from 'node:http'
import { AwsError } from './errors.js'

/**
 * The largest request body accepted. A secret value is at most 64 KB; JSON escaping can make
 * it up to 6 times longer on the wire (`\u0000`), plus names, tags and description.
 */
export const MAX_BODY_BYTES = 1024 * 1024

export const tooLarge = (limit: number) =>
  new AwsError(
    'RequestEntityTooLargeException',
    `The request body is larger than ${limit} bytes. Secrets Manager takes secret values of at most 65536 bytes; send smaller values.`,
    413,
  )

/** Thrown when the client went away before sending its whole body: there is no one to answer. */
export class ClientGone extends Error {}

/**
 * After refusing a body, read and drop up to this much more of it before cutting the connection:
 * a client still sending when the socket closes gets a reset and loses the 413 answer.
 */
const DRAIN_BYTES = 16 * 1024 * 1024

function refuse(req: IncomingMessage, limit: number, reject: (error: Error) => void): void {
  let dropped = 0
  req.removeAllListeners('data')
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length
    if (dropped > DRAIN_BYTES) req.socket.destroy()
  })
  reject(tooLarge(limit))
}

/**
 * Reads a request body of at most `limit` bytes. Refuses a larger one as soon as it is announced
 * (Content-Length) or received, and settles (never hangs) when the client disconnects.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    req.on('aborted', () => reject(new ClientGone()))
    req.on('error', () => reject(new ClientGone()))
    req.on('close', () => {
      if (!req.complete) reject(new ClientGone())
    })
    if (Number(req.headers['content-length'] ?? 0) > limit) return refuse(req, limit, reject)
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) return refuse(req, limit, reject)
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
  })
}
