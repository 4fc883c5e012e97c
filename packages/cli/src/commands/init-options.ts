/** Where `hush init --store` may put the values. */
export const STORES = ['local', 'env-local', 'aws-sm'] as const
export type StoreKind = (typeof STORES)[number]

/** `hush init`'s flags as the parser gives them. */
export interface InitCommandOptions {
  store: string
  prefix: string
  write?: boolean
  json?: boolean
}
