import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { envWith, project } from './build.js'
import { bundlerPackage, dist, runScript } from './child.js'

// A debug `console.log(plugin)` in a config file, or a tool dumping the resolved config, must
// not print a value: inspect everything the plugin hands out, as deep and as hidden as it goes.
const secret = `pw-${randomBytes(12).toString('hex')}`
const plainToken = `tok-${randomBytes(12).toString('hex')}`

const script = `
import util from 'node:util'
import { createRequire } from 'node:module'
const require = createRequire(${JSON.stringify(bundlerPackage)})
const webpack = require('webpack')
const { default: hushVite } = await import(${JSON.stringify(dist('vite.mjs'))})
const { default: hushWebpack } = await import(${JSON.stringify(dist('webpack.mjs'))})
const { BundlerContext, resolveOptions } = await import(${JSON.stringify(dist('index.mjs'))})
const root = process.cwd()
const show = (label, value) => {
  console.log(label, util.inspect(value, { depth: Infinity, showHidden: true }))
  console.log(label, util.inspect(value, { depth: Infinity, showHidden: true, customInspect: false, getters: true }))
  try { console.log(label, JSON.stringify(value)) } catch {}
}

const vitePlugins = hushVite({ root })
const define = await vitePlugins[0].config({ root }, { command: 'build', mode: 'production' })
console.log('vite-ready', Object.keys(define.define).length > 0)
show('vite', vitePlugins)

const webpackPlugin = hushWebpack({ root })
const compiler = webpack({ mode: 'production', context: root, entry: './src/main.js', plugins: [webpackPlugin] })
await compiler.hooks.beforeCompile.promise({})
console.log('webpack-ready', true)
show('webpack', webpackPlugin)
await new Promise((r) => compiler.close(r))

const ctx = new BundlerContext(resolveOptions({ root }))
await ctx.init(root, 'production')
show('context', ctx)
console.log('context-names', JSON.stringify(ctx.toJSON()))
await ctx.close()
`

describe('inspecting the plugin', () => {
  it('shows names and counts, never a value (vite and webpack plugin objects, the context)', async () => {
    const dir = project('vite-app', { '.env': envWith('vite-app', `PLAIN_TOKEN=${plainToken}`) })
    const run = await runScript(script, dir, { DEMO_DB_PASSWORD: secret, DEMO_ANALYTICS_ID: 'UA-inspect', DEMO_STRIPE_PK: 'pk_test_inspect', HUSH_ENV: 'development' })
    const output = run.stdout + run.stderr
    expect(output.includes(secret), 'the server secret is in the output').toBe(false)
    expect(output.includes(plainToken), 'a plain .env value is in the output').toBe(false)
    expect(run.code, 'the script failed').toBe(0)
    expect(run.stdout).toContain('vite-ready true')
    expect(run.stdout).toContain('webpack-ready true')
    expect(run.stdout).toMatch(/context-names .*"serverNames":\[[^\]]*"DB_PASSWORD"/)
    expect(run.stdout).toMatch(/context-names .*"scannedValues":2/)
  })
})
