export { expectNoValue, findValue } from './no-value.js'
export type { NoValueOptions, Text, ValueFound } from './no-value.js'
