import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { createUnplugin, type UnpluginFactory, type UnpluginOptions } from 'unplugin'
import { BundlerContext } from './context.js'
import { type HushBundlerOptions, resolveOptions } from './options.js'

const SCRIPT = /\.(m?[jt]sx?|vue|svelte|astro)(\?.*)?$/
const NODE_MODULES = /[\\/]node_modules[\\/]/
const ENV_USE = /import\.meta\.env|process\.env/
const TEXT_ASSET = /\.(m?js|cjs|jsx?|tsx?|css|html?|json|map|txt|svg|xml|webmanifest|md)$/i

function toText(source: unknown): string | undefined {
  if (typeof source === 'string') return source
  if (source instanceof Uint8Array) return Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('utf8')
  return undefined
}

/** The one plugin factory behind every bundler entry. */
export const unpluginFactory: UnpluginFactory<HushBundlerOptions | undefined, true> = (rawOptions) => {
  const options = resolveOptions(rawOptions)
  const ctx = new BundlerContext(options)
  let client = true
  let serving = false
  let warn: (message: string) => void = (m) => console.warn(m)

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
        if (leaks.length) warn(`[hush] ${ctx.leakError(leaks).message}`)
      },
    },
  }

  const main: UnpluginOptions = {
    name: 'hush',
    enforce: 'pre',

    async buildStart() {
      await ctx.init(ctx.root, process.env.NODE_ENV === 'production' || !serving ? 'production' : 'development')
    },

    // The filters run natively in Rolldown (Vite 8) and as webpack rule conditions, so only
    // modules that read the environment reach JavaScript at all.
    // webpack runs a loader for every module its rule includes; reading the file here (from
    // the OS cache) keeps modules that never touch the environment out of the loader.
    transformInclude: (id) => {
      if (!SCRIPT.test(id) || NODE_MODULES.test(id)) return false
      try {
        return ENV_USE.test(readFileSync(id.split('?')[0]!, 'utf8'))
      } catch {
        return true
      }
    },
    transform: {
      filter: {
        id: { include: SCRIPT, exclude: NODE_MODULES },
        code: ENV_USE,
      },
      async handler(code, id) {
        await ctx.init(ctx.root, serving ? 'development' : 'production')
        const result = ctx.transform(code, id, client)
        if (!result) return undefined
        for (const read of result.reads) {
          const error = ctx.readError(relative(ctx.root, id.split('?')[0]!) || id, read)
          if (options.leakGuard === 'error') this.error(`[hush] ${error.message}`)
          else if (options.leakGuard === 'warn') this.warn(`[hush] ${error.message}`)
        }
        if (!('code' in result)) return undefined
        // A module with inlined values must be transformed again after a rotation; webpack
        // would otherwise reuse its cached result in watch mode.
        const native = this.getNativeBuildContext?.()
        if (native && (native.framework === 'webpack' || native.framework === 'rspack')) native.loaderContext?.cacheable(false)
        return { code: result.code, map: result.map }
      },
    },

    vite: {
      configResolved(config) {
        ctx.root = options.root ?? (typeof config.envDir === 'string' ? config.envDir : config.root)
        client = !config.build.ssr
        serving = config.command === 'serve'
        warn = (m) => config.logger.warn(m)
      },
      configureServer(server) {
        ctx.onRotate(() => {
          // A rotated public value is inlined in modules already served: reload them all.
          server.moduleGraph.invalidateAll()
          server.ws.send({ type: 'full-reload' })
          server.config.logger.info('[hush] a secret rotated; reloading the page with the new value')
        })
      },
      generateBundle(_outputOptions, bundle) {
        if (options.leakGuard === 'off' || (!client && !options.guardServer)) return
        const leaks = []
        for (const [fileName, item] of Object.entries(bundle)) {
          if (item.type === 'chunk') {
            leaks.push(...ctx.scan(fileName, item.code))
            if (item.map) leaks.push(...ctx.scan(`${fileName}.map`, JSON.stringify(item.map)))
          } else if (TEXT_ASSET.test(fileName)) {
            const text = toText(item.source)
            if (text !== undefined) leaks.push(...ctx.scan(fileName, text))
          }
        }
        if (!leaks.length) return
        const message = `[hush] ${ctx.leakError(leaks).message}`
        if (options.leakGuard === 'error') this.error(message)
        else this.warn(message)
      },
      async closeBundle() {
        if (!serving) await ctx.close()
      },
    },

    webpack(compiler) {
      ctx.root = options.root ?? compiler.context
      const target = compiler.options.target
      const targets = Array.isArray(target) ? target : [target]
      client = !targets.some((t) => typeof t === 'string' && /node|electron-main|async-node/.test(t))
      serving = Boolean(compiler.options.watch) || compiler.options.mode === 'development'
      const { Compilation, WebpackError } = compiler.webpack
      compiler.hooks.thisCompilation.tap('hush', (compilation) => {
        compilation.hooks.processAssets.tap({ name: 'hush', stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, (assets) => {
          if (options.leakGuard === 'off' || (!client && !options.guardServer)) return
          const leaks = []
          for (const name of Object.keys(assets)) {
            if (!TEXT_ASSET.test(name)) continue
            const text = toText(assets[name]!.source())
            if (text !== undefined) leaks.push(...ctx.scan(name, text))
          }
          if (!leaks.length) return
          const error = new WebpackError(`[hush] ${ctx.leakError(leaks).message}`)
          error.name = 'HushLeakError'
          if (options.leakGuard === 'error') compilation.errors.push(error)
          else compilation.warnings.push(error)
        })
      })
      ctx.onRotate(() => compiler.watching?.invalidate())
      compiler.hooks.shutdown.tapPromise('hush', () => ctx.close())
    },
  }
  return [main, devScan]
}

export const unplugin = /* #__PURE__ */ createUnplugin(unpluginFactory)
