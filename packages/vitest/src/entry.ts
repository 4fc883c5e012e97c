/**
 * The CJS build of an entry with only a default export is `module.exports = fn` (tsdown's
 * output), so `require('@hush/vitest')` is the plugin itself; `.default` points to the same
 * function for code written against the `{ default }` shape, as its types also allow.
 */
export function asEntry<T extends (...args: never[]) => unknown>(fn: T): T & { default: T } {
  return Object.assign(fn, { default: fn })
}
