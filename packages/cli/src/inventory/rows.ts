import type { Hush, HushConfig, SecretDescription } from '@hush/core'
import { describeAll, environmentsOf, lastRotatedOf, nextRotationOf, rotationOf, sourceIn } from '../project/secrets.js'

/** One secret as the inventory lists it: what the manifest says, and the store's rotation dates. */
export interface InventoryRow {
  name: string
  owner?: string
  purpose?: string
  description?: string
  /** The reference per environment; `undefined` where it has none. */
  sources: Record<string, string | undefined>
  rotation?: string
  lastRotated?: Date
  nextRotation?: Date
  expires?: string
  public: boolean
  required: boolean
}

/** Every declared secret, by name, with the dates the active environment's stores report. */
export async function inventoryRows(
  hush: Hush,
  config: HushConfig,
  warn: (line: string) => void,
  withDates = true,
): Promise<{ environments: string[]; rows: InventoryRow[] }> {
  const environments = environmentsOf(config, hush.environment)
  const names = Object.keys(config.secrets ?? {}).sort()
  const active = new Set(hush.names())
  const described = withDates
    ? await describeAll(
        hush,
        names.filter((n) => active.has(n)),
      )
    : new Map<string, SecretDescription | Error>()
  const failed = [...described].filter(([, d]) => d instanceof Error)
  if (failed.length)
    warn(`hush: the stores did not give the rotation dates of ${failed.map(([n]) => n).join(', ')}: ${(failed[0]![1] as Error).message.split('\n')[0]}`)
  const rows = names.map((name): InventoryRow => {
    const spec = config.secrets![name]!
    const d = described.get(name)
    const description = d instanceof Error ? undefined : d
    const last = lastRotatedOf(description)
    const next = nextRotationOf(spec, description)
    return {
      name,
      ...(spec.owner ? { owner: spec.owner } : {}),
      ...(spec.purpose ? { purpose: spec.purpose } : {}),
      ...(spec.description ? { description: spec.description } : {}),
      sources: Object.fromEntries(environments.map((env) => [env, sourceIn(name, spec, env)])),
      ...(rotationOf(spec) ? { rotation: rotationOf(spec)!.text } : {}),
      ...(last ? { lastRotated: last } : {}),
      ...(next ? { nextRotation: next } : {}),
      ...(spec.expires ? { expires: spec.expires } : {}),
      public: spec.public === true,
      required: spec.required !== false,
    }
  })
  return { environments, rows }
}
