import hush from '@hush/bundler/webpack'

export default {
  mode: 'production',
  entry: './src/main.js',
  devtool: 'source-map',
  output: { filename: 'app.js', clean: true },
  plugins: [hush()],
}
