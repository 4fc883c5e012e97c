/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   webpack types a parser hook's parser as the generic Parser and its expression as unknown; the
   JavaScript parser's API used here (state.module, getLocation, hooks.expression) is stable in
   webpack 5 and rspack but not expressible without casts at every line. */
import { relative } from 'node:path'
import type { Compiler } from 'webpack'
import { type BundlerContext, TEXT_ASSET } from './context.js'
import type { ResolvedOptions } from './options.js'
import { guardsOutput, reportLeak, type ReportTarget } from './report.js'

const JS_TYPES = ['javascript/auto', 'javascript/dynamic', 'javascript/esm']

/**
 * webpack (and rspack) without a loader: env reads are replaced in webpack's own parse pass,
 * as DefinePlugin does, so modules that never read the environment cost nothing; emitted
 * assets are scanned at the analyse stage, after source maps exist.
 */
export function applyWebpack(compiler: Compiler, ctx: BundlerContext, options: ResolvedOptions, replaceInParser = true): void {
  ctx.root = options.root ?? compiler.context
  const target = compiler.options.target
  const targets = Array.isArray(target) ? target : [target]
  const client = !targets.some((t) => typeof t === 'string' && /node|electron-main|async-node/.test(t))
  const mode = compiler.options.mode === 'development' ? 'development' : 'production'
  const { Compilation, WebpackError } = compiler.webpack
  const { ConstDependency } = compiler.webpack.dependencies

  /** A compilation's errors and warnings, as webpack errors named HushLeakError (pointing at the module and place, when known). */
  const toCompilation = (compilation: InstanceType<typeof Compilation>, where?: { module: unknown; loc: unknown }): ReportTarget => {
    const leakError = (message: string) => {
      const error = new WebpackError(message)
      error.name = 'HushLeakError'
      if (where) Object.assign(error, where)
      return error
    }
    return { error: (m) => compilation.errors.push(leakError(m)), warn: (m) => compilation.warnings.push(leakError(m)) }
  }

  compiler.hooks.beforeCompile.tapPromise('hush', () => ctx.init(ctx.root, mode))
  // Problems after a rotation happen between compilations: webpack's own logger shows them.
  const logger = compiler.getInfrastructureLogger('hush')
  ctx.setLogger((m) => logger.warn(m))

  // rspack's parser has no such hooks; there unplugin's transform (a loader) does the work.
  if (replaceInParser)
    compiler.hooks.compilation.tap('hush', (compilation, { normalModuleFactory }) => {
      const onParser = (parser: any) => {
        const read = (name: string) => (expr: any) => {
          const module = parser.state.module
          const value = ctx.publicValue(name)
          if (value !== undefined) {
            const dep = new ConstDependency(JSON.stringify(value), expr.range)
            dep.loc = parser.getLocation(expr)
            module.addPresentationalDependency(dep)
            // The value may rotate while watching: never reuse this module's cached build.
            module.buildInfo.cacheable = false
            return true
          }
          if (client && ctx.serverNames.has(name)) {
            const loc = parser.getLocation(expr)
            const file = relative(ctx.root, module.resource ?? '') || String(module.resource)
            reportLeak(
              options.leakGuard,
              ctx.readError(file, { name, line: loc.start.line, column: loc.start.column + 1 }),
              toCompilation(compilation, { module, loc }),
            )
          }
          return undefined
        }
        for (const name of [...ctx.publicNames(), ...ctx.serverNames]) {
          parser.hooks.expression.for(`process.env.${name}`).tap('hush', read(name))
          parser.hooks.expression.for(`import.meta.env.${name}`).tap('hush', read(name))
        }
      }
      for (const type of JS_TYPES) normalModuleFactory.hooks.parser.for(type).tap('hush', onParser)
    })

  compiler.hooks.thisCompilation.tap('hush', (compilation) => {
    // Load-time notices (unavailable server secrets, public values that look secret): once each.
    for (const notice of ctx.takeNotices()) {
      const warning = new WebpackError(notice)
      warning.name = 'HushWarning'
      compilation.warnings.push(warning)
    }
    compilation.hooks.processAssets.tap({ name: 'hush', stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, (assets) => {
      if (!guardsOutput(options, client)) return
      const leaks = []
      for (const name of Object.keys(assets)) {
        // buffer(), not source(): emit writes the same cached buffer, so the asset is not
        // rendered twice (once as a string for us, once as bytes for the file).
        const bytes = assets[name]!.buffer()
        // Text assets as text; every other file (.yml, .pem, .csv, images, ...) as bytes.
        leaks.push(...(TEXT_ASSET.test(name) ? ctx.scan(name, bytes.toString('utf8')) : ctx.scanBytes(name, bytes)))
      }
      if (leaks.length) reportLeak(options.leakGuard, ctx.leakError(leaks), toCompilation(compilation))
    })
  })
  ctx.onRotate(() => compiler.watching?.invalidate())
  compiler.hooks.shutdown.tapPromise('hush', () => ctx.close())
}
