import { hostname, networkInterfaces } from 'node:os'
import { AwsError } from './errors.js'

const LOOPBACK = ['localhost', '127.0.0.1', '::1']
const ANY = ['0.0.0.0', '::', '']

const normalize = (name: string) =>
  name
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')

/** The host names a request to a server listening on `bound` may carry in its Host header. */
export function allowedHosts(bound: string, extra: readonly string[] = []): Set<string> {
  const names = [...LOOPBACK, bound, ...extra]
  if (ANY.includes(bound)) {
    // Listening on every interface: any of this machine's addresses, and its name, are ours.
    names.push(hostname())
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.push(i.address)
  }
  return new Set(names.map(normalize))
}

/** The name part of a Host header: `example.com:4566` → `example.com`, `[::1]:4566` → `::1`. */
function nameOf(host: string): string {
  const bracket = /^\[([^\]]*)\](?::\d*)?$/.exec(host)
  if (bracket) return bracket[1]!
  const colon = host.indexOf(':')
  return colon >= 0 && colon === host.lastIndexOf(':') ? host.slice(0, colon) : host
}

/**
 * Refuses a request whose Host header names a machine other than this one: a web page on a
 * domain that resolves to 127.0.0.1 (DNS rebinding) would otherwise read the secrets.
 */
export function checkHost(host: string | undefined, allowed: Set<string>): void {
  if (host === undefined) return // HTTP/1.0 clients send none; browsers always do.
  const name = normalize(nameOf(host.trim()))
  if (allowed.has(name)) return
  throw new AwsError(
    'AccessDeniedException',
    `The Host header ${JSON.stringify(name.slice(0, 100))} is not an address of this local store, so the request was refused (a web page could use such a name to reach it). Use the URL it printed, or allow the name with --allow-host or the allowedHosts option.`,
    403,
  )
}
