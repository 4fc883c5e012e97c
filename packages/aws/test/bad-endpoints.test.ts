import { execFile } from 'node:child_process'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createHush, HushError } from '@hush/core'
import { expectNoValue } from '@hush/test-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { awsParameterStore, awsSecretsManager } from '../src/index.js'

// Endpoints that answer HTTP but are not Parameter Store: a proxy, a wrong port, a broken mock.
const servers: Server[] = []
const drips = new Set<ServerResponse>()
afterEach(async () => {
  for (const res of drips) res.destroy()
  drips.clear()
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

async function serve(answer: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => answer(res))
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const json = (body: object) => (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
  res.end(JSON.stringify(body))
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
const provider = (endpoint: string) => awsParameterStore({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 })

describe('awsParameterStore against an endpoint that is not Parameter Store', () => {
  it.each([
    ['a number', 'aws-ssm:///app/db-password', { Parameters: [{ Name: '/app/db-password', Value: 48213, Version: 1 }], InvalidParameters: [] }],
    ['no Value', 'aws-ssm:///app/db-password', { Parameters: [{ Name: '/app/db-password', Version: 1 }], InvalidParameters: [] }],
    ['a number under a path', 'aws-ssm:///app/*#db-password', { Parameters: [{ Name: '/app/db-password', Value: 48213, Version: 1 }] }],
  ])('a parameter answered with %s is HUSH_STORE_UNAVAILABLE naming the endpoint, not a TypeError', async (_, from, body) => {
    const url = await serve(json(body))
    const hush = createHush({ config: { secrets: { DB_PASSWORD: { from } } }, providers: [provider(url)], retry: { retries: 0 } })
    const error = await hush.get('DB_PASSWORD').catch((e: unknown) => e)
    await hush.close()
    expect(error).toBeInstanceOf(HushError)
    expect((error as HushError).code).toBe('HUSH_STORE_UNAVAILABLE')
    expect((error as HushError).message).toContain(`the store at ${url} answered`)
    expect((error as HushError).message).toContain('"/app/db-password" whose Value is not text')
  })
})

describe('awsParameterStore against an answer that lists nothing it was asked for', () => {
  it.each([
    ['an empty object', {}],
    ['Parameters that is not a list', { Parameters: 'nope' }],
    ['lists that leave the name out', { Parameters: [], InvalidParameters: ['/app/other'] }],
  ])('%s is HUSH_STORE_UNAVAILABLE, not "create it"', async (_, body) => {
    const url = await serve(json(body))
    const hush = createHush({ config: { secrets: { DB_PASSWORD: { from: 'aws-ssm:///app/db-password' } } }, providers: [provider(url)], retry: { retries: 0 } })
    const error = await hush.get('DB_PASSWORD').catch((e: unknown) => e)
    await hush.close()
    expect((error as HushError).code).toBe('HUSH_STORE_UNAVAILABLE')
    expect((error as HushError).message).toContain('neither as found nor as invalid')
  })

  it('a name AWS lists as invalid is still HUSH_NOT_FOUND', async () => {
    const url = await serve(json({ Parameters: [], InvalidParameters: ['/app/db-password'] }))
    const hush = createHush({ config: { secrets: { DB_PASSWORD: { from: 'aws-ssm:///app/db-password' } } }, providers: [provider(url)], retry: { retries: 0 } })
    const error = await hush.get('DB_PASSWORD').catch((e: unknown) => e)
    await hush.close()
    expect((error as HushError).code).toBe('HUSH_NOT_FOUND')
  })
})

describe('closing hush while a store trickles bytes and never finishes an answer', () => {
  it.each([
    ['aws-ssm', 'awsParameterStore', 'aws-ssm:///app/db-password'],
    ['aws-sm', 'awsSecretsManager', 'aws-sm://app/db'],
  ])(
    '%s: the process exits after close()',
    async (_, factory, reference) => {
      // Headers, then a space every 100 ms: the socket is never idle, so no SDK timeout fires.
      const url = await serve((res) => {
        drips.add(res)
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
        const timer = setInterval(() => res.write(' '), 100)
        res.on('close', () => clearInterval(timer))
      })
      const app = [
        "import { createHush } from '@hush/core'",
        `import { ${factory} } from '@hush/aws'`,
        `const provider = ${factory}({ region: 'us-east-1', endpoint: '${url}', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } })`,
        `const hush = createHush({ sources: { DB_PASSWORD: '${reference}' }, providers: [provider], timeout: '300ms', startupTimeout: '1s' })`,
        'await hush.load().catch((e) => console.log(e.code))',
        'await hush.close()',
      ].join('\n')
      const cwd = join(dirname(fileURLToPath(import.meta.url)), '..')
      // The run is ended from outside only if it hangs; an app that exits by itself never meets the bound.
      const r = await new Promise<{ killed: boolean; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--input-type=module', '-e', app],
          { cwd, timeout: 20_000, encoding: 'utf8', env: { PATH: process.env.PATH!, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
          (error, stdout, stderr) => resolve({ killed: error?.killed ?? false, stdout, stderr }),
        )
      })
      expectNoValue(r.stdout + r.stderr, 'db-password-never-served')
      expect(r.stderr).toBe('')
      expect(r.stdout.trim()).toBe('HUSH_STORE_UNAVAILABLE')
      expect(r.killed).toBe(false)
    },
    30_000,
  )

  it('twenty calls in flight at once print no listener warning', async () => {
    const url = await serve((res) => {
      drips.add(res)
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
      const timer = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(timer))
    })
    const sources = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`S${i}`, `aws-sm://app/s${i}`]))
    const app = [
      "import { createHush } from '@hush/core'",
      "import { awsSecretsManager } from '@hush/aws'",
      `const provider = awsSecretsManager({ region: 'us-east-1', endpoint: '${url}', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, batch: false })`,
      `const hush = createHush({ sources: ${JSON.stringify(sources)}, providers: [provider], timeout: '500ms', startupTimeout: '2s' })`,
      `await Promise.allSettled(${JSON.stringify(Object.keys(sources))}.map((n) => hush.get(n)))`,
      'await hush.close()',
    ].join('\n')
    const cwd = join(dirname(fileURLToPath(import.meta.url)), '..')
    const r = await new Promise<{ stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', app],
        { cwd, timeout: 20_000, encoding: 'utf8', env: { PATH: process.env.PATH!, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
        (_error, _stdout, stderr) => resolve({ stderr }),
      )
    })
    expect(r.stderr).not.toContain('MaxListenersExceededWarning')
    expect(r.stderr).toBe('')
  }, 30_000)
})

describe('a call hush gave up on is aborted, not left open', () => {
  it.each([
    ['aws-ssm', (url: string) => provider(url), 'aws-ssm:///app/db-password'],
    ['aws-sm', (url: string) => awsSecretsManager({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 }), 'aws-sm://app/db'],
  ])('%s: the socket of a timed-out read closes while hush stays open', async (_, make, from) => {
    let closed = 0
    const url = await serve((res) => {
      drips.add(res)
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
      const timer = setInterval(() => res.write(' '), 100)
      res.on('close', () => {
        clearInterval(timer)
        closed++
      })
    })
    const hush = createHush({ config: { secrets: { DB_PASSWORD: { from } } }, providers: [make(url)], timeout: '300ms', retry: { retries: 0 } })
    const error = await hush.get('DB_PASSWORD').catch((e: unknown) => e)
    expect((error as HushError).code).toBe('HUSH_STORE_UNAVAILABLE')
    await expect.poll(() => closed, { timeout: 5000 }).toBeGreaterThan(0)
    await hush.close()
  })
})
