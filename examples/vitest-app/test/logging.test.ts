import { expect, test } from 'vitest'
import { partnerRequest } from '../src/partner.js'

test('a request logged while debugging shows the key masked', () => {
  const request = partnerRequest('/orders')
  console.log('calling the partner API with', request)
  process.stdout.write(`raw write: ${request.headers.authorization}\n`)
  expect(request.url).toBe('https://partner.example.com/orders')
})
