import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { parseReference } from '@hush/core'
import { schemeOf } from '@hush/core/reference'
import { type App, freePort, startApp } from '../drill/app.js'
import { shows } from '../drill/fingerprint.js'
import { type Check, commandCheck, httpCheck, Prober, waitForApp } from '../drill/probe.js'
import { countProbes, type DrillReport, formatReport } from '../drill/report.js'
import { pickSecret, rotate } from '../drill/rotation.js'
import { StoreControl } from '../drill/store-control.js'
import { EXIT, UsageError } from '../exit-codes.js'
import { openProject } from '../project/open.js'
import { signalExitCode } from '../run/signals.js'
import { seedFile, startStore, storeEnv } from '../store/local.js'
import { type DrillCommandOptions, type DrillKind, parseWindow } from './drill-options.js'

const warn = (line: string) => void process.stderr.write(`${line}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The fault each drill applies through the store's control endpoint for the window. */
const FAULTS: Record<Exclude<DrillKind, 'rotation'>, Record<string, unknown>> = {
  outage: { outage: true },
  throttling: { throttleRate: 1 },
  latency: { latencyMs: 2000 },
}
/** How long a rotation may take in the store (a real Lambda's would be far longer; the drill's own store takes 200 ms). */
const ROTATION_TIMEOUT_MS = 60_000
const STARTUP_MS = 60_000
const BASELINE_PROBES = 3
/** After the new value shows (or the fault ends), the drill watches this long for failures or a flip back. */
const SETTLE_MS = 1000
const RECOVERY_MS = 15_000

/**
 * `hush drill KIND`: runs the app against a local store (or probes one already running), rotates
 * a secret or breaks the store for a window, and reports what the app's clients saw.
 */
export async function drillCommand(kind: DrillKind, options: DrillCommandOptions): Promise<number> {
  const command = options['--'] ?? []
  const windowMs = parseWindow(options.duration)
  if (windowMs === undefined || windowMs <= 0)
    throw new UsageError(`--duration must be a time such as 10s, 500ms or 1m, not ${JSON.stringify(options.duration)}`, 'drill')
  if (!command.length && !options.url && !options.health)
    throw new UsageError("give the app's command after -- (hush drill rotation -- node server.js), or --url (or --health) of an app already running", 'drill')
  if (!command.length && options.seed) throw new UsageError('--seed is for the store the drill starts with the app: drop it with --url alone', 'drill')

  const cleanup: Array<() => unknown> = []
  const tidy = async () => {
    for (const step of cleanup.splice(0)) await step()
  }
  // Stopped halfway (Ctrl-C, a CI timeout): the app is stopped and a store left with a fault is cleared before hush exits.
  const onSignal = (signal: NodeJS.Signals) => void tidy().finally(() => process.exit(signalExitCode(signal)))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    let control: StoreControl
    let url: string
    let check: Check
    let what: string
    let app: App | undefined
    let region: string
    let local = false
    let seeded: string[] = []
    if (command.length) {
      const seed = seedFile(process.cwd(), options.seed, 'drill')
      let store
      try {
        store = await startStore({ port: 0, rotationDelayMs: 200, ...(seed ? { seed } : {}) })
      } catch (error) {
        warn(`hush: the local store did not start: ${(error as Error).message}`)
        return EXIT.usage
      }
      cleanup.push(() => store.close())
      control = new StoreControl(store.url)
      region = store.store.region
      local = true
      seeded = [...store.store.secrets.values()].filter((s) => s.rotation).map((s) => s.name)
      const port = await freePort()
      url = options.url ?? `http://127.0.0.1:${port}/`
      const appEnv = { ...storeEnv(store), PORT: String(port) }
      app = startApp(command, appEnv)
      cleanup.unshift(() => app!.stop())
      ;[check, what] = options.health ? [commandCheck(options.health, { ...process.env, ...appEnv }), `to ${options.health}`] : [httpCheck(url), `at ${url}`]
      if (!options.json)
        warn(
          `hush: drill ${kind}: local store on ${store.url}, the app ${options.health ? `checked by ${options.health}` : `on ${url}`}; waiting for it to answer…`,
        )
      const why = await waitForApp(check, what, STARTUP_MS, () => app!.gone())
      if (why) {
        warn(`hush: the app did not start: ${why}. Run the command by itself against hush dev-store to see why.`)
        return EXIT.found
      }
    } else {
      const endpoint = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? process.env.AWS_ENDPOINT_URL
      if (!endpoint)
        throw new UsageError(
          '--url without a command drills an app already running against a local store: set AWS_ENDPOINT_URL_SECRETS_MANAGER to that store (hush dev-store prints it)',
          'drill',
        )
      control = new StoreControl(endpoint)
      if (!(await control.isLocalStore()))
        throw new UsageError(`no local store answers at ${endpoint}: drills break only a local store (hush dev-store), never AWS`, 'drill')
      url = options.url ?? ''
      region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
      ;[check, what] = options.health ? [commandCheck(options.health, process.env), `to ${options.health}`] : [httpCheck(url), `at ${url}`]
      const why = await waitForApp(check, what, STARTUP_MS, () => undefined)
      if (why) {
        warn(`hush: the app is not there: ${why}.`)
        return EXIT.found
      }
    }

    const started = Date.now()
    const prober = new Prober(check, started)
    prober.start()
    cleanup.unshift(() => prober.stop())
    for (let i = 0; i < BASELINE_PROBES; i++) await prober.next()
    // What the report says was probed: the URL, or the health command.
    const report: DrillReport = { drill: kind, pass: false, url: options.health ? `\`${options.health}\`` : url, requests: countProbes([]), notes: [] }

    if (kind === 'rotation') {
      const sm = await import('@aws-sdk/client-secrets-manager')
      const client: SecretsManagerClient = new sm.SecretsManagerClient({
        endpoint: control.url,
        region,
        maxAttempts: 1,
        ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      })
      cleanup.push(() => client.destroy())
      const secret = await pickSecret(sm, client, await storeNameOf(options.secret, options.env), seeded)
      prober.phase = 'rotation'
      const r = await rotate(sm, client, secret, started, ROTATION_TIMEOUT_MS)
      const baseline = prober.probes.filter((p) => p.phase === 'before')
      if (!baseline.some((p) => shows(p.body, r.from))) {
        report.notes.push(
          "the app's answers show neither the version id nor a sha256 fingerprint of the value it uses, so the drill cannot tell when it takes the new one",
        )
      }
      const end = r.startedAt + windowMs
      let seen: number | undefined
      while (seen === undefined && Date.now() - started < end) {
        seen = prober.probes.find((p) => p.doneAt >= r.currentAt && p.ok && shows(p.body, r.to))?.doneAt
        if (seen === undefined) await prober.next()
      }
      prober.phase = 'after'
      await sleep(SETTLE_MS)
      await prober.stop()
      // An answer showing the old value after the new one was in use: a reader went back.
      const back = seen === undefined ? [] : prober.probes.filter((p) => p.doneAt > seen && p.ok && shows(p.body, r.from) && !shows(p.body, r.to))
      if (back.length) report.notes.push(`${back.length} answer${back.length === 1 ? '' : 's'} after the pickup showed the old value again`)
      report.rotation = {
        secret,
        ...(r.from.version ? { fromVersion: r.from.version } : {}),
        ...(r.to.version ? { toVersion: r.to.version } : {}),
        storeMs: r.currentAt - r.startedAt,
        ...(seen === undefined ? {} : { pickupMs: seen - r.currentAt }),
      }
      report.requests = countProbes(prober.probes)
      report.pass = report.requests.failed === 0 && seen !== undefined && !back.length
    } else {
      const before = await control.counts()
      const onAt = Date.now() - started
      await control.setFaults(FAULTS[kind])
      cleanup.unshift(() => control.setFaults({}).catch(() => {}))
      await sleep(windowMs)
      await control.setFaults({})
      const endedAt = Date.now() - started
      const after = await control.counts()
      let recovered: number | undefined
      while (recovered === undefined && Date.now() - started < endedAt + RECOVERY_MS) {
        const p = await prober.next()
        if (p.ok && p.at >= endedAt) recovered = p.doneAt - endedAt
      }
      await sleep(SETTLE_MS)
      await prober.stop()
      // A request in flight while the fault went on or off met the broken store too: it counts as during.
      for (const p of prober.probes) p.phase = p.doneAt < onAt ? 'before' : p.at > endedAt ? 'after' : 'fault'
      const during = prober.probes.filter((p) => p.phase === 'fault')
      report.requests = countProbes(prober.probes)
      // Latency is no fault to the store's counts (the call is answered, late): every call in the window was slowed.
      report.faulted = kind === 'latency' ? after.total - before.total : after.faulted - before.faulted
      if (kind === 'latency') report.slowestMs = Math.max(0, ...during.map((p) => p.doneAt - p.at))
      else report.staleServed = during.filter((p) => p.ok).length
      if (recovered === undefined) report.notes.push(`the app did not answer within ${RECOVERY_MS / 1000} s after the fault ended`)
      else report.recoveryMs = recovered
      report.pass = report.requests.failed === 0 && recovered !== undefined
    }
    if (app?.gone()) {
      report.notes.push(`the app stopped during the drill: ${app.gone()}`)
      report.pass = false
    }
    process.stdout.write(`${options.json ? JSON.stringify(report) : formatReport(report, windowMs)}\n`)
    return report.pass ? EXIT.ok : EXIT.found
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await tidy()
  }
}

/** `--secret` may name a secret of the config (its aws-sm:// reference says where it lives) or the store's own name for it. */
async function storeNameOf(secret: string | undefined, environment: string | undefined): Promise<string | undefined> {
  if (secret === undefined) return undefined
  let hush
  try {
    hush = await openProject(process.cwd(), environment)
  } catch {
    return secret
  }
  try {
    const reference = hush.names().includes(secret) ? hush.referenceOf(secret) : undefined
    if (reference === undefined) return secret
    if (schemeOf(reference) !== 'aws-sm')
      throw new UsageError(`${secret} comes from ${reference}: the drill rotates Secrets Manager secrets (aws-sm://) only`, 'drill')
    return parseReference(reference).path
  } finally {
    await hush.close()
  }
}
