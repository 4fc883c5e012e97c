import hush from '@hush/bundler/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [hush()],
  build: { sourcemap: true },
})
