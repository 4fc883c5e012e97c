import { type Hush, HushError } from '@hush/core'

/**
 * Makes `configService.get(name)` answer with the current value of every hush secret.
 *
 * `ConfigService.get` looks in its config store (the `CONFIGURATION_TOKEN` object) before
 * `process.env`. Each name becomes a getter there that reads hush's cache, so a rotated value
 * is what the next `get` returns, with nothing to copy. The getters are not enumerable, so
 * printing or serialising the store shows no value, and `process.env` is left as it was:
 * `ConfigModule` put the `.env` text there, which for a secret is its reference, never its
 * value, so child processes inherit no secret. `configService.set(name, v)` still works: it
 * replaces the getter with the value given. After shutdown the getters stay and throw
 * (hush is closed), rather than fall back to the reference in `process.env`.
 */
export function linkConfigService(host: Record<string, unknown>, hush: Hush): void {
  for (const name of hush.names()) {
    if (Object.hasOwn(host, name) && !Object.getOwnPropertyDescriptor(host, name)?.get) continue
    Object.defineProperty(host, name, {
      configurable: true,
      enumerable: false,
      // An optional secret that is missing reads as undefined, as a missing key does.
      get: () => (hush.spec(name)?.required === false ? hush.peek(name) : current(hush, name)),
      set: (value: unknown) => {
        Object.defineProperty(host, name, { value, writable: true, configurable: true, enumerable: true })
      },
    })
  }
}

/** The value a synchronous read gets: hush's cached one, or an error that says why there is none. */
export function current(hush: Hush, name: string): string {
  const value = hush.peek(name)
  if (value !== undefined) return value
  if (hush.spec(name)?.required === false) {
    throw new HushError('HUSH_NOT_FOUND', {
      message: `${name} is optional (required: false) and has no value`,
      fix: `check for it with hushService.peek('${name}') before reading it.`,
      secret: name,
    })
  }
  throw new HushError('HUSH_STORE_UNAVAILABLE', {
    message: `${name} has no value to serve: hush is closed, the secret was deleted or denied, or its store has failed for longer than the stale window`,
    fix: `check the store of ${hush.referenceOf(name) ?? name} and the app's log for the error that preceded this one; await hushService.get('${name}') fetches it again.`,
    secret: name,
  })
}
