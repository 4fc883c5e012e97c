import rule from '../../src/rules/no-client-secrets.js'
import { runBoth } from '../testers.js'

const at = (code: string, needle: string, messageId: string, data: Record<string, string>) => {
  const column = code.indexOf(needle) + 1
  return { messageId, line: 1, column, data }
}

runBoth('no-client-secrets', rule, {
  valid: [
    // server code may read secrets
    { code: `const key = process.env.STRIPE_SECRET_KEY`, filename: 'src/server/pay.ts' },
    { code: `const key = process.env.STRIPE_SECRET_KEY`, filename: 'src/pages/api/pay.ts' },
    { code: `const key = process.env.STRIPE_SECRET_KEY`, filename: 'src/routes/pay/+page.server.ts' },
    { code: `const key = process.env.STRIPE_SECRET_KEY`, filename: 'lib/db.ts' },
    { code: `'use server'\nconst key = process.env.STRIPE_SECRET_KEY`, filename: 'src/components/actions.ts' },
    // client code may read public and harmless names
    { code: `const url = import.meta.env.VITE_API_URL`, filename: 'src/main.ts' },
    { code: `const mode = process.env.NODE_ENV`, filename: 'src/components/App.tsx' },
    { code: `const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY`, filename: 'src/components/Pay.tsx' },
    { code: `const key = process.env.STRIPE_SECRET_KEY`, filename: 'src/components/Pay.tsx', options: [{ allowNames: ['^STRIPE_'] }] },
    { code: `const key = process.env.STRIPE_SECRET_KEY`, filename: 'web/pay.ts', options: [{ clientFiles: ['src/**'] }] },
  ],
  invalid: [
    {
      code: `const key = process.env.STRIPE_SECRET_KEY`,
      filename: 'src/components/Pay.tsx',
      errors: [at(`const key = process.env.STRIPE_SECRET_KEY`, 'process', 'clientRead', { name: 'STRIPE_SECRET_KEY' })],
    },
    {
      code: `const pw = import.meta.env.DB_PASSWORD`,
      filename: 'src/main.ts',
      errors: [at(`const pw = import.meta.env.DB_PASSWORD`, 'import', 'clientRead', { name: 'DB_PASSWORD' })],
    },
    {
      code: `const s = import.meta.env.VITE_STRIPE_SECRET`,
      filename: 'src/App.tsx',
      errors: [at(`const s = import.meta.env.VITE_STRIPE_SECRET`, 'import', 'publicSecret', { name: 'VITE_STRIPE_SECRET', prefix: 'VITE_' })],
    },
    {
      code: `const { API_TOKEN } = process.env`,
      filename: 'app/components/Nav.tsx',
      errors: [at(`const { API_TOKEN } = process.env`, 'API_TOKEN', 'clientRead', { name: 'API_TOKEN' })],
    },
    {
      code: `'use client'\nexport const k = process.env.OPENAI_API_KEY`,
      filename: 'app/chat/page.tsx',
      errors: [{ messageId: 'clientRead', line: 2, column: 18, data: { name: 'OPENAI_API_KEY' } }],
    },
    {
      code: `const t = process.env['GITHUB_TOKEN']`,
      filename: 'src/Widget.client.ts',
      errors: [at(`const t = process.env['GITHUB_TOKEN']`, 'process', 'clientRead', { name: 'GITHUB_TOKEN' })],
    },
    {
      code: `const k = process.env.API_TOKEN`,
      filename: 'web/pay.ts',
      options: [{ clientFiles: ['web/**'] }],
      errors: [at(`const k = process.env.API_TOKEN`, 'process', 'clientRead', { name: 'API_TOKEN' })],
    },
  ],
})
