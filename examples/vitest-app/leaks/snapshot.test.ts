import { expect, test } from 'vitest'
import { partnerRequest } from '../src/partner.js'

// Each of these would commit the partner key to the repository: @hush/vitest fails them.
test('snapshot of a request', () => {
  expect(partnerRequest('/orders')).toMatchSnapshot()
})

test('inline snapshot of a request', () => {
  expect(partnerRequest('/orders').headers.authorization).toMatchInlineSnapshot()
})

test('file snapshot of a request', async () => {
  await expect(JSON.stringify(partnerRequest('/orders'), null, 2)).toMatchFileSnapshot('./__files__/request.json')
})
