export { expectNoValue, findValue } from './no-value.js'
export type { NoValueOptions, ValueFound } from './no-value.js'
