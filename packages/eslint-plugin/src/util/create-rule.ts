// Types only: typescript-eslint's packages are build- and test-time dependencies, so a plain
// JavaScript project installs ESLint and this plugin without TypeScript (see test/package.test.ts).
import type { TSESLint } from '@typescript-eslint/utils'

/** The configs, from the mildest: each turns on every rule of the ones before it. */
export type RuleRecommendation = 'recommended' | 'strict'

/** A rule in every config, with options of its own in `strict`. */
export interface RuleRecommendationAcrossConfigs<O extends readonly unknown[]> {
  recommended: true
  /** The options `configs.strict` gives the rule, instead of the defaults. */
  strict: Partial<O>
}

/** typescript-eslint's `meta.docs` habit: each rule says which configs turn it on, and the configs are built from that. */
export interface HushRuleDocs<O extends readonly unknown[] = readonly unknown[]> {
  /** The first config that turns the rule on; or, when `strict` sets options, both and those options. */
  recommended: RuleRecommendation | RuleRecommendationAcrossConfigs<O>
}

const DOCS = 'https://github.com/hush-dev/hush/blob/main/packages/eslint-plugin/docs/rules/'

type Meta<M extends string, O extends readonly unknown[]> = Omit<TSESLint.RuleMetaData<M, HushRuleDocs<O>, O>, 'docs'> & {
  docs: Omit<TSESLint.RuleMetaDataDocs & HushRuleDocs<O>, 'url'>
}

export interface RuleSpec<M extends string, O extends readonly unknown[]> {
  name: string
  meta: Meta<M, O>
  defaultOptions: O
  create: (context: Readonly<TSESLint.RuleContext<M, O>>, options: O) => TSESLint.RuleListener
}

export type HushRule<M extends string, O extends readonly unknown[]> = TSESLint.RuleModuleWithMetaDocs<M, O, HushRuleDocs<O>> & {
  defaultOptions: O
  name: string
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The user's options over the defaults, index by index; objects are merged key by key
 * (one level is enough: every option here is a flat object of lists and scalars).
 */
export function withDefaults<O extends readonly unknown[]>(defaults: O, given: readonly unknown[]): O {
  return defaults.map((d, i) => {
    const g = given[i]
    if (g === undefined) return d
    return isPlainObject(d) && isPlainObject(g) ? { ...d, ...g } : g
  }) as unknown as O
}

/**
 * A rule with its docs URL taken from its name and its options merged over the defaults
 * once per file, which is what typescript-eslint's RuleCreator did for us at run time.
 */
export function createRule<O extends readonly unknown[], M extends string>(spec: RuleSpec<M, O>): HushRule<M, O> {
  const { name, meta, defaultOptions, create } = spec
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: `${DOCS}${name}.md` } },
    defaultOptions,
    create: (context) => create(context, withDefaults(defaultOptions, context.options)),
  }
}
