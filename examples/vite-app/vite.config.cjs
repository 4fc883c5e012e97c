// The same config in CommonJS: `require('@hush/bundler/vite')` is the plugin function itself.
// Build with it: vite build --config vite.config.cjs
const hush = require('@hush/bundler/vite')

module.exports = {
  plugins: [hush()],
  build: { sourcemap: true },
}
