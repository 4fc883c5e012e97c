import { defineConfig } from 'tsdown'

const shared = { platform: 'node', target: 'node20', sourcemap: false } as const

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], dts: true },
  // The binary is ESM only; each command is a chunk of its own that cli.ts imports when the
  // command runs, so `hush --version` loads neither the core nor the scanner.
  { ...shared, entry: { bin: 'src/bin.ts' }, format: ['esm'], dts: false, clean: false },
])
