import { findSecrets } from './detect.js'

/**
 * What a value in a `.env` file says about its name, without keeping or showing the value:
 * - `reference`: a hush reference (`aws-sm://prod/stripe#key`), so the name is a secret
 *   that hush resolves, whatever the name's words say;
 * - `credentials`: a URL with a user or password (`postgres://u:p@h/db`), a secret query
 *   parameter, or a known token format;
 * - `url`: a URL with neither (`postgres://localhost:5432/app`);
 * - `plain`: anything else; `empty`: nothing to go by.
 */
export type EnvValueKind = 'reference' | 'credentials' | 'url' | 'plain' | 'empty'

/** The schemes hush reads references from in a `.env` file. */
export const REFERENCE_SCHEMES = ['env', 'file', 'aws-sm', 'aws-ssm'] as const

const REFERENCE = /^(?:env|file|aws-sm|aws-ssm):\/\//
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i

export function envValueKind(raw: string): EnvValueKind {
  const value = raw.trim()
  if (!value) return 'empty'
  if (REFERENCE.test(value)) return 'reference'
  const url = URL_START.exec(value)
  if (!url) return findSecrets(value).some((f) => f.kind !== 'assignment') ? 'credentials' : 'plain'
  // Any user part counts (`https://TOKEN@github.com` puts the token there); so does a secret
  // in the query or a token format anywhere (a webhook URL's path is its secret).
  const authority = value.slice(url[0].length).split(/[/?#]/, 1)[0]!
  if (authority.includes('@')) return 'credentials'
  return findSecrets(value).length ? 'credentials' : 'url'
}
