import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN } from './helpers.js'

/** Every module `file` loads before any code runs: its static imports, followed through the package's own chunks. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)) {
    const spec = m[1]!
    if (spec.startsWith('.')) {
      const path = join(dirname(file), spec)
      if (!seen.has(path)) {
        seen.add(path)
        staticGraph(path, seen)
      }
    } else seen.add(spec)
  }
  return seen
}

describe('hush --version stays fast', () => {
  it('the binary loads only the parser up front; the core and the scanner come with the command', () => {
    const graph = [...staticGraph(BIN)]
    const external = graph.filter((s) => !s.startsWith('/'))
    expect(external).toEqual(['cac'])
    // The scan command is still reachable, through a dynamic import.
    expect(readFileSync(BIN, 'utf8')).toMatch(/import\("\.\/scan-[\w-]+\.mjs"\)/)
  })
})
