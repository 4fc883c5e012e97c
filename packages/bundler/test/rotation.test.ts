import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { project } from './build.js'
import { bundlerPackage, dist, runScript } from './child.js'

// In its own process: an unhandled rejection ends a Node process, which is the bug.
const script = (files: { rotating: string; going: string }) => `
import { rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
const require = createRequire(${JSON.stringify(bundlerPackage)})
const { createServer } = require('vite')
const { default: hush } = await import(${JSON.stringify(dist('vite.mjs'))})
const root = process.cwd()
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const log = (level) => (m) => console.log(level, m)
const server = await createServer({
  root, configFile: false, logLevel: 'info', server: { port: 0, ws: false },
  customLogger: { info: log('INFO'), warn: log('WARN'), warnOnce: log('WARN'), error: log('ERROR'), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false },
  plugins: [hush({ root, ttl: 100, env: { DEMO_STRIPE_PK: 'pk_test_rotation', DEMO_DB_PASSWORD: process.env.DB } })],
})
await server.pluginContainer.buildStart({})
const before = (await server.transformRequest('/src/main.js')).code
console.log('STARTED', before.includes(process.env.FIRST))
rmSync(${JSON.stringify(files.going)})   // another secret's source goes away...
await sleep(600)                          // ...and its cached value is dropped at the next check
writeFileSync(${JSON.stringify(files.rotating)}, process.env.SECOND)   // then a secret rotates
await sleep(1500)
const after = (await server.transformRequest('/src/main.js')).code
console.log('KEPT', after.includes(process.env.FIRST), after.includes(process.env.SECOND))
await server.close()
console.log('ALIVE')
`

describe('a rotation while another secret is missing', () => {
  it('vite dev: the process stays alive, logs one line with names and codes, keeps the previous values', async () => {
    const first = `UA-${randomBytes(5).toString('hex')}`
    const second = `UA-${randomBytes(5).toString('hex')}`
    const dir = project('vite-app', { 'src/main.js': 'document.title = [import.meta.env.PUBLIC_ANALYTICS_ID, import.meta.env.PUBLIC_API_URL].join()\n' })
    const rotating = join(dir, 'analytics-id')
    const going = join(dir, 'api-url')
    writeFileSync(rotating, first)
    writeFileSync(going, 'https://api.example.com/v2')
    writeFileSync(join(dir, '.env'), `PUBLIC_ANALYTICS_ID=file://${rotating}\nPUBLIC_API_URL=file://${going}\nDB_PASSWORD=env://DEMO_DB_PASSWORD\n`)
    const run = await runScript(script({ rotating, going }), dir, { FIRST: first, SECOND: second, DB: `pw-${randomBytes(10).toString('hex')}` })
    expect(run.stderr).not.toMatch(/Unhandled|unhandled/)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain('STARTED true')
    expect(run.stdout).toContain('ALIVE')
    const lines = run.stdout.split('\n').filter((l) => l.includes('[hush] a secret rotated but'))
    expect(lines).toEqual(['WARN [hush] a secret rotated but the values could not be reloaded; keeping the previous values: PUBLIC_API_URL (HUSH_NOT_FOUND)'])
    // The last good values stay in force until a reload succeeds.
    expect(run.stdout).toContain('KEPT true false')
  })
})
