// Built entry `resolve-worker.mjs`, started by run-worker.ts. The thread that started it is
// blocked in `Atomics.wait` and cannot run async work, so the answer is posted on the port
// first and only then is `signal` raised to wake it.
import { workerData, type MessagePort } from 'node:worker_threads'
import { HushError } from '@hush/core'
import { resolveRequest, type ResolveRequest, type ResolveResponse } from './request.js'

const { request, port, signal } = workerData as { request: ResolveRequest; port: MessagePort; signal: Int32Array }

async function main(): Promise<ResolveResponse> {
  try {
    const { hush, values, kept } = await resolveRequest(request)
    await hush.close()
    return { ok: true, values, kept, environment: hush.environment }
  } catch (error) {
    const failure =
      error instanceof HushError
        ? error
        : new HushError('HUSH_STORE_UNAVAILABLE', {
            message: 'resolving secret references failed unexpectedly',
            fix: 'run with the async load() API to see the underlying error.',
          })
    return { ok: false, error: failure.toJSON() }
  }
}

const answer = await main()
port.postMessage(answer)
Atomics.store(signal, 0, 1)
Atomics.notify(signal, 0)
