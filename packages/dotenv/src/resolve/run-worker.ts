import { existsSync } from 'node:fs'
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { HushError } from '@hush/core'
import { builtFile } from './built-file.js'
import type { Resolved, ResolveRequest, ResolveResponse } from './request.js'

function workerFile(): string {
  const file = builtFile('resolve-worker.mjs')
  if (!existsSync(file)) throw new Error(`@hush/dotenv is not built: ${file} is missing; run its build first.`)
  return file
}

function withoutPreloads(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '-r' || arg === '--require' || arg === '--import') i++
    else if (!/^(--require|--import|-r)=/.test(arg)) out.push(arg)
  }
  return out
}

/**
 * Resolves references synchronously, for `require()` and `node -r`, where top-level await
 * is not possible: a worker does the async work while this thread blocks on `Atomics.wait`,
 * then the answer is read off a message port.
 */
export function resolveInWorker(request: ResolveRequest, timeoutMs = Number(process.env.HUSH_SYNC_TIMEOUT_MS) || 60_000): Resolved {
  const signal = new Int32Array(new SharedArrayBuffer(4))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(workerFile(), {
    workerData: { request, port: port2, signal },
    transferList: [port2],
    // A worker inherits execArgv, so `node -r @hush/dotenv/config` would preload this very
    // module in the worker and block it; drop preloads, and mark the worker for the entries.
    execArgv: withoutPreloads(process.execArgv),
    env: { ...process.env, HUSH_DOTENV_WORKER: '1' },
  })
  try {
    const state = Atomics.wait(signal, 0, 0, timeoutMs)
    const message = receiveMessageOnPort(port1)?.message as ResolveResponse | undefined
    if (!message) {
      throw new HushError('HUSH_STORE_UNAVAILABLE', {
        message:
          state === 'timed-out'
            ? `resolving secret references took longer than ${timeoutMs} ms`
            : 'the worker resolving secret references stopped without an answer',
        fix: 'check that the stores are reachable, or raise HUSH_SYNC_TIMEOUT_MS.',
      })
    }
    if (!message.ok) throw HushError.revive(message.error as Parameters<typeof HushError.revive>[0])
    return { values: message.values, kept: message.kept }
  } finally {
    port1.close()
    void worker.terminate()
  }
}
