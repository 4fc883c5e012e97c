/**
 * The rules `hush scan` reports under: the ids in every output format, the descriptions and
 * help that SARIF carries, and the fix each finding prints.
 */
export const RULES = {
  'hardcoded-secret': {
    description: 'A secret is written in a file',
    fix: 'Move the value to a secret store, read it through hush (a reference or hush.config), and rotate it if it was ever committed.',
  },
  'env-plain-secret': {
    description: 'A .env file holds a plain secret value',
    fix: 'Move it to a store and put a reference here (aws-sm://..., aws-ssm://..., env://..., file://...).',
  },
  'known-value': {
    description: "A file holds the current value of a secret from the project's stores",
    fix: 'Remove it and read the secret through hush; rotate it, since this copy is the live value.',
  },
} as const satisfies Record<string, { description: string; fix: string }>

export type RuleId = keyof typeof RULES

/** What a reviewer writes on a line to allow it: `# hush-ignore`, `// hush-ignore`, `/* hush-ignore *\/`, `-- hush-ignore`. */
export const ALLOW_COMMENT = /(?:#|\/\/|\/\*|<!--|--|;|%|\bREM\b)[ \t]*hush-ignore\b/
