import { inspect } from 'node:util'
import { expect, it } from 'vitest'
import { startLocalStore } from '../src/index.js'
import { secretValue } from './helpers.js'

it('shows no stored value when the store or the server handle is printed', async () => {
  const value = secretValue()
  const s = await startLocalStore({ seed: { secrets: [{ name: 'prod/db', value: { password: value } }] } })
  try {
    const shown = [inspect(s, { depth: Infinity }), inspect(s.store, { depth: Infinity, showHidden: true }), JSON.stringify(s), JSON.stringify(s.store)].join(
      '\n',
    )
    expect(shown.includes(value), 'a stored value is shown').toBe(false)
    expect(inspect(s.store)).toBe('SecretStore {"region":"us-east-1","accountId":"123456789012","secrets":1}')
  } finally {
    await s.close()
  }
})

it('shows no parameter value when the Parameter Store side is printed', async () => {
  const value = secretValue('param')
  const s = await startLocalStore({ seed: { parameters: [{ name: '/prod/db/password', value }] } })
  try {
    const shown = [
      inspect(s, { depth: Infinity }),
      inspect(s.parameters, { depth: Infinity, showHidden: true }),
      JSON.stringify(s),
      JSON.stringify(s.parameters),
    ].join('\n')
    expect(shown.includes(value), 'a stored value is shown').toBe(false)
    expect(inspect(s.parameters)).toBe('ParameterStore {"region":"us-east-1","accountId":"123456789012","parameters":1}')
  } finally {
    await s.close()
  }
})
