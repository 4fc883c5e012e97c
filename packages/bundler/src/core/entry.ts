/**
 * The CJS build of each bundler entry is `module.exports = hush` (tsdown's output for a
 * default-only module), so `require('@hush/bundler/vite')` is the plugin function itself, as
 * its `export =` types say. `.default` points to the same function for code written against
 * the `{ default }` shape, or compiled without ES module interop.
 */
export function asEntry<T extends (...args: never[]) => unknown>(fn: T): T & { default: T } {
  return Object.assign(fn, { default: fn })
}
