import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, test } from 'vitest'
import { exampleDir, randomSeed, runVitest } from './run-example.js'

// One file, so that the runs (which write snapshots in the example on purpose) never overlap.
describe('examples/vitest-app through the vitest CLI', () => {
  test('the tests pass on values from the seeded store, and a logged key is masked', async () => {
    const { apiKey, dbPassword, seed } = randomSeed()
    const { code, output } = await runVitest([], { HUSH_VITEST_SEED: seed, CI: 'true' })
    expectNoValue(output, secretsOf(apiKey, dbPassword), { in: 'the output', piece: 8 })
    expect(output).toContain('authorization: \u0027Bearer [redacted:API_KEY]\u0027')
    expect(output).toContain('raw write: Bearer [redacted:API_KEY]')
    expect(output).toMatch(/Tests\s+3 passed/)
    expect(code).toBe(0)
  })

  test('a snapshot that would hold the key fails and writes nothing; a failed assertion shows it masked', async () => {
    const { apiKey, dbPassword, seed } = randomSeed()
    const source = readFileSync(join(exampleDir, 'leaks/snapshot.test.ts'), 'utf8')
    // -u: without hush, vitest would write these snapshots now.
    const { code, output } = await runVitest(['--config', 'vitest.leaks.config.ts', '-u'], { HUSH_VITEST_SEED: seed })
    try {
      expectNoValue(output, secretsOf(apiKey, dbPassword), { in: 'the output', piece: 8 })
      for (const name of ['snapshot of a request', 'inline snapshot of a request', 'file snapshot of a request']) {
        expect(output).toContain(`[HUSH_LEAK] the snapshot of "${name}" would contain API_KEY\n`)
      }
      expect(output).toContain('Received: "[redacted:API_KEY]"')
      expect(output).toContain('+   "key": "[redacted:API_KEY]",')
      expect(output).toMatch(/Tests\s+5 failed/)
      expect(code).toBe(1)
      expect(existsSync(join(exampleDir, 'leaks/__snapshots__'))).toBe(false)
      expect(existsSync(join(exampleDir, 'leaks/__files__'))).toBe(false)
      expect(readFileSync(join(exampleDir, 'leaks/snapshot.test.ts'), 'utf8') === source).toBe(true)
    } finally {
      cleanLeaks(source)
    }
  })

  test("snapshots: 'mask' writes [redacted:API_KEY] in every kind of snapshot", async () => {
    const { apiKey, dbPassword, seed } = randomSeed()
    const source = readFileSync(join(exampleDir, 'leaks/snapshot.test.ts'), 'utf8')
    const { output } = await runVitest(['leaks/snapshot.test.ts', '--config', 'vitest.leaks.config.ts', '-u'], {
      HUSH_VITEST_SEED: seed,
      HUSH_VITEST_SNAPSHOTS: 'mask',
    })
    try {
      const written = [
        readFileSync(join(exampleDir, 'leaks/__snapshots__/snapshot.test.ts.snap'), 'utf8'),
        readFileSync(join(exampleDir, 'leaks/__files__/request.json'), 'utf8'),
        readFileSync(join(exampleDir, 'leaks/snapshot.test.ts'), 'utf8'),
      ]
      for (const text of [output, ...written]) expectNoValue(text, secretsOf(apiKey, dbPassword), { in: 'the output and the snapshots', piece: 8 })
      expect(written[0]).toContain('"authorization": "Bearer [redacted:API_KEY]"')
      expect(written[1]).toContain('"authorization": "Bearer [redacted:API_KEY]"')
      expect(written[2]).toContain('toMatchInlineSnapshot(`"Bearer [redacted:API_KEY]"`)')
      expect(output).toMatch(/Tests\s+3 passed/)
    } finally {
      cleanLeaks(source)
    }
  })
})

function cleanLeaks(source: string): void {
  rmSync(join(exampleDir, 'leaks/__snapshots__'), { recursive: true, force: true })
  rmSync(join(exampleDir, 'leaks/__files__'), { recursive: true, force: true })
  writeFileSync(join(exampleDir, 'leaks/snapshot.test.ts'), source)
}

// The key's `pk_test_` prefix is in the tests' own wrong key too: the random part is what must not show.
function secretsOf(apiKey: string, dbPassword: string): string[] {
  return [apiKey.slice('pk_test_'.length), dbPassword]
}
