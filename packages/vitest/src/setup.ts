import { installLogGuard, Redactor } from '@hush/core'
import { afterAll, beforeEach, chai, expect, inject } from 'vitest'
import { guardConsole } from './console.js'
import './context.js'
import { redactErrors, redactSuite } from './errors.js'
import { toContainSecret } from './matcher.js'
import { guardFileSnapshots, snapshotSerializer } from './snapshots.js'

// Runs in every worker before the test files: the values arrive from the global setup.
const provided = inject('hush')
const redactor = new Redactor()
for (const [name, value] of Object.entries(provided.values)) redactor.add(name, value)

Object.assign(process.env, provided.awsEnv)
if (provided.env) for (const [name, value] of Object.entries(provided.values)) process.env[name] ??= value

// vitest's console writes to streams of its own, not to process.stdout: both are guarded.
guardConsole(console, redactor)
installLogGuard(redactor)

expect.addSnapshotSerializer(snapshotSerializer(redactor, provided.snapshots))
guardFileSnapshots(chai, redactor, provided.snapshots)
expect.extend({ toContainSecret: toContainSecret(redactor) })

// A failed assertion's message and diff are built in the worker and printed by the main process.
beforeEach(({ onTestFailed }) => onTestFailed(({ task }) => redactErrors(task.result?.errors, redactor)))
// A failed beforeAll (or a describe block's) leaves its error on the suite: this hook of the file
// runs last, after every suite of the file finished.
// vitest reads the first parameter for fixtures and refuses anything but a destructuring pattern.
// eslint-disable-next-line no-empty-pattern
afterAll(({}, suite) => redactSuite(suite, redactor))
