import { defineConfig } from 'tsdown'

const shared = { format: ['esm', 'cjs'], dts: true, platform: 'node', target: 'node20', sourcemap: false } as const

// Each subpath entry is built on its own: sharing chunks with the index made the CommonJS
// subpaths require index.cjs, which requires them again (a circular require that warns and
// leaves exports undefined). A copy of errors.ts in a subpath is harmless: HushError is
// recognised by a global brand.
export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' } },
  { ...shared, entry: { detect: 'src/detect/index.ts' }, clean: false },
  { ...shared, entry: { 'find-config': 'src/find-config.ts' }, clean: false },
  { ...shared, entry: { reference: 'src/reference.ts' }, clean: false },
  { ...shared, entry: { config: 'src/config/index.ts' }, clean: false },
])
