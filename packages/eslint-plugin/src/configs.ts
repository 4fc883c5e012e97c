import type { Linter } from 'eslint'
import type { HushRuleDocs, RuleRecommendation } from './util/create-rule.js'

/** Each config turns on the rules of the configs before it. */
const ORDER: Record<RuleRecommendation, number> = { recommended: 0, strict: 1 }

/**
 * The rules `config` turns on, read from each rule's `meta.docs.recommended` as typescript-eslint
 * builds its configs, so a new rule cannot be left out of one by mistake or listed twice.
 */
export function rulesFor(config: RuleRecommendation, rules: Record<string, { meta: { docs: HushRuleDocs } }>): Linter.RulesRecord {
  const enabled: Linter.RulesRecord = {}
  for (const [name, rule] of Object.entries(rules)) {
    const recommended = rule.meta.docs.recommended
    if (typeof recommended === 'string') {
      if (ORDER[recommended] <= ORDER[config]) enabled[`hush/${name}`] = 'error'
    } else {
      enabled[`hush/${name}`] = config === 'strict' ? ['error', ...recommended.strict] : 'error'
    }
  }
  return enabled
}
