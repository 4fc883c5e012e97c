import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { BundlerContext } from '../src/core/context.js'
import { resolveOptions } from '../src/core/options.js'
import { envWith, project } from './build.js'
import { bundlerPackage, dist, runScript } from './child.js'
import { expectNoValue } from '@hush/test-kit'

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
`

describe('inspecting the plugin', () => {
  it('shows names and counts, never a value (vite and webpack plugin objects)', async () => {
    const dir = project('vite-app', { '.env': envWith('vite-app', `PLAIN_TOKEN=${plainToken}`) })
    const run = await runScript(script, dir, {
      DEMO_DB_PASSWORD: secret,
      DEMO_ANALYTICS_ID: 'UA-inspect',
      DEMO_STRIPE_PK: 'pk_test_inspect',
      HUSH_ENV: 'development',
    })
    const output = run.stdout + run.stderr
    expectNoValue(output, secret, { in: 'the output' })
    expectNoValue(output, plainToken, { in: 'the output' })
    expect(run.code, 'the script failed').toBe(0)
    expect(run.stdout).toContain('vite-ready true')
    expect(run.stdout).toContain('webpack-ready true')
  })

  // Internal, so not loadable from the package: checked from source, in process.
  it('the context both plugins share shows names and counts, never a value, not even the env it was given', async () => {
    const dir = project('vite-app', { '.env': envWith('vite-app', `PLAIN_TOKEN=${plainToken}`) })
    const ctx = new BundlerContext(
      resolveOptions({
        root: dir,
        env: { DEMO_DB_PASSWORD: secret, DEMO_ANALYTICS_ID: 'UA-inspect', DEMO_STRIPE_PK: 'pk_test_inspect', HUSH_ENV: 'development' },
      }),
    )
    try {
      await ctx.init(dir, 'production')
      const shown = [
        inspect(ctx, { depth: Infinity, showHidden: true }),
        inspect(ctx, { depth: Infinity, showHidden: true, customInspect: false, getters: true }),
        JSON.stringify(ctx),
      ].join('\n')
      expectNoValue(shown, secret, { in: 'what is shown' })
      expectNoValue(shown, plainToken, { in: 'what is shown' })
      expect(ctx.toJSON().serverNames).toContain('DB_PASSWORD')
      expect(ctx.toJSON().scannedValues).toBe(2)
      expect(shown).toContain('DB_PASSWORD')
    } finally {
      await ctx.close()
    }
  })
})
