import type { StoreKind } from './plan.js'

/**
 * What the team does after `hush init --write`, printed once it succeeded. `environments`: those
 * the config declares now, so the team sees which ones may read a store and how to add another.
 */
export function nextSteps(store: StoreKind, environments: readonly string[]): string[] {
  const serve =
    store === 'local'
      ? [
          '  1. Serve the values locally: npx hush-local-store --seed .hush/local-store.seed.json',
          '     and run the app with AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:4566 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local',
        ]
      : store === 'env-local'
        ? ['  1. Load .env.local before .env: Next.js and Vite do; with @hush/dotenv, config({ path: [".env.local", ".env"] })']
        : ['  1. The app reads Secrets Manager with its usual AWS credentials and region.']
  return [
    '\nNext steps:',
    ...serve,
    "  2. Swap the import: import 'dotenv/config' → import '@hush/dotenv/config' (pnpm add @hush/dotenv @hush/aws)",
    '  3. Lint for leaks: add @hush/eslint-plugin to eslint.config.js (see its README)',
    '  4. Pre-commit: run hush scan --staged',
    `  5. Fill in owner, purpose and rotation for each secret in hush.config.json`,
    ...environmentSteps(environments),
  ]
}

function environmentSteps(environments: readonly string[]): string[] {
  if (!environments.length)
    return [
      '  6. Environments: hush.config.json has no environments section, so every environment may read every store;',
      '     add one ("environments": { "development": { "allow": [...] } }) to keep each environment to its own stores',
    ]
  const other = environments.includes('production') ? 'staging' : 'production'
  const list = environments.length === 1 ? `${environments[0]} only` : environments.join(', ')
  return [
    `  6. Environments: hush.config.json declares ${list}; another environment reads nothing until it is declared.`,
    `     To add ${other}: put its values in .env.${other} and run hush init again, or add "${other}": { "allow": [...] } under`,
    environments.length === 1
      ? `     environments and give each secret's "from" one reference per environment ({ "${environments[0]}": "...", "${other}": "..." })`
      : `     environments and a "${other}" reference to each secret's "from"`,
  ]
}
