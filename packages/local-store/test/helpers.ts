import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'

export const bin = fileURLToPath(new URL('../dist/bin.mjs', import.meta.url))

/** A random value no message, log or file may show. */
export const secretValue = (label = 'secret') => `${label}-${randomBytes(12).toString('hex')}`

export const client = (endpoint: string, credentials = { accessKeyId: 'local', secretAccessKey: 'local' }, extra: Record<string, unknown> = {}) =>
  new SecretsManagerClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1, ...extra })

export const read = async (endpoint: string, id: string) => (await client(endpoint).send(new GetSecretValueCommand({ SecretId: id }))).SecretString

export interface Running {
  url: string
  child: ChildProcessWithoutNullStreams
  stderr: () => string
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>
}

/** Runs the bin as a child process until it prints its URL (`--quiet`). */
export function startBin(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [bin, '--port', '0', '--quiet', ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve({ url: out.trim(), child, stderr: () => err, exited })
    })
    void exited.then((code) => reject(new Error(`hush-local-store exited (${code}) before printing its URL: ${err}`)))
  })
}

/** Runs the bin to its end; for the ways it refuses to start. */
export function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
}

export interface Answer {
  status: number
  body: string
}

/** One HTTP request with the headers given as they are (Host included), as a browser or attacker could send. */
export function http(url: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method: options.method ?? 'POST', path: options.path ?? '/', headers: options.headers ?? {} },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}
