import { dirname, resolve } from 'node:path'
import type { AuditConfig } from '../config/types.js'
import type { HushEventType } from '../events.js'
import { type AuditFacts, AuditLog } from './audit-log.js'
import { parseSize } from './size.js'

const DEFAULT_EVENTS: HushEventType[] = ['access', 'rotate', 'stale-served', 'leak-blocked', 'error']

/**
 * The audit log a config asks for, with the event types hush must pass to it (reads are
 * counted through `log.read`, not as events). The file is relative to the config file's
 * folder, so the same config logs to the same place from any working directory.
 */
export function openAuditLog(config: AuditConfig, configFile: string | undefined, facts: AuditFacts): { log: AuditLog; eventTypes: HushEventType[] } {
  const events = new Set<HushEventType>(config.events ?? DEFAULT_EVENTS)
  const file = resolve(configFile ? dirname(configFile) : process.cwd(), config.file)
  const log = new AuditLog({ file, events, maxSize: parseSize(config.maxSize ?? '10MB')!, keep: config.keep ?? 5, interval: 1000 }, facts)
  return { log, eventTypes: [...events].filter((t) => t !== 'access') }
}
