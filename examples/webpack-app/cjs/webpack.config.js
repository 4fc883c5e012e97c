// The usual webpack form, CommonJS (this folder's package.json says so): the example's own
// webpack.config.js is the ES module form. `require('@hush/bundler/webpack')` is the plugin
// function itself. Build with it: webpack --config cjs/webpack.config.js
const path = require('node:path')
const hush = require('@hush/bundler/webpack')

module.exports = {
  mode: 'production',
  context: path.resolve(__dirname, '..'),
  entry: './src/main.js',
  devtool: 'source-map',
  output: { filename: 'app.js', clean: true },
  plugins: [hush()],
}
