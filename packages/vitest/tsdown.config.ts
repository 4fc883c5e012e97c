import { defineConfig } from 'tsdown'

const shared = {
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: false,
  // vitest is the user's own copy: a bundled one would be a second expect with its own serializers.
  external: ['vitest'],
} as const

// The CJS builds are `module.exports = fn` with `.default` set to the same function (src/entry.ts):
// the types of `.` say `export default` (it also exports types, so not `export =`), which attw
// calls a false default export; `.default` exists at run time, so lint ignores that one rule.
export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts', 'global-setup': 'src/global-setup.ts' }, format: ['esm', 'cjs'] },
  // The setup file runs only inside vitest's workers, which load it as ESM (vitest has no CommonJS
  // build for it to require): one format, no `require` condition that could never work.
  { ...shared, entry: { setup: 'src/setup.ts' }, format: ['esm'], clean: false },
])
