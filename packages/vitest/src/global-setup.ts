import { isAbsolute, resolve } from 'node:path'
import { createHushForProject, installLogGuard, Redactor, resolveEnvironmentName } from '@hush/core'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import type { TestProject } from 'vitest/node'
import './context.js'
import { asEntry } from './entry.js'

// What the AWS SDK reads to reach the local store; the credentials are the store's dummies.
const AWS_KEYS = ['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_ENDPOINT_URL_SSM', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const

/**
 * vitest's global setup, in the main process: starts the local store from the seed, resolves
 * every secret of the manifest for the environment, and provides the values to the workers.
 * The teardown stops the store and gives the AWS variables back.
 */
async function setup(project: TestProject): Promise<() => Promise<void>> {
  const options = project.getProvidedContext().hushVitestOptions
  const root = project.config.root
  const before = Object.fromEntries(AWS_KEYS.map((k) => [k, process.env[k]]))
  let store: LocalStore | undefined
  let unguard: (() => void) | undefined
  const awsEnv: Record<string, string> = {}
  const teardown = async () => {
    unguard?.()
    for (const k of AWS_KEYS) {
      if (before[k] === undefined) delete process.env[k]
      else process.env[k] = before[k]
    }
    await store?.close()
  }
  try {
    if (options.seed) {
      store = await startLocalStore({ seed: isAbsolute(options.seed) ? options.seed : resolve(root, options.seed) })
      Object.assign(awsEnv, {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
        AWS_ENDPOINT_URL_SSM: store.url,
        AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
        AWS_ACCESS_KEY_ID: 'hush-local',
        AWS_SECRET_ACCESS_KEY: 'hush-local',
      })
      Object.assign(process.env, awsEnv)
    }
    // HUSH_ENV wins, as everywhere in hush; a test run otherwise means the `test` profile, not NODE_ENV's.
    const environment = options.environment ?? (process.env.HUSH_ENV ? resolveEnvironmentName(process.env) : 'test')
    const hush = await createHushForProject({ cwd: root, environment })
    try {
      const values = await hush.load()
      // The main process prints what the workers send (errors of hooks and of whole files,
      // unhandled errors): its own output is guarded too, for what the workers could not mask.
      const redactor = new Redactor()
      for (const [name, value] of Object.entries(values)) redactor.add(name, value)
      unguard = installLogGuard(redactor)
      project.provide('hush', { values, awsEnv, snapshots: options.snapshots, env: options.env })
    } finally {
      await hush.close()
    }
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}

export default asEntry(setup)
