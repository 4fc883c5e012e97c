// secretlint (its recommended preset) as a third contender. It scans text, not syntax, so it
// reads the very text the ESLint rules parse. Its JSON output carries masked values only, and
// the bench keeps nothing from it but rule ids and line numbers.
import { Worker } from 'node:worker_threads'

// A worker costs most of a second to start; its profiler's bookkeeping grows with the files it
// has seen. A few thousand files a worker keeps both small.
const BATCH = 3000

function runBatch(files) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./secretlint-worker.mjs', import.meta.url), { workerData: { cwd: import.meta.dirname, files } })
    worker.once('message', (found) => {
      resolve(found)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}

/** Findings for each `{ path, code }`: `{ file, line, rule: 'secretlint/<rule id>' }`. */
export async function secretlint(files) {
  const found = []
  for (let i = 0; i < files.length; i += BATCH) found.push(...(await runBatch(files.slice(i, i + BATCH))))
  return found
}
