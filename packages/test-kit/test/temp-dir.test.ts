import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import setup from '../src/temp-dir.js'

describe('the temp-dir global setup', () => {
  it('points TMPDIR at a directory of its own and removes it with what was made there', () => {
    const before = process.env.TMPDIR
    const teardown = setup()
    const root = process.env.TMPDIR!
    expect(root).not.toBe(before)
    expect(basename(root)).toMatch(/^hush-test-/)
    const made = mkdtempSync(join(tmpdir(), 'scratch-'))
    expect(dirname(made)).toBe(root)
    teardown()
    expect(existsSync(made)).toBe(false)
    expect(existsSync(root)).toBe(false)
    expect(process.env.TMPDIR).toBe(before)
  })
})
