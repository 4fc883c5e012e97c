import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, test } from 'vitest'
import { exampleDir, randomSeed, runVitest } from './run-example.js'

// One file, so that the runs (which write snapshots in the example on purpose) never overlap.
describe('examples/vitest-app through the vitest CLI', () => {
  test('the tests pass on values from the seeded store, and a logged key is masked', async () => {
    const { apiKey, dbPassword, seed } = randomSeed()
    // JUnit's file holds the console output too, and it is written to disk, not to the terminal.
    const junit = join(dirname(seed), 'junit.xml')
    const { code, output } = await runVitest(['--reporter=default', '--reporter=junit', `--outputFile.junit=${junit}`], { HUSH_VITEST_SEED: seed, CI: 'true' })
    const report = readFileSync(junit, 'utf8')
    expectNoValue(output, secretsOf(apiKey, dbPassword), { in: 'the output', piece: 8 })
    expectNoValue(report, secretsOf(apiKey, dbPassword), { in: 'the JUnit report', piece: 8 })
    expect(report).toContain('authorization: &apos;Bearer [redacted:API_KEY]&apos;')
    expect(output).toContain('authorization: \u0027Bearer [redacted:API_KEY]\u0027')
    expect(output).toContain('raw write: Bearer [redacted:API_KEY]')
    expect(output).toMatch(/Tests\s+4 passed/)
    expect(code).toBe(0)
  })

  test('a secret the store does not hold fails the run before any test, naming it', async () => {
    const { apiKey, seed } = randomSeed({ withDatabase: false })
    const { code, output } = await runVitest([], { HUSH_VITEST_SEED: seed, CI: 'true' })
    expectNoValue(output, secretsOf(apiKey, ''), { in: 'the output', piece: 8 })
    expect(output).toContain('DB_PASSWORD: aws-sm://test/vitest-app/db#password: AWS Secrets Manager has no secret "test/vitest-app/db"')
    expect(output).not.toMatch(/Tests\s+\d+ passed/)
    expect(code).toBe(1)
  })

  test('a snapshot that would hold the key fails and writes nothing; a failed assertion shows it masked', async () => {
    const { apiKey, dbPassword, seed } = randomSeed()
    const source = readFileSync(join(exampleDir, 'leaks/snapshot.test.ts'), 'utf8')
    // -u: without hush, vitest would write these snapshots now. The JSON report is written to a
    // file by the main process: what the workers masked is all it gets.
    const json = join(dirname(seed), 'report.json')
    const { code, output } = await runVitest(
      ['--config', 'vitest.leaks.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, '-u'],
      {
        HUSH_VITEST_SEED: seed,
      },
    )
    try {
      const report = readFileSync(json, 'utf8')
      expectNoValue(output, secretsOf(apiKey, dbPassword), { in: 'the output', piece: 8 })
      expectNoValue(report, secretsOf(apiKey, dbPassword), { in: 'the JSON report', piece: 8 })
      expect(report).toContain('the partner API refused the key [redacted:API_KEY]')
      expect(report).toContain("expected '[redacted:API_KEY]' to be 'pk_test_not_the_right_key'")
      expect(output).toContain('Error: the partner API refused the key [redacted:API_KEY]\n')
      // Only the main process sees an unhandled rejection: its own output guard masks it.
      expect(output).toMatch(/Unhandled Rejection ⎯+\nError: the partner API refused the key \[redacted:API_KEY\]\n/)
      for (const name of ['snapshot of a request', 'inline snapshot of a request', 'file snapshot of a request']) {
        expect(output).toContain(`[HUSH_LEAK] the snapshot of "${name}" would contain API_KEY\n`)
      }
      expect(output).toContain('Received: "[redacted:API_KEY]"')
      expect(output).toContain('+   "key": "[redacted:API_KEY]",')
      expect(output).toContain('Error: expected the value not to contain a secret, but it holds API_KEY\n')
      expect(output).toMatch(/Tests\s+6 failed \| 1 passed \| 1 skipped/)
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
  return [apiKey.slice('pk_test_'.length), dbPassword].filter(Boolean)
}
