import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatReference, HushError, isReference, parseReference } from '../src/index.js'
import { suggestScheme } from '../src/reference.js'

describe('references', () => {
  it('parses scheme, path, JSON key and parameters in either order', () => {
    expect(parseReference('aws-sm://prod/db#password?stage=AWSPREVIOUS')).toEqual({
      scheme: 'aws-sm',
      path: 'prod/db',
      key: 'password',
      params: { stage: 'AWSPREVIOUS' },
      raw: 'aws-sm://prod/db#password?stage=AWSPREVIOUS',
    })
    const arn = 'aws-sm://arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf?version=v1#user.name'
    expect(parseReference(arn)).toMatchObject({
      path: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      key: 'user.name',
      params: { version: 'v1' },
    })
    expect(parseReference('file:///run/secrets/db').path).toBe('/run/secrets/db')
  })

  it('treats only registered schemes as references', () => {
    const schemes = ['env', 'file', 'aws-sm']
    expect(isReference('env://DB', schemes)).toBe(true)
    expect(isReference('postgres://u:p@h/db', schemes)).toBe(false)
    expect(isReference('https://example.com', schemes)).toBe(false)
    expect(isReference('plain value', schemes)).toBe(false)
    expect(isReference('ENV://DB', schemes)).toBe(false)
  })

  it.each([
    ['env://', 'empty'],
    ['env://#key', 'empty'],
    ['env://X#', '"#"'],
    ['env://X?stage', 'name=value'],
    ['env://X?a=1&a=2', 'twice'],
    ['env://X%zz', 'percent'],
    ['not a reference', 'scheme'],
  ])('rejects %s with HUSH_BAD_REFERENCE naming where it was written', (raw, why) => {
    let error: unknown
    try {
      parseReference(raw, { file: '.env', line: 7 })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(HushError)
    expect((error as HushError).code).toBe('HUSH_BAD_REFERENCE')
    expect((error as HushError).message).toContain('(.env:7)')
    expect((error as HushError).message).toContain(why)
    expect((error as HushError).message).toContain('fix:')
  })

  it('formats what it parses back to an equivalent reference (property)', () => {
    const part = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\u0000'))
    fc.assert(
      fc.property(
        fc.constantFrom('env', 'file', 'aws-sm'),
        part,
        fc.option(part, { nil: undefined }),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
        (scheme, path, key, params) => {
          const text = formatReference({ scheme, path, ...(key !== undefined ? { key } : {}), params })
          const back = parseReference(text)
          expect(back.scheme).toBe(scheme)
          expect(back.path).toBe(path)
          expect(back.key).toBe(key)
          expect(back.params).toEqual(params)
        },
      ),
    )
  })
})

describe('suggestScheme', () => {
  it.each([
    ['aws-ssn:///prod/api/key', 'aws-ssm:///prod/api/key'],
    ['aws-ssm:/prod/api/key', 'aws-ssm:///prod/api/key'],
    ['aws-ssm:prod/api/key', 'aws-ssm:///prod/api/key'],
    ['aws-ssn://flat-name', 'aws-ssm://flat-name'],
    ['aws-sms:///prod/api/key', 'aws-ssm:///prod/api/key'],
    ['aws-ms://prod/db', 'aws-sm://prod/db'],
    ['evn://X', 'env://X'],
    ['file:secrets/x', 'file:///secrets/x'],
  ])('suggests %s → %s', (written, meant) => {
    expect(suggestScheme(written)?.suggestion).toBe(meant)
  })
})
