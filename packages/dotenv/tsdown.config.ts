import { defineConfig } from 'tsdown'

const shared = { platform: 'node', target: 'node20', dts: true, sourcemap: false, outputOptions: { exports: 'named' } } as const

// The config entry differs by format: ESM resolves references with top-level await, CJS
// (require and node -r) resolves them synchronously through a worker.
export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'] },
  { ...shared, entry: { config: 'src/config.esm.ts' }, format: ['esm'], clean: false },
  { ...shared, entry: { config: 'src/config.cjs.ts' }, format: ['cjs'], clean: false },
  // Loaded lazily, only when there are references to resolve.
  { ...shared, entry: { 'resolve-worker': 'src/resolve-worker.ts', 'heavy-async': 'src/heavy-async.ts' }, format: ['esm'], dts: false, clean: false },
  { ...shared, entry: { 'heavy-sync': 'src/heavy-sync.ts' }, format: ['cjs'], dts: false, clean: false },
])
