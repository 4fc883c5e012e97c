import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { LocalStore } from '@hush/local-store'
import { gitRepo } from './helpers.js'

/** A project with this hush.config.json whose node_modules is the CLI's, so @hush/aws is found as a user's install would find it. */
export function awsProject(config: unknown, files: Record<string, string> = {}): string {
  const dir = gitRepo({ 'hush.config.json': JSON.stringify(config), ...files })
  symlinkSync(join(import.meta.dirname, '..', 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}

/** The variables that point the AWS SDK at `store`, as hush dev-store prints them. */
export const awsEnv = (store: LocalStore) => ({
  AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
  AWS_ENDPOINT_URL_SSM: store.url,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  HUSH_ENV: 'development',
})
