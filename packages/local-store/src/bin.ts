#!/usr/bin/env node
// hush-local-store: run the local Secrets Manager from a terminal or a script.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startLocalStore } from './server.js'

const help = `Usage: hush-local-store [options]

Runs a local server that speaks the AWS Secrets Manager and Parameter Store (SSM) protocols.

Options:
  --port <n>          port to listen on (default 4566; 0 picks a free one)
  --host <addr>       address to listen on (default 127.0.0.1)
  --allow-host <name> also answer requests sent to this host name (repeatable), e.g. a compose service
  --seed <file>       JSON or YAML seed file with secrets, parameters, access rules and faults
  --state <file>      keep secrets (values included) in this file across restarts
  --region <name>     region in ARNs (default: the state file's, else the seed's, else us-east-1)
  --rotation-delay <ms>  how long RotateSecret takes to finish (default 50)
  --latency <ms>      add latency to every request
  --quiet             print only the endpoint URL
  -v, --version       print the version
  -h, --help          show this help

Point the AWS SDK or CLI at it (any credentials do, unless access rules say otherwise):
  AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:4566 AWS_ENDPOINT_URL_SSM=http://127.0.0.1:4566 \\
  AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local node app.js
Control (content-type: application/json): GET /_hush/stats, POST /_hush/faults {"outage": true}, POST /_hush/reset-stats`

function fail(message: string, code = 1): never {
  console.error(`hush-local-store: ${message}`)
  process.exit(code)
}

let args
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      seed: { type: 'string' },
      state: { type: 'string' },
      region: { type: 'string' },
      'rotation-delay': { type: 'string' },
      latency: { type: 'string' },
      quiet: { type: 'boolean' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values
} catch (error) {
  fail(`${(error as Error).message}\n\n${help}`, 2)
}
if (args.help) {
  console.log(help)
  process.exit(0)
}
if (args.version) {
  console.log((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version)
  process.exit(0)
}

const whole = (flag: string, value: string | undefined, fallback: number, max: number): number => {
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > max)
    fail(`--${flag} must be a whole number from 0 to ${max}, not ${JSON.stringify(value)}.`, 2)
  return n
}
const port = whole('port', args.port, 4566, 65535)
const latency = whole('latency', args.latency, 0, 60_000)
const rotationDelay = whole('rotation-delay', args['rotation-delay'], 50, 86_400_000)
if (args.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(args.region))
  fail(`--region must be an AWS region name such as us-east-1, not ${JSON.stringify(args.region)}.`, 2)

try {
  const store = await startLocalStore({
    port,
    ...(args.host ? { host: args.host } : {}),
    ...(args['allow-host'] ? { allowedHosts: args['allow-host'] } : {}),
    ...(args.seed ? { seed: args.seed } : {}),
    ...(args.state ? { stateFile: args.state } : {}),
    ...(args.region ? { region: args.region } : {}),
    rotationDelayMs: rotationDelay,
    ...(latency ? { faults: { latencyMs: latency } } : {}),
  })
  if (args.quiet) console.log(store.url)
  else
    console.log(
      `hush-local-store listening on ${store.url} (${store.store.secrets.size} secrets, ${store.parameters.parameters.size} parameters, region ${store.store.region})`,
    )
  const stop = () => void store.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  fail((error as Error).message)
}
