import { relative, resolve } from 'node:path'
import { createUnplugin, type UnpluginFactory, type UnpluginOptions } from 'unplugin'
import { BundlerContext, TEXT_ASSET } from './context.js'
import { describeFailure } from './messages.js'
import { type HushBundlerOptions, resolveOptions } from './options.js'
import { guardsOutput, reportLeak, type ReportTarget } from './report.js'
import { applyWebpack } from './webpack-hooks.js'

// Only modules that read the environment reach JavaScript at all: bundlers that support hook
// filters (Rolldown in Vite 8) apply this natively.
const TRANSFORM_FILTER = {
  id: { include: /\.(m?[jt]sx?|vue|svelte|astro)(\?.*)?$/, exclude: /[\\/]node_modules[\\/]/ },
  code: /import\.meta\.env|process\.env/,
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function toText(source: unknown): string | undefined {
  if (typeof source === 'string') return source
  if (source instanceof Uint8Array) return Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('utf8')
  return undefined
}

/** The one plugin factory behind every bundler entry. */
export const unpluginFactory: UnpluginFactory<HushBundlerOptions | undefined, true> = (rawOptions, meta) => {
  const options = resolveOptions(rawOptions)
  const ctx = new BundlerContext(options)
  let client = true
  let serving = false
  let warn: (message: string) => void = (m) => console.warn(m)
  let viteLogger = false

  const viteFilter: { id: typeof TRANSFORM_FILTER.id; code: RegExp } = { id: TRANSFORM_FILTER.id, code: /(?!)/ }

  const transformModule = async (hook: ReportTarget, code: string, id: string, forClient: boolean) => {
    await ctx.init(ctx.root, serving ? 'development' : 'production')
    const result = ctx.transform(code, id, forClient)
    if (!result) return undefined
    for (const read of result.reads) {
      reportLeak(options.leakGuard, ctx.readError(relative(ctx.root, id.split('?')[0]!) || id, read), hook)
    }
    if (!('code' in result)) return undefined
    return { code: result.code, map: result.map }
  }

  const devScan: UnpluginOptions = {
    name: 'hush:dev-scan',
    // In dev there is no bundle to scan: check every module as Vite serves it.
    vite: {
      apply: 'serve',
      enforce: 'post',
      async transform(code, id) {
        if (id.includes('/node_modules/') || id.startsWith('\0')) return
        await ctx.init(ctx.root, 'development')
        const leaks = ctx.scan(relative(ctx.root, id.split('?')[0]!) || id, code)
        // A dev server keeps serving: a leak is a warning there, whatever leakGuard says.
        if (leaks.length) reportLeak(options.leakGuard, ctx.leakError(leaks), { error: warn, warn })
      },
    },
  }

  const main: UnpluginOptions = {
    name: 'hush',
    enforce: 'pre',

    async buildStart() {
      await ctx.init(ctx.root, !serving ? 'production' : 'development')
      // Vite's logger once configResolved has run; otherwise the bundler's own warn, if any.
      const hookWarn = (this as Partial<ReportTarget>).warn
      const report = viteLogger || typeof hookWarn !== 'function' ? warn : (m: string) => hookWarn.call(this, m)
      for (const notice of ctx.takeNotices()) report(notice)
    },

    // rollup and esbuild go through unplugin's transform.
    transform: {
      filter: TRANSFORM_FILTER,
      handler(code, id) {
        return transformModule(this, code, id, client)
      },
    },

    vite: {
      // Public values become Vite `define`s, replaced natively by Vite's own transform, so the
      // plugin adds no JavaScript work per module.
      async config(config, env) {
        serving = env.command === 'serve'
        const base = resolve(config.root ?? process.cwd())
        ctx.root = options.root ?? (typeof config.envDir === 'string' ? resolve(base, config.envDir) : base)
        await ctx.init(ctx.root, env.mode)
        const define: Record<string, string> = {}
        for (const [name, value] of ctx.publicEntries()) {
          define[`import.meta.env.${name}`] = JSON.stringify(value)
          define[`process.env.${name}`] = JSON.stringify(value)
        }
        viteFilter.code = ctx.serverNames.size
          ? new RegExp(`(?:import\\.meta\\.env|process\\.env)(?:\\.|\\[\\s*['"\`])(?:${[...ctx.serverNames].map(escapeRe).join('|')})\\b`)
          : /(?!)/
        return { define }
      },
      // Only modules that read a server-only name reach this hook: they fail in client code.
      transform: {
        filter: viteFilter,
        handler(code, id, hookOptions) {
          if (!client || hookOptions?.ssr) return undefined
          return transformModule(this, code, id, true)
        },
      },
      configResolved(config) {
        client = !config.build.ssr
        warn = (m) => config.logger.warn(m)
        viteLogger = true
        ctx.setLogger(warn)
      },
      configureServer(server) {
        ctx.onRotate(() => {
          // Defines are fixed when the server starts: restart it, then reload the page.
          server.config.logger.info('[hush] a secret rotated; restarting and reloading with the new value')
          server
            .restart()
            .then(() => server.ws.send({ type: 'full-reload' }))
            .catch((error: unknown) =>
              server.config.logger.error(`[hush] the dev server could not restart with the rotated value: ${describeFailure(error)}; restart it by hand.`),
            )
        })
      },
      generateBundle(_outputOptions, bundle) {
        if (!guardsOutput(options, client)) return
        const leaks = []
        for (const [fileName, item] of Object.entries(bundle)) {
          if (item.type === 'chunk') {
            leaks.push(...ctx.scan(fileName, item.code))
            if (item.map) leaks.push(...ctx.scan(`${fileName}.map`, JSON.stringify(item.map)))
          } else if (typeof item.source === 'string') {
            leaks.push(...ctx.scan(fileName, item.source))
          } else if (TEXT_ASSET.test(fileName)) {
            const text = toText(item.source)
            if (text !== undefined) leaks.push(...ctx.scan(fileName, text))
          } else {
            // Every other emitted file (.yml, .pem, .csv, images, ...) is searched as bytes.
            leaks.push(...ctx.scanBytes(fileName, item.source))
          }
        }
        if (leaks.length) reportLeak(options.leakGuard, ctx.leakError(leaks), this)
      },
      async closeBundle() {
        if (!serving) await ctx.close()
      },
    },

    // webpack replaces reads in its own parser (webpack-hooks.ts): no loader runs.
    webpack(compiler) {
      applyWebpack(compiler, ctx, options)
    },
    rspack(compiler) {
      // @rspack/core is an optional peer, not installed here: its compiler type does not resolve.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      applyWebpack(compiler as unknown as Parameters<typeof applyWebpack>[0], ctx, options, false)
    },
  }
  if (meta.framework === 'vite' || meta.framework === 'webpack') delete main.transform
  return [main, devScan]
}

export const unplugin = /* #__PURE__ */ createUnplugin(unpluginFactory)
