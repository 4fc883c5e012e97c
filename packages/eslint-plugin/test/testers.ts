import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester'
import type { TSESLint } from '@typescript-eslint/utils'
import { RuleTester as EslintRuleTester } from 'eslint'
import { afterAll, describe, it } from 'vitest'

TsRuleTester.afterAll = afterAll
TsRuleTester.describe = describe
TsRuleTester.it = it
TsRuleTester.itOnly = it.only
;(EslintRuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown }).describe = describe
;(EslintRuleTester as unknown as { it: unknown }).it = it
;(EslintRuleTester as unknown as { itOnly: unknown }).itOnly = it.only

/** TypeScript through typescript-eslint's parser, with JSX. */
export const tsTester = new TsRuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } })
/** JavaScript through ESLint's own parser (espree), as a plain-JS project lints. */
export const jsTester = new EslintRuleTester({
  languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
})

type Cases = {
  valid: Array<string | { code: string; filename?: string; options?: unknown[] }>
  invalid: Array<{ code: string; filename?: string; options?: unknown[]; errors: unknown[]; output?: string | null }>
}

/** Runs the same cases as JavaScript and as TypeScript; `tsOnly` cases only as TypeScript. */
export function runBoth(name: string, rule: TSESLint.RuleModule<string, unknown[]>, cases: Cases, tsOnly?: Cases): void {
  describe(`${name} (JavaScript)`, () => {
    jsTester.run(name, rule as never, cases as never)
  })
  describe(`${name} (TypeScript)`, () => {
    tsTester.run(name, rule, {
      valid: [...cases.valid, ...(tsOnly?.valid ?? [])].map((c) =>
        typeof c === 'string' ? { code: c, filename: 'file.tsx' } : { filename: 'file.tsx', ...c },
      ),
      invalid: [...cases.invalid, ...(tsOnly?.invalid ?? [])].map((c) => ({ filename: 'file.tsx', ...c })),
    } as never)
  })
}
