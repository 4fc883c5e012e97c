/** How bad a problem is: errors fail CI (exit code 1), warnings and info do not. */
export type Severity = 'error' | 'warning' | 'info'
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']

/** What `hush doctor` checks; each problem names one. */
export const CHECKS = {
  config: 'The config loads and is valid',
  unresolved: 'The secret resolves in this environment',
  'optional-missing': 'An optional secret has no value in this environment',
  'rotation-overdue': 'The value is older than its rotation policy allows',
  'rotation-unknown': 'The store keeps no date to check the rotation policy against',
  'describe-failed': 'The store would not say when the value last changed',
  expired: 'The secret is past its expiry date',
  'expires-soon': 'The secret expires within the warning window',
  'no-owner': 'The secret names an owner',
  'no-purpose': 'The secret says why the app needs it',
  'public-secret-name': 'A public secret has a name that says it is secret',
  'public-secret-value': 'A public secret holds a value that looks secret',
  'other-environment': "The secret's source points into another environment's store",
  'turbo-public-not-hashed': "A public value the bundler inlines is missing from a turbo task's env",
  'turbo-secret-hashed': "A secret is in a turbo task's env (hashed into the cache key) instead of passThroughEnv",
  'turbo-strict-drops': "turbo's strict env mode drops a declared secret from a task",
} as const
export type CheckId = keyof typeof CHECKS

/** One problem: what is wrong (names, dates, counts, never a value) and the next step. */
export interface Problem {
  severity: Severity
  check: CheckId
  /** The secret it is about, when it is about one. */
  name?: string
  message: string
  next: string
  /** The file to look at (relative to the project), and the line when known. */
  file?: string
  line?: number
}
