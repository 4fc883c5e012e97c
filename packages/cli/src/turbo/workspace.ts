import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { loadConfig } from '@hush/core'
import { findConfigFile } from '@hush/core/find-config'
import type { DeclaredSecret } from '../doctor/turbo.js'

/** One package of the workspace with a hush config: where it is and what it declares (names only). */
export interface App {
  /** The package folder, relative to the turbo.json folder ('.' for the root). */
  dir: string
  /** The config file, relative to the turbo.json folder. */
  config: string
  secrets: DeclaredSecret[]
}

/** The package folders the workspace lists: package.json `workspaces`, else pnpm-workspace.yaml `packages`. */
export function workspaceDirs(root: string): string[] {
  const patterns = workspacePatterns(root)
  const include = patterns.filter((p) => !p.startsWith('!'))
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/\/$/, ''))
  const dirs = new Set<string>()
  for (const pattern of include) for (const dir of expand(root, pattern.replace(/^\.\//, '').replace(/\/$/, '').split('/'))) dirs.add(dir)
  return [...dirs].filter((d) => !exclude.includes(relative(root, d)) && existsSync(join(d, 'package.json'))).sort()
}

function workspacePatterns(root: string): string[] {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] | { packages?: string[] } }
    const ws = Array.isArray(pkg.workspaces) ? pkg.workspaces : pkg.workspaces?.packages
    if (ws?.length) return ws
  } catch {
    // No package.json, or one that does not parse: pnpm's file may still list the packages.
  }
  try {
    // The `packages:` list of pnpm-workspace.yaml; the rest of the file (catalogs, settings) is not ours to read.
    const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    const block = /^packages:\s*\n((?:[ \t]+-.*\n?|[ \t]*#.*\n?|[ \t]*\n)*)/m.exec(text)?.[1] ?? ''
    return [...block.matchAll(/^[ \t]+-[ \t]*['"]?([^'"#\n]+?)['"]?[ \t]*(?:#.*)?$/gm)].map((m) => m[1]!)
  } catch {
    return []
  }
}

/** Folders matching a workspace glob: `*` within one segment, `**` for any depth (node_modules skipped). */
function expand(dir: string, parts: string[]): string[] {
  if (!parts.length) return [dir]
  const [part, ...rest] = parts as [string, ...string[]]
  if (part === '**') return [...expand(dir, rest), ...subdirs(dir).flatMap((d) => expand(join(dir, d), parts))]
  if (!part.includes('*')) return existsSync(join(dir, part)) ? expand(join(dir, part), rest) : []
  const re = new RegExp(
    `^${part
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  )
  return subdirs(dir)
    .filter((d) => re.test(d))
    .flatMap((d) => expand(join(dir, d), rest))
}

const subdirs = (dir: string) => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => e.name)
  } catch {
    return []
  }
}

/**
 * The apps turbo runs that have a hush config: the root and each workspace package with a
 * `hush.config.*` of its own. Only names and `public` are read: no store is asked for a value.
 */
export async function findApps(root: string, dirs: readonly string[]): Promise<App[]> {
  const apps: App[] = []
  for (const dir of dirs) {
    const file = findConfigFile(dir)
    // findConfigFile stops at the package root, so a file found is this package's own.
    if (!file) continue
    const loaded = await loadConfig({ cwd: dir, file })
    if (!loaded) continue
    const secrets = Object.entries(loaded.config.secrets ?? {}).map(([name, spec]) => ({ name, public: spec?.public === true }))
    apps.push({ dir: relative(root, dir) || '.', config: relative(root, file), secrets })
  }
  return apps
}
