import { detectSecret, envValueKind } from '@hush/core/detect'

/** Prefixes frameworks inline into browser bundles: whatever they hold is public by design. */
const PUBLIC_PREFIX = /^(?:NEXT_PUBLIC_|NUXT_PUBLIC_|EXPO_PUBLIC_|PUBLIC_|VITE_|REACT_APP_|VUE_APP_|GATSBY_)/

export type KeyKind = 'secret' | 'public' | 'reference' | 'plain'

/**
 * What `hush init` does with one `.env` key: `secret` values move to a store, `reference`
 * values are hush's already, `public` ones (a framework's public prefix) and `plain` ones
 * (ports, hosts, flags) stay where they are.
 */
export function classify(key: string, value: string): KeyKind {
  if (envValueKind(value) === 'reference') return 'reference'
  if (PUBLIC_PREFIX.test(key)) return 'public'
  return detectSecret(value, { name: key }) ? 'secret' : 'plain'
}
