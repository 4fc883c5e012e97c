import { ESLintUtils } from '@typescript-eslint/utils'

export interface HushRuleDocs {
  /** Whether `configs.recommended` turns the rule on. */
  recommended: boolean
}

/** Rules get their docs URL from their name, as typescript-eslint's do. */
export const createRule = ESLintUtils.RuleCreator<HushRuleDocs>(
  (name) => `https://github.com/hush-dev/hush/blob/main/packages/eslint-plugin/docs/rules/${name}.md`,
)
