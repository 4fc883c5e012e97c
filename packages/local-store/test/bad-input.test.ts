import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { http, read, type Running, secretValue, startBin } from './helpers.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const value = secretValue()
let server: Running

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hush-ls-input-'))
  writeFileSync(join(dir, 'seed.json'), JSON.stringify({ secrets: [{ name: 'app/key', value }] }))
  server = await startBin(['--seed', join(dir, 'seed.json')])
})

// The server must still be there, and still answer the real SDK, after every bad request.
afterEach(async () => {
  try {
    expect((await read(server.url, 'app/key')) === value).toBe(true)
    expect((await read(server.url, 'app/key')) === value).toBe(true)
    expect(server.child.exitCode).toBeNull()
    expect(server.stderr()).not.toContain(value)
  } finally {
    server.child.kill('SIGKILL')
  }
})

const sdkHeaders = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' }
const awsError = (body: string) => JSON.parse(body) as { __type: string; message: string }

/** Sends raw bytes and returns what came back before the server closed the connection. */
function raw(url: string, send: (socket: ReturnType<typeof connect>) => void): Promise<string> {
  const { port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1')
    let got = ''
    socket.on('data', (d) => (got += d.toString()))
    socket.on('error', () => {}) // the server may close while we are still writing: that is the point
    socket.on('close', () => resolve(got))
    socket.on('connect', () => send(socket))
  })
}

describe('no request can crash or hang the server', () => {
  it('answers POST /_hush/faults with a null body with 400 in the AWS error shape', async () => {
    const answer = await http(server.url, { path: '/_hush/faults', headers: { 'content-type': 'application/json' }, body: 'null' })
    expect(answer.status).toBe(400)
    expect(awsError(answer.body)).toMatchObject({ __type: 'InvalidParameterException', message: expect.stringMatching(/must be an object/) })
    for (const body of [
      '[]',
      '{"errorRate": 2}',
      '{"latencyMs": -1}',
      '{"outage": "yes"}',
      '{"nonsense": 1}',
      '{"operations": {"NoSuchOp": {}}}',
      '{"operations": null}',
      '{',
    ]) {
      const bad = await http(server.url, { path: '/_hush/faults', headers: { 'content-type': 'application/json' }, body })
      expect(bad.status).toBe(400)
      expect(awsError(bad.body).__type).toBe('InvalidParameterException')
    }
    expect(JSON.parse((await http(server.url, { method: 'GET', path: '/_hush/faults' })).body)).toEqual({})
  })

  it('refuses a control POST that a web page could send without a CORS preflight (form or text/plain)', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'outage=true'],
      ['text/plain', '{"outage": true}'],
      ['multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      const answer = await http(server.url, { path: '/_hush/faults', headers: { 'content-type': type }, body })
      expect(answer.status).toBe(415)
      expect(awsError(answer.body)).toMatchObject({ __type: 'UnsupportedMediaTypeException', message: expect.stringContaining('application/json') })
    }
    const accepted = await http(server.url, { path: '/_hush/faults', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"latencyMs": 1}' })
    expect(accepted.status).toBe(200)
  })

  it('survives clients that disconnect in the middle of a body', async () => {
    for (const path of ['/', '/_hush/faults']) {
      const got = await raw(server.url, (socket) => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Amz-Target: secretsmanager.GetSecretValue\r\nContent-Length: 1000\r\n\r\n{"SecretId": "app/`,
        )
        setImmediate(() => socket.destroy())
      })
      expect(got).toBe('')
    }
  })

  it('refuses a body over the limit with 413 in the AWS error shape, whether announced or streamed', async () => {
    const header = (length: string) =>
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: secretsmanager.PutSecretValue\r\n${length}\r\n\r\n`
    const chunk = Buffer.alloc(256 * 1024, 'a')
    // 600 MB announced: refused before it is read.
    const announced = await raw(server.url, (socket) => {
      socket.write(header('Content-Length: 629145600'))
      for (let i = 0; i < 8; i++) socket.write(chunk)
      socket.end()
    })
    // 2 MB streamed without a length.
    const streamed = await raw(server.url, (socket) => {
      socket.write(header('Transfer-Encoding: chunked'))
      for (let i = 0; i < 8; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`)
      socket.end('0\r\n\r\n')
    })
    for (const got of [announced, streamed]) {
      expect(got).toMatch(/^HTTP\/1\.1 413 /)
      const length = Number(/content-length: (\d+)/i.exec(got)?.[1])
      const start = got.indexOf('\r\n\r\n') + 4
      expect(awsError(got.slice(start, start + length))).toMatchObject({
        __type: 'RequestEntityTooLargeException',
        message: expect.stringMatching(/larger than \d+ bytes/),
      })
    }
    // A legitimate large request, a 64 KB value with JSON escaping, still goes through.
    const big = await http(server.url, {
      headers: { ...sdkHeaders, 'x-amz-target': 'secretsmanager.PutSecretValue' },
      body: JSON.stringify({ SecretId: 'app/big', SecretString: '"'.repeat(65_536) }),
    })
    expect(awsError(big.body).__type).toBe('ResourceNotFoundException')
  })

  it('refuses a Host header that is not this machine (DNS rebinding), with 403 in the AWS error shape', async () => {
    const { port } = new URL(server.url)
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`]) {
      const op = await http(server.url, { headers: { ...sdkHeaders, host }, body: JSON.stringify({ SecretId: 'app/key' }) })
      expect(op.status).toBe(403)
      expect(awsError(op.body)).toMatchObject({ __type: 'AccessDeniedException', message: expect.stringMatching(/Host header .*--allow-host/) })
      expect(op.body).not.toContain(value)
      const stats = await http(server.url, { method: 'GET', path: '/_hush/stats', headers: { host } })
      expect(stats.status).toBe(403)
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'LOCALHOST.']) {
      const ok = await http(server.url, { headers: { ...sdkHeaders, host }, body: JSON.stringify({ SecretId: 'app/key' }) })
      expect(ok.status).toBe(200)
    }
  })

  it('answers a JSON body that is not an object with SerializationException', async () => {
    for (const body of ['null', '[]', '"app/key"', '{']) {
      const answer = await http(server.url, { headers: sdkHeaders, body })
      expect(answer.status).toBe(400)
      expect(awsError(answer.body).__type).toBe('SerializationException')
    }
  })
})
