import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import { gitRepo, password, stripeKey } from './helpers.js'

const DAY = 86_400_000
export const ago = (days: number) => new Date(Date.now() - days * DAY)
export const dayOf = (d: Date) => d.toISOString().slice(0, 10)

/** The values in the store; every test checks that none of them reaches any output. */
export const VALUES = {
  db: `postgres://app:${password()}@db.internal:5432/app`,
  stripe: stripeKey(),
  cert: password(),
  old: password(),
  checkout: stripeKey(),
  session: 'orchid mellow 42',
  analytics: 'UA-4411-2',
  prod: password(),
  owner: password(),
  purpose: password(),
  flag: 'on-and-off',
}

export const LAST_ROTATED = { db: ago(10), stripe: ago(200) }

/** A seed with secrets of different ages. */
export function seed() {
  return {
    secrets: [
      { name: 'dev/app/db', value: VALUES.db, lastRotated: LAST_ROTATED.db.toISOString() },
      { name: 'dev/app/stripe', value: VALUES.stripe, lastRotated: LAST_ROTATED.stripe.toISOString() },
      { name: 'dev/app/cert', value: VALUES.cert },
      { name: 'dev/app/old', value: VALUES.old },
      { name: 'dev/app/checkout', value: VALUES.checkout },
      { name: 'dev/app/session', value: VALUES.session },
      { name: 'dev/app/analytics', value: VALUES.analytics },
      { name: 'dev/app/no-owner', value: VALUES.owner },
      { name: 'dev/app/no-purpose', value: VALUES.purpose },
      { name: 'prod/app/api', value: VALUES.prod },
    ],
  }
}

export const startStore = (): Promise<LocalStore> => startLocalStore({ seed: seed() })

const inDays = (days: number) => dayOf(new Date(Date.now() + days * DAY))
const who = { owner: 'team-platform', purpose: 'talk to the thing it is named after' }

/** hush.config with one planted problem per secret (DB_URL and PUBLIC_ANALYTICS_ID have none). */
export function config() {
  return {
    environments: { development: { allow: ['env', 'aws-sm'] }, production: { allow: ['aws-sm'] } },
    secrets: {
      DB_URL: { from: { development: 'aws-sm://dev/app/db', production: 'aws-sm://prod/app/db' }, rotation: '90d', ...who },
      STRIPE_KEY: { from: 'aws-sm://dev/app/stripe', rotation: '90d', ...who },
      CERT_KEY: { from: 'aws-sm://dev/app/cert', expires: inDays(10), ...who },
      OLD_TOKEN: { from: 'aws-sm://dev/app/old', expires: inDays(-2), ...who },
      NEXT_PUBLIC_CHECKOUT_ID: { from: 'aws-sm://dev/app/checkout', public: true, ...who },
      SESSION_SECRET: { from: 'aws-sm://dev/app/session', public: true, ...who },
      PUBLIC_ANALYTICS_ID: { from: 'aws-sm://dev/app/analytics', public: true, ...who },
      NO_OWNER: { from: 'aws-sm://dev/app/no-owner', purpose: who.purpose },
      NO_PURPOSE: { from: 'aws-sm://dev/app/no-purpose', owner: who.owner },
      MISSING_KEY: { from: 'aws-sm://dev/app/missing', ...who },
      PROD_READ: { from: { development: 'aws-sm://prod/app/api', production: 'aws-sm://prod/app/api' }, ...who },
      LOCAL_FLAG: { from: 'env://LOCAL_FLAG', rotation: '30d', ...who },
      OPTIONAL_HOOK: { from: 'aws-sm://dev/app/hook', required: false, ...who },
    },
  }
}

/** Every declared name but CERT_KEY, so strict env mode drops exactly that one. */
const passThrough = ['STRIPE_KEY', 'OLD_TOKEN', 'NO_OWNER', 'NO_PURPOSE', 'MISSING_KEY', 'PROD_READ', 'LOCAL_FLAG', 'OPTIONAL_HOOK']
export const turbo = {
  $schema: 'https://turborepo.com/schema.json',
  tasks: {
    build: { outputs: ['dist/**'], env: ['PUBLIC_ANALYTICS_ID', 'SESSION_SECRET', 'DB_URL'], passThroughEnv: passThrough },
    lint: {},
  },
}

/** A project whose hush.config reads from the local store through @hush/aws (installed, as a user would have it). */
export function project(files: Record<string, string> = {}, cfg: object = config()): string {
  const dir = gitRepo({ 'hush.config.json': JSON.stringify(cfg, null, 2), 'turbo.json': JSON.stringify(turbo, null, 2), ...files })
  symlinkSync(join(import.meta.dirname, '..', 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}

export const awsEnv = (store: LocalStore) => ({
  AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_MAX_ATTEMPTS: '1',
  HUSH_ENV: 'development',
  LOCAL_FLAG: VALUES.flag,
})
