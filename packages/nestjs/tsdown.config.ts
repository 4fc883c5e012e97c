import { defineConfig } from 'tsdown'

// Nest is ESM-only from 12; the CJS build serves apps that require() it (Node >= 20.19 loads
// Nest through require(esm)).
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: false,
  outputOptions: { exports: 'named' },
})
