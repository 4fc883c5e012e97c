import { defineConfig } from 'tsdown'

const shared = { platform: 'node', target: 'node20', sourcemap: false } as const

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], dts: true },
  { ...shared, entry: { bin: 'src/bin.ts' }, format: ['esm'], dts: false, clean: false },
])
