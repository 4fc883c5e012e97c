import type { DotenvParseOutput } from './parse.js'

const VARIABLE = /(?<!\\)\${([^{}]+)}|(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)/g
const OPERATOR = /(:\+|\+|:-|-)/

/** `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`; never a command. */
function expandValue(value: string, env: Record<string, string | undefined>, running: Record<string, string>): string {
  const seen = new Set<string>() // guards against self-reference
  let result = value
  VARIABLE.lastIndex = 0
  let match: RegExpExecArray | null
  // dotenv-expand loops forever on some inputs (A='\\$B', B='$A$A'); stop instead of hanging
  // the process. Where it does return, the result is the same.
  let budget = 10_000
  while ((match = VARIABLE.exec(result)) !== null && budget-- > 0 && result.length < 1_000_000) {
    seen.add(result)
    const [template, braced, bare] = match
    const expression = (braced || bare)!
    const op = OPERATOR.exec(expression)?.[0]
    const parts = op ? expression.split(op) : [expression]
    const key = parts.shift()!
    let replacement: string
    if (op === ':+' || op === '+') {
      replacement = env[key] ? parts.join(op) : ''
    } else {
      const fallback = op ? parts.join(op) : ''
      const current = env[key]
      replacement = current ? (seen.has(current) ? fallback : current) : fallback
    }
    // A string replacement, as dotenv-expand uses: `$&` and `$$` in values behave the same way.
    result = result.replace(template, replacement)
    if (result === running[key]) break
    VARIABLE.lastIndex = 0
  }
  return result
}

/**
 * Expands variables in `parsed` in file order, as dotenv-expand 12 does: a value already set
 * in `processEnv` (and not by this file) wins, earlier keys feed later ones, `\$` is a literal
 * `$`, and every expanded key is written to `processEnv`.
 */
export function expand(parsed: DotenvParseOutput, processEnv: Record<string, string | undefined> = process.env): DotenvParseOutput {
  const running: Record<string, string> = {}
  for (const key in parsed) {
    let value = parsed[key]!
    const existing = processEnv[key]
    if (existing && existing !== value) value = existing
    else value = expandValue(value, { ...running, ...processEnv }, running)
    parsed[key] = running[key] = value.replace(/\\\$/g, '$')
  }
  for (const key in parsed) processEnv[key] = parsed[key]
  return parsed
}
