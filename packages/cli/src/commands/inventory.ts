import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { createHushForProject, loadConfig } from '@hush/core'
import { EXIT } from '../exit-codes.js'
import { differences, formatJson, formatMarkdown, formatTable } from '../inventory/format.js'
import { inventoryRows } from '../inventory/rows.js'
import type { InventoryCommandOptions } from './inventory-options.js'

const warn = (line: string) => void process.stderr.write(`${line}\n`)

/** `hush inventory`: every declared secret with owner, purpose, sources, rotation and expiry; `--check` compares SECRETS.md. */
export async function inventoryCommand(options: InventoryCommandOptions): Promise<number> {
  const cwd = process.cwd()
  let loaded
  try {
    loaded = await loadConfig({ cwd })
  } catch (error) {
    warn(`hush: the config does not load: ${(error as Error).message}`)
    return EXIT.usage
  }
  if (!loaded) {
    warn('hush: no hush.config found here or above: run hush init to write one, or cd into the project.')
    return EXIT.usage
  }
  const hush = await createHushForProject({ cwd, ...(options.env ? { environment: options.env } : {}) })
  try {
    const check = options.check !== undefined && options.check !== false
    // --check compares what the manifest says, not the stores' dates: it runs in CI without store credentials.
    const { environments, rows } = await inventoryRows(hush, loaded.config, warn, !check)
    if (check) {
      const file = typeof options.check === 'string' ? resolve(cwd, options.check) : join(dirname(loaded.file), 'SECRETS.md')
      const shown = relative(cwd, file) || file
      let committed: string
      try {
        committed = readFileSync(file, 'utf8')
      } catch {
        warn(`hush: ${shown} does not exist: write it with hush inventory --format markdown > ${shown}`)
        return EXIT.found
      }
      const diff = differences(committed, formatMarkdown(hush.environment, environments, rows))
      if (!diff.length) {
        warn(`hush: ${shown} is up to date (${rows.length} secrets)`)
        return EXIT.ok
      }
      warn(`hush: ${shown} is out of date:`)
      for (const d of diff) warn(`  ${d}`)
      warn(`write it again with hush inventory --format markdown > ${shown}`)
      return EXIT.found
    }
    if (options.format === 'json') process.stdout.write(formatJson(hush.environment, environments, rows))
    else if (options.format === 'markdown') process.stdout.write(formatMarkdown(hush.environment, environments, rows))
    else process.stdout.write(formatTable(environments, rows))
    return EXIT.ok
  } finally {
    await hush.close()
  }
}
