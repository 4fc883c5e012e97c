import { type Hush, HushError } from '@hush/core'

/**
 * Makes `configService.get(name)` answer with the current value of every hush secret.
 *
 * `ConfigService.get` looks in its config store (the `CONFIGURATION_TOKEN` object) before
 * `process.env`. Each name becomes a getter that reads hush's cache, so a rotated value is
 * what the next `get` returns, with nothing to copy. The getters live on a prototype put under
 * the store, not on the store itself: printing or serialising the store (`util.inspect` with
 * `showHidden` and `getters`, `JSON.stringify`, `Object.keys`) shows no value. `process.env`
 * is left as it was: `ConfigModule` put the `.env` text there, which for a secret is its
 * reference, never its value, so child processes inherit no secret. `configService.set(name,
 * v)` still works: the value given shadows the getter.
 */
export function linkConfigService(host: Record<string, unknown>, hush: Hush, state: { closed: boolean }): void {
  // The layer names Object as its constructor, as Object.prototype does: util.inspect lists the
  // properties of a prototype that does not (with showHidden), and would call the getters.
  const getters: PropertyDescriptorMap = { constructor: { value: Object, writable: true, configurable: true, enumerable: false } }
  for (const name of hush.names()) {
    // A key the app put there itself (ConfigModule's `load`) stays the app's.
    if (Object.hasOwn(host, name)) continue
    getters[name] = {
      configurable: true,
      enumerable: false,
      // An optional secret that is missing reads as undefined, as a missing key does.
      get: () => (hush.spec(name)?.required === false ? hush.peek(name) : current(hush, name, state)),
      set(this: Record<string, unknown>, value: unknown) {
        Object.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true })
      },
    }
  }
  const layer = Object.create(Object.getPrototypeOf(host) as object | null, getters) as object
  Object.setPrototypeOf(host, layer)
}

/** The value a synchronous read gets: hush's cached one, or an error that says why there is none. */
export function current(hush: Hush, name: string, state: { closed: boolean }): string {
  const value = hush.peek(name)
  if (value !== undefined) return value
  if (state.closed) {
    throw new HushError('HUSH_CLOSED', {
      message: `${name} was read after the app shut down: hush closed with it and dropped every value`,
      fix: 'read secrets while the app runs; code that runs after app.close() should not need them.',
      secret: name,
    })
  }
  if (hush.spec(name)?.required === false) {
    throw new HushError('HUSH_NOT_FOUND', {
      message: `${name} is optional (required: false) and has no value`,
      fix: `check for it with hushService.peek('${name}') before reading it.`,
      secret: name,
    })
  }
  throw new HushError('HUSH_STORE_UNAVAILABLE', {
    message: `${name} has no value to serve: the secret was deleted or denied, or its store has failed for longer than the stale window`,
    fix: `check the store of ${hush.referenceOf(name) ?? name} and the app's log for the error before this one; hush keeps retrying, and await hushService.get('${name}') fetches it now.`,
    secret: name,
  })
}
