#!/usr/bin/env node
// hush-local-store: run the local Secrets Manager from a terminal or a script.
import { parseArgs } from 'node:util'
import { startLocalStore } from './server.js'

const help = `Usage: hush-local-store [options]

Runs a local server that speaks the AWS Secrets Manager protocol.

Options:
  --port <n>          port to listen on (default 4566; 0 picks a free one)
  --host <addr>       address to listen on (default 127.0.0.1)
  --seed <file>       JSON or YAML seed file with secrets, access rules and faults
  --state <file>      keep secrets (values included) in this file across restarts
  --latency <ms>      add latency to every request
  --quiet             print only the endpoint URL
  -h, --help          show this help

Point the AWS SDK or CLI at it:
  AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:4566 AWS_REGION=us-east-1
Control: GET /_hush/stats, POST /_hush/faults {"outage": true}, POST /_hush/reset-stats`

let args
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      latency: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values
} catch (error) {
  console.error(`hush-local-store: ${(error as Error).message}\n\n${help}`)
  process.exit(2)
}
if (args.help) {
  console.log(help)
  process.exit(0)
}

try {
  const store = await startLocalStore({
    port: args.port === undefined ? 4566 : Number(args.port),
    ...(args.host ? { host: args.host } : {}),
    ...(args.seed ? { seed: args.seed } : {}),
    ...(args.state ? { stateFile: args.state } : {}),
    ...(args.latency ? { faults: { latencyMs: Number(args.latency) } } : {}),
  })
  if (args.quiet) console.log(store.url)
  else console.log(`hush-local-store listening on ${store.url} (${store.store.secrets.size} secrets, region ${store.store.region})`)
  const stop = () => void store.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  console.error(`hush-local-store: ${(error as Error).message}`)
  process.exit(1)
}
