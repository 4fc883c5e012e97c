import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { createServer } from 'vite'
import webpack from 'webpack'
import { describe, expect, it } from 'vitest'
import hushVite from '../src/vite.js'
import hushWebpack from '../src/webpack.js'
import { project } from './build.js'

const value = () => `UA-${randomBytes(5).toString('hex')}`
const waitUntil = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('dev and watch', () => {
  it('vite dev: resolves at start, reloads the page with the new value after a rotation, reports a served secret', async () => {
    const first = value()
    const second = value()
    const secret = `pw-${randomBytes(10).toString('hex')}`
    const dir = project('vite-app', { 'src/leaky.js': `export const oops = ${JSON.stringify(secret)}\n` })
    const analyticsFile = join(dir, 'analytics-id')
    writeFileSync(analyticsFile, first)
    writeFileSync(join(dir, '.env'), `PUBLIC_ANALYTICS_ID=file://${analyticsFile}\nDB_PASSWORD=env://DEMO_DB_PASSWORD\n`)
    const warnings: string[] = []
    const infos: string[] = []
    const server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      server: { port: 0, ws: false },
      customLogger: {
        info: (m: string) => void infos.push(m),
        warn: (m: string) => void warnings.push(m),
        warnOnce: () => {},
        error: () => {},
        clearScreen: () => {},
        hasErrorLogged: () => false,
        hasWarned: false,
      },
      plugins: [hushVite({ root: dir, ttl: 100, env: { DEMO_DB_PASSWORD: secret, DEMO_STRIPE_PK: 'pk_test_dev_value' } })],
    })
    try {
      await server.pluginContainer.buildStart({})
      expect((await server.transformRequest('/src/main.js'))!.code).toContain(first)
      writeFileSync(analyticsFile, second) // the store's value changes: a rotation
      // The plugin restarts the server (defines are fixed per start) and reloads the page.
      let latest = ''
      const end = Date.now() + 15_000
      while (!latest.includes(second) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100))
        // While vite restarts, transformRequest throws before it returns a promise: call it inside one.
        latest =
          (
            await Promise.resolve()
              .then(() => server.transformRequest('/src/main.js'))
              .catch(() => null)
          )?.code ?? ''
      }
      expect(latest).toContain(second)
      expect(latest).not.toContain(first)
      expect(infos.join('\n')).toContain('[hush] a secret rotated; restarting and reloading with the new value')
      // The restart may still be finishing under load: a request meets "Request is outdated" then.
      for (let tries = 0; ; tries++) {
        const done = await Promise.resolve()
          .then(() => server.transformRequest('/src/leaky.js'))
          .then(
            () => true,
            (error: unknown) => {
              if (tries >= 50 || !/restarted or closed/.test(String(error))) throw error
              return false
            },
          )
        if (done) break
        await new Promise((r) => setTimeout(r, 100))
      }
      const report = warnings.join('\n')
      expect(report).toMatch(/\[HUSH_LEAK\].*DB_PASSWORD in .*leaky\.js:1:\d+/)
      expectNoValue(report, secret)
    } finally {
      await server.close()
    }
  })

  it('webpack watch: rebuilds with the new value after a rotation', async () => {
    const first = value()
    const second = value()
    const dir = project('webpack-app')
    const analyticsFile = join(dir, 'analytics-id')
    writeFileSync(analyticsFile, first)
    writeFileSync(
      join(dir, '.env'),
      `PUBLIC_ANALYTICS_ID=file://${analyticsFile}\nPUBLIC_API_URL=https://api.example.com\nDB_PASSWORD=env://DEMO_DB_PASSWORD\n`,
    )
    const compiler = webpack({
      mode: 'development',
      context: dir,
      entry: './src/main.js',
      devtool: false,
      output: { path: join(dir, 'dist'), filename: 'app.js' },
      plugins: [hushWebpack({ root: dir, ttl: 100, env: { DEMO_STRIPE_PK: 'pk_test_watch', DEMO_DB_PASSWORD: 'watch-db-password-1' } })],
      infrastructureLogging: { level: 'none' },
    })
    const outputs: string[] = []
    const watching = compiler.watch({ aggregateTimeout: 50 }, (error, stats) => {
      if (!error && stats && !stats.hasErrors()) outputs.push(readFileSync(join(dir, 'dist', 'app.js'), 'utf8'))
    })
    try {
      await waitUntil(() => outputs.length >= 1)
      expect(outputs[0]).toContain(first)
      writeFileSync(analyticsFile, second)
      await waitUntil(() => outputs.some((o) => o.includes(second)))
    } finally {
      await new Promise<void>((r) => watching!.close(() => r()))
    }
  })
})
