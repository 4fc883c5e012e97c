import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    vite: 'src/vite.ts',
    webpack: 'src/webpack.ts',
    rollup: 'src/rollup.ts',
    esbuild: 'src/esbuild.ts',
    rspack: 'src/rspack.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  // The config's JSON Schema ships in the package users install (pnpm does not hoist @hush/core).
  copy: [{ from: '../core/schema/hush.config.schema.json', to: 'dist' }],
  // No `exports: 'named'`: each bundler entry has only a default export, which the CJS build
  // must emit as `module.exports = hush` to match its `export =` types (see src/core/entry.ts).
})
