import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  // Never bundle from node_modules: a stray runtime import of a devDependency (typescript-eslint)
  // then stays an import that test/package.test.ts finds, instead of 500 kB copied into dist.
  deps: { skipNodeModulesBundle: true },
})
