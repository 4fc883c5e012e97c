import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema'

/** A rule option holding a list of strings (globs, regular expressions, names). */
export const stringList = (description: string): JSONSchema4 => ({ type: 'array', items: { type: 'string' }, description })
