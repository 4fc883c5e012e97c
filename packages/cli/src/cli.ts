import { cac } from 'cac'
import pkg from '../package.json' with { type: 'json' }
import { EXIT, UsageError } from './exit-codes.js'
import { type InitCommandOptions, STORES } from './commands/init-options.js'
import type { RunCommandOptions } from './commands/run-options.js'
import { DOCTOR_FORMATS, type DoctorCommandOptions } from './commands/doctor-options.js'
import type { ExplainCommandOptions } from './commands/explain-options.js'
import { INVENTORY_FORMATS, type InventoryCommandOptions } from './commands/inventory-options.js'
import { FORMATS, type ScanCommandOptions } from './commands/scan-options.js'
import type { DevStoreCommandOptions } from './commands/dev-store.js'
import { DRILLS, type DrillCommandOptions, type DrillKind } from './commands/drill-options.js'
import type { IamPolicyCommandOptions } from './commands/iam-policy.js'
import type { RotateCommandOptions } from './commands/rotate.js'
import type { TurboCommandOptions } from './commands/turbo-options.js'

/** Where `hush init --store local` writes the values (store/local.ts says the same; not imported, so --help loads nothing). */
const DEFAULT_SEED_FILE = '.hush/local-store.seed.json'

/**
 * Runs `hush` with `argv` (the arguments after the program name) and returns the exit code.
 * The parser and the help live here; each command's code is imported only when it runs, so
 * `hush --version` and `hush --help` load nothing else.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const cli = cac('hush')
  let code: number = EXIT.ok

  cli
    .command('scan [...paths]', 'Find hardcoded secrets in files, or in the changes staged for commit')
    .option('--staged', 'Scan what the next commit holds (the staged blobs), not the working tree')
    .option('--format <format>', `Output format: ${FORMATS.join(', ')}`, { default: 'text' })
    .option('--known-values', "Also find the values the config's stores hold now (when they answer)")
    .example('  hush scan                        # the project under the current directory')
    .example('  hush scan src config/app.yml     # some folders and files')
    .example('  hush scan --staged               # in a pre-commit hook')
    .example('  hush scan --format sarif > hush.sarif   # in CI, for GitHub code scanning')
    .action(async (paths: string[], options: ScanCommandOptions) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`, 'scan')
      const { scanCommand } = await import('./commands/scan.js')
      code = await scanCommand(paths, options)
    })

  cli
    .command('init', 'Move the secret values out of .env into a store, and write hush.config.json (a dry run unless --write)')
    .option('--store <store>', `Where the values go: ${STORES.join(', ')}`, { default: 'local' })
    .option('--prefix <prefix>', 'Prepended to each name in the store', { default: 'dev/app/' })
    .option('--write', 'Apply the plan (store first, read back, then .env)')
    .option('--json', 'Print the plan as JSON (names and files, no values)')
    .example('  hush init                                 # the plan, nothing changed')
    .example('  hush init --store local --write           # values into a local-store seed')
    .example('  hush init --store aws-sm --prefix dev/app/ --write')
    .action(async (options: InitCommandOptions) => {
      if (!(STORES as readonly string[]).includes(options.store)) throw new UsageError(`--store must be one of ${STORES.join(', ')}`, 'init')
      const { initCommand } = await import('./commands/init.js')
      code = await initCommand(options)
    })

  cli
    .command('doctor', 'Check the config and every secret of an environment: resolves, age against rotation, expiry, owner, public exposure, turbo.json')
    .alias('check')
    .option('--env <environment>', 'The environment to check (default: HUSH_ENV, else NODE_ENV, else development)')
    .option('--warn <duration>', 'Warn about expiry this long ahead', { default: '30d' })
    .option('--json', 'Same as --format json')
    .option('--format <format>', `Output format: ${DOCTOR_FORMATS.join(', ')}`, { default: 'text' })
    .example('  hush doctor --env production')
    .example('  hush check --format sarif > doctor.sarif   # in CI')
    .action(async (options: DoctorCommandOptions) => {
      if (!(DOCTOR_FORMATS as readonly string[]).includes(options.format))
        throw new UsageError(`--format must be one of ${DOCTOR_FORMATS.join(', ')}`, 'doctor')
      const { doctorCommand } = await import('./commands/doctor.js')
      code = await doctorCommand(options)
    })

  cli
    .command('turbo', "Wire the configs' secrets into turbo.json: public values in each app task's env, secrets in passThroughEnv (a diff unless --write)")
    .option('--write', 'Make the changes in turbo.json (keeps its other keys, their order and its comments)')
    .option('--json', 'Print the plan as JSON (names only)')
    .example('  hush turbo            # the diff; exit 1 when turbo.json needs changes (for CI)')
    .example('  hush turbo --write')
    .action(async (options: TurboCommandOptions) => {
      const { turboCommand } = await import('./commands/turbo.js')
      code = await turboCommand(options)
    })

  cli
    .command('inventory', 'List every secret with owner, purpose, source per environment, rotation and expiry (no values)')
    .option('--env <environment>', 'The environment whose stores give the rotation dates')
    .option('--format <format>', `Output format: ${INVENTORY_FORMATS.join(', ')}`, { default: 'table' })
    .option('--check [file]', 'Exit 1 when the committed markdown (default SECRETS.md beside hush.config) is out of date')
    .example('  hush inventory --format markdown > SECRETS.md')
    .example('  hush inventory --check            # in CI')
    .action(async (options: InventoryCommandOptions) => {
      if (!(INVENTORY_FORMATS as readonly string[]).includes(options.format))
        throw new UsageError(`--format must be one of ${INVENTORY_FORMATS.join(', ')}`, 'inventory')
      const { inventoryCommand } = await import('./commands/inventory.js')
      code = await inventoryCommand(options)
    })

  cli
    .command('explain <name>', 'What a secret is for, who owns it, where it comes from, how fresh it is and which code reads it (never its value)')
    .option('--env <environment>', 'The environment whose store is asked for the dates')
    .option('--json', 'Print it as JSON')
    .example('  hush explain DATABASE_URL')
    .action(async (name: string, options: ExplainCommandOptions) => {
      const { explainCommand } = await import('./commands/explain.js')
      code = await explainCommand(name, options)
    })

  cli
    .command('rotate <name>', 'Rotate one secret in its store and report the old and new version ids (never the values)')
    .option('--env <environment>', 'The environment whose reference to rotate (default: HUSH_ENV, else NODE_ENV, else development)')
    .option('--wait', 'Wait until the store serves the new version (else return once the rotation has started)')
    .option('--json', 'Print the result as one JSON line')
    .example('  hush rotate DB_PASSWORD --env production --wait')
    .action(async (name: string, options: RotateCommandOptions) => {
      const { rotateCommand } = await import('./commands/rotate.js')
      code = await rotateCommand(name, options)
    })

  cli
    .command('iam-policy', "Print the least-privilege IAM policy for the environment's aws-sm:// and aws-ssm:// references")
    .option('--env <environment>', 'The environment whose references to grant (default: HUSH_ENV, else NODE_ENV, else development)')
    .example('  AWS_ACCOUNT_ID=123456789012 AWS_REGION=eu-west-1 hush iam-policy --env production > policy.json')
    .action(async (options: IamPolicyCommandOptions) => {
      const { iamPolicyCommand } = await import('./commands/iam-policy.js')
      code = await iamPolicyCommand(options)
    })

  cli
    .command('dev-store', 'Run @hush/local-store (a local Secrets Manager and Parameter Store) and print the variables that point an app at it')
    .option('--seed <file>', `The secrets to start with (default: ${DEFAULT_SEED_FILE} when present)`)
    .option('--port <port>', 'The port to listen on (0 picks a free one)', { default: 4566 })
    .example('  hush dev-store --seed local-store.seed.yaml')
    .action(async (options: DevStoreCommandOptions) => {
      const port = Number(options.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535', 'dev-store')
      const { devStoreCommand } = await import('./commands/dev-store.js')
      code = await devStoreCommand(options)
    })

  cli
    .command(
      'drill <kind> [...command]',
      `Run the app against a local store that rotates a secret, goes down, throttles or slows down (${DRILLS.join(', ')}), and report what its clients saw (PASS/FAIL)`,
    )
    .option(
      '--url <url>',
      'The URL to probe (default: http://127.0.0.1:$PORT/, with a free PORT given to the app); alone, an app already running against hush dev-store',
    )
    .option('--health <command>', "Probe by running this shell command (exit 0: healthy; it gets the app's PORT) instead of GET --url")
    .option('--seed <file>', `The store's secrets (default: ${DEFAULT_SEED_FILE} when present)`)
    .option('--secret <name>', 'rotation: the secret to rotate, by config name or store name (default: the one with rotation on)')
    .option('--duration <time>', 'How long the fault lasts, or how long to wait for the new value', { default: '10s' })
    .option('--env <environment>', 'The environment --secret is looked up in')
    .option('--json', 'Print the report as one JSON line')
    .example('  hush drill rotation -- node dist/main.js')
    .example('  hush drill outage --duration 5s -- node dist/main.js')
    .example('  hush drill latency --url http://127.0.0.1:3000/health   # an app running against hush dev-store')
    .action(async (kind: string, command: string[], options: DrillCommandOptions) => {
      if (!(DRILLS as readonly string[]).includes(kind))
        throw new UsageError(`the drill must be one of ${DRILLS.join(', ')}, not ${JSON.stringify(kind)}`, 'drill')
      const { drillCommand } = await import('./commands/drill.js')
      code = await drillCommand(kind as DrillKind, { ...options, '--': [...command, ...(options['--'] ?? [])] })
    })

  cli
    .command('run [...command]', 'Run a command with the secrets in its environment, their values masked in its output')
    .option('--env <environment>', 'The environment whose secrets to read (default: HUSH_ENV, else NODE_ENV, else development)')
    .option('--only <names>', 'Only these secrets, comma-separated')
    .option('--no-mask', 'Pass the output through as it is (the values are still only in the environment)')
    .option('--quiet', 'No status lines (warnings and errors still show)')
    .example('  hush run -- node server.js')
    .example('  hush run --env production --only DB_URL -- npm run migrate')
    .example('  hush run --quiet -- ./deploy.sh | tee deploy.log')
    .action(async (command: string[], options: RunCommandOptions) => {
      // After `--` nothing is read as hush's own option: `hush run -- node -v`.
      const argv = options['--']?.length ? [...command, ...options['--']] : command
      const { runCommand } = await import('./commands/run.js')
      code = await runCommand(argv, options)
    })

  cli.example('  hush init --store local --write')
  cli.example('  hush run -- node server.js')
  cli.example('  hush scan --staged')
  cli.example('  hush scan --format sarif > hush.sarif')
  cli.option('-v, --version', 'Print the version')
  // cac shows a `--no-` flag's implied default ("(default: true)"), which reads as if the flag were on.
  cli.help((sections) => sections.map((section) => ({ ...section, body: section.body.replace(/(--no-[\w-]+ .*?) \(default: true\)/g, '$1') })))

  try {
    const parsed = cli.parse(['node', 'hush', ...argv], { run: false })
    if (parsed.options.help) return EXIT.ok
    // Just the number, for scripts (cac's own adds the platform and Node version).
    if (parsed.options.version) {
      process.stdout.write(`${pkg.version}\n`)
      return EXIT.ok
    }
    if (!cli.matchedCommand) {
      if (cli.args.length) throw new UsageError(`unknown command "${cli.args[0]}"`)
      const unknown = Object.keys(parsed.options).find((k) => k !== '--' && k !== 'v')
      if (unknown) throw new UsageError(`unknown option ${flag(unknown)}`)
      cli.outputHelp()
      return EXIT.ok
    }
    await cli.runMatchedCommand()
    return code
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'CACError')) {
      const command = error instanceof UsageError ? error.command : cli.matchedCommandName
      const message = error.message.replace(/`(-[^`]+)`/g, '$1').replace(/^Unknown/, 'unknown')
      process.stderr.write(`hush: ${message}. Run "hush ${command ? `${command} ` : ''}--help" for usage.\n`)
      return EXIT.usage
    }
    throw error
  }
}

const flag = (name: string) => (name.length > 1 ? `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : `-${name}`)
