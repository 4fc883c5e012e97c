import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build as viteBuild } from 'vite'
import { afterAll } from 'vitest'
import webpack from 'webpack'
import hushVite from '../src/vite.js'
import hushWebpack from '../src/webpack.js'
import type { HushBundlerOptions } from '../src/index.js'

/** What a build produced: every output file as text, or the error that stopped it, and warnings. */
export interface BuildResult {
  files: Record<string, string>
  error?: string
  warnings: string[]
}

export const examples = fileURLToPath(new URL('../../../examples/', import.meta.url))

/** An example's .env with lines added: tests that add names keep the example's own. */
export const envWith = (example: 'vite-app' | 'webpack-app', ...lines: string[]) =>
  `${readFileSync(join(examples, example, '.env'), 'utf8')}\n${lines.join('\n')}\n`

// Copies live until the test file ends (a failing test's copy can be kept by commenting
// this out); every run used to leave dozens of them in the temp directory.
const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fresh copy of an example, with files changed or added, so tests can plant leaks. */
export function project(example: 'vite-app' | 'webpack-app', files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `hush-${example}-`))
  made.push(dir)
  cpSync(join(examples, example), dir, { recursive: true, filter: (src) => !src.includes('node_modules') && !src.includes('/dist') })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else out[relative(dir, path)] = readFileSync(path, 'utf8')
    }
  }
  walk(dir)
  return out
}

export interface BuildOptions {
  plugin?: HushBundlerOptions
  /** Build for the server (Vite SSR, webpack target node). */
  server?: boolean
  entry?: string
}

export async function buildVite(root: string, options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = join(root, 'dist')
  const warnings: string[] = []
  try {
    await viteBuild({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [hushVite({ root, ...options.plugin })],
      customLogger: {
        info: () => {},
        warn: (m: string) => void warnings.push(m),
        warnOnce: (m: string) => void warnings.push(m),
        error: () => {},
        clearScreen: () => {},
        hasErrorLogged: () => false,
        hasWarned: false,
      },
      build: {
        outDir,
        emptyOutDir: true,
        sourcemap: true,
        ...(options.server ? { ssr: options.entry ?? 'src/server.js' } : {}),
        rollupOptions: {
          ...(options.entry && !options.server ? { input: join(root, options.entry) } : {}),
          onwarn: (w: { message: string }) => void warnings.push(w.message),
        },
      },
    })
  } catch (error) {
    return { files: {}, error: String((error as Error).message), warnings }
  }
  return { files: readTree(outDir), warnings }
}

export function buildWebpack(root: string, options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = join(root, 'dist')
  return new Promise((resolve) => {
    webpack(
      {
        mode: 'production',
        context: root,
        entry: `./${options.entry ?? 'src/main.js'}`,
        devtool: 'source-map',
        target: options.server ? 'node' : 'web',
        output: { path: outDir, filename: 'app.js', clean: true },
        plugins: [hushWebpack({ root, ...options.plugin })],
        infrastructureLogging: { level: 'none' },
        stats: 'none',
      },
      (error, stats) => {
        if (error) return resolve({ files: {}, error: String(error.message), warnings: [] })
        const info = stats!.toJson({ all: false, errors: true, warnings: true })
        const warnings = (info.warnings ?? []).map((w) => w.message)
        stats!.compilation.compiler.close(() => {
          if (stats!.hasErrors()) return resolve({ files: {}, error: (info.errors ?? []).map((e) => e.message).join('\n'), warnings })
          resolve({ files: readTree(outDir), warnings })
        })
      },
    )
  })
}

/** Every feature runs through both bundlers with the same expectations. */
export const bundlers = [
  { name: 'vite', example: 'vite-app' as const, build: buildVite, read: (n: string) => `import.meta.env.${n}` },
  { name: 'webpack', example: 'webpack-app' as const, build: buildWebpack, read: (n: string) => `process.env.${n}` },
]
