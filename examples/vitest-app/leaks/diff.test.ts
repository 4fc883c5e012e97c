import { expect, test } from 'vitest'
import { partnerRequest } from '../src/partner.js'

// A failing assertion on a secret: vitest prints the received value and a diff, masked here.
test('the key is compared with a wrong one', () => {
  expect(process.env.API_KEY).toBe('pk_test_not_the_right_key')
})

test('an object holding the key differs', () => {
  expect({ key: process.env.API_KEY, region: 'eu' }).toEqual({ key: 'pk_test_not_the_right_key', region: 'eu' })
})

test('a request is checked for a secret', () => {
  expect(partnerRequest('/orders')).not.toContainSecret()
})
