import { relative, sep } from 'node:path'
import { isSecretName } from '@hush/core/detect'
import type { TSESTree } from '@typescript-eslint/utils'
import picomatch from 'picomatch'
import { envReadName, isEnvObject, keyName, unwrap } from '../util/ast.js'
import { createRule } from '../util/create-rule.js'
import { manifestFor } from '../util/manifest.js'
import { stringList } from '../util/schema.js'

export type Options = [
  {
    /** Globs (relative to the ESLint working directory) of files that run in the browser. */
    clientFiles?: string[]
    /** Globs of files that run on the server even when a client glob matches them. */
    serverFiles?: string[]
    /** Env var prefixes that bundlers expose to client code on purpose. */
    publicPrefixes?: string[]
    /** Names that may be read in client code, as regular expressions. */
    allowNames?: string[]
  },
]
export type MessageIds = 'clientRead' | 'publicSecret'

/** Vite, Next, Nuxt, SvelteKit, Remix and CRA layouts: where browser code usually lives. */
export const DEFAULT_CLIENT_FILES = [
  '**/src/client/**',
  '**/src/components/**',
  '**/src/pages/**',
  '**/src/views/**',
  '**/src/hooks/**',
  '**/src/composables/**',
  '**/src/stores/**',
  '**/src/routes/**',
  '**/src/main.{js,jsx,ts,tsx,mjs}',
  '**/src/App.{js,jsx,ts,tsx,vue,svelte}',
  '**/src/index.{jsx,tsx}',
  '**/app/components/**',
  '**/components/**',
  '**/public/**/*.{js,mjs}',
  '**/*.client.{js,jsx,ts,tsx,mjs}',
  '**/*.{vue,svelte,astro}',
]
/** What `configs.strict` counts as client code. */
export const STRICT_CLIENT_FILES = ['**/src/**', '**/app/**', '**/components/**', '**/pages/**', '**/*.{vue,svelte,astro}']
export const DEFAULT_SERVER_FILES = [
  '**/server/**',
  '**/api/**',
  '**/pages/api/**',
  '**/app/**/route.{js,ts}',
  '**/*.server.{js,jsx,ts,tsx,mjs}',
  '**/middleware.{js,ts}',
  '**/+server.{js,ts}',
  '**/+page.server.{js,ts}',
  '**/+layout.server.{js,ts}',
  '**/*.config.{js,ts,mjs,cjs,mts,cts}',
]
// Compiling globs costs more than linting most files: each list becomes one regular
// expression, once per list (by identity, then by content) rather than once per file.
const byList = new WeakMap<string[], RegExp>()
const byKey = new Map<string, RegExp>()
function matcherFor(globs: string[]): (file: string) => boolean {
  let re = byList.get(globs)
  if (!re) {
    const key = globs.join('\0')
    re = byKey.get(key)
    if (!re) {
      re = new RegExp(globs.map((g) => picomatch.makeRe(g, { dot: true }).source).join('|'))
      byKey.set(key, re)
    }
    byList.set(globs, re)
  }
  const matcher = re
  return (file) => matcher.test(file)
}

export const DEFAULT_PUBLIC_PREFIXES = ['VITE_', 'NEXT_PUBLIC_', 'PUBLIC_', 'NUXT_PUBLIC_', 'REACT_APP_', 'EXPO_PUBLIC_', 'GATSBY_', 'STORYBOOK_']

export default createRule<Options, MessageIds>({
  name: 'no-client-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading non-public secrets in code that runs in the browser',
      // Strict treats all of src/ (and app/, components/, pages/) as client code unless a server glob says otherwise.
      recommended: { recommended: true, strict: [{ clientFiles: STRICT_CLIENT_FILES }] },
    },
    messages: {
      clientRead:
        '{{name}} is a server-only secret read in client code; bundled, it ships to every visitor. Read it on the server, or mark it public in hush.config if it really is public.',
      publicSecret:
        '{{name}} looks like a secret, but its {{prefix}} prefix makes the bundler ship it to every visitor. Drop the prefix and read it on the server, or declare it public in hush.config if it is meant to be seen.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          clientFiles: stringList('Globs of client files.'),
          serverFiles: stringList('Globs of server files, which win over client globs.'),
          publicPrefixes: stringList('Env var prefixes exposed to client code on purpose.'),
          allowNames: stringList('Names that may be read in client code (regular expressions).'),
        },
      },
    ],
  },
  defaultOptions: [{ clientFiles: DEFAULT_CLIENT_FILES, serverFiles: DEFAULT_SERVER_FILES, publicPrefixes: DEFAULT_PUBLIC_PREFIXES, allowNames: [] }],
  create(context, [options]) {
    const file = relative(context.cwd, context.filename).split(sep).join('/')
    const isClientGlob = matcherFor(options.clientFiles ?? DEFAULT_CLIENT_FILES)
    const isServerGlob = matcherFor(options.serverFiles ?? DEFAULT_SERVER_FILES)
    const body = context.sourceCode.ast.body
    // A 'use client' directive (React Server Components) settles it; 'use server' too.
    const directive = body.find(
      (s): s is TSESTree.ExpressionStatement => s.type === 'ExpressionStatement' && (s.directive === 'use client' || s.directive === 'use server'),
    )
    const client = directive ? directive.directive === 'use client' : isClientGlob(file) && !isServerGlob(file)
    if (!client) return {}

    const manifest = manifestFor(context.filename)
    const prefixes = options.publicPrefixes ?? DEFAULT_PUBLIC_PREFIXES
    const allow = (options.allowNames ?? []).map((s) => new RegExp(s))

    const check = (node: TSESTree.Node, name: string) => {
      if (allow.some((re) => re.test(name))) return
      const declared = manifest.secrets.get(name)
      if (declared?.public) return
      const prefix = prefixes.find((p) => name.startsWith(p))
      if (prefix) {
        // VITE_STRIPE_SECRET_KEY: public by prefix, secret by name: almost always a mistake.
        if (declared || isSecretName(name.slice(prefix.length))) context.report({ node, messageId: 'publicSecret', data: { name, prefix } })
        return
      }
      if (declared || isSecretName(name)) context.report({ node, messageId: 'clientRead', data: { name } })
    }

    return {
      MemberExpression(node) {
        const name = envReadName(node)
        if (name !== undefined) check(node, name)
      },
      VariableDeclarator(node) {
        // const { DB_PASSWORD } = process.env
        if (node.id.type !== 'ObjectPattern' || !node.init || !isEnvObject(unwrap(node.init))) return
        for (const p of node.id.properties) {
          const name = p.type === 'Property' ? keyName(p.key, p.computed) : undefined
          if (name) check(p, name)
        }
      },
    }
  },
})
