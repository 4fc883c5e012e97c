import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts', 'global-setup': 'src/global-setup.ts', setup: 'src/setup.ts' },
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: false,
  // vitest is the user's own copy: a bundled one would be a second expect with its own serializers.
  external: ['vitest'],
  outputOptions: { exports: 'named' },
})
