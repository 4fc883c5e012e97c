import { defineConfig } from 'tsdown'

const shared = { platform: 'node', target: 'node20', dts: true, sourcemap: false, outputOptions: { exports: 'named' } } as const

// The config entry differs by format: ESM resolves references with top-level await, CJS
// (require and node -r) resolves them synchronously through a worker.
export default defineConfig([
  // The config's JSON Schema ships in the package users install, so `$schema` finds it under
  // pnpm too (where @hush/core itself is not hoisted into node_modules).
  { ...shared, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], copy: [{ from: '../core/schema/hush.config.schema.json', to: 'dist' }] },
  { ...shared, entry: { config: 'src/config.esm.ts' }, format: ['esm'], clean: false },
  { ...shared, entry: { config: 'src/config.cjs.ts' }, format: ['cjs'], clean: false },
  // Loaded lazily, only when there are references to resolve, by path (src/resolve/built-file.ts):
  // the names here are the ones load-resolver.ts and run-worker.ts ask for, and every entry
  // stays flat in dist/, beside the bundles that load it.
  { ...shared, entry: { 'resolve-worker': 'src/resolve/worker.ts', 'resolve-async': 'src/resolve/async.ts' }, format: ['esm'], dts: false, clean: false },
  { ...shared, entry: { 'resolve-sync': 'src/resolve/sync.ts' }, format: ['cjs'], dts: false, clean: false },
])
