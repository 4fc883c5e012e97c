/**
 * Where a JSON config is broken and what is wrong, in words of our own. Parser messages are
 * never passed on: V8's JSON.parse quotes the text near the error, and a value pasted into the
 * config (a secret where a reference belongs) would then be printed.
 */
export interface ConfigProblem {
  line?: number
  /** Key path such as `secrets.DB_PASSWORD.from`, when known. */
  path?: string
  /** What is wrong, quoting nothing from the file. */
  problem: string
}

const lineAt = (source: string, offset: number) => source.slice(0, offset).split('\n').length

const formatPath = (parts: Array<string | number>) => parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')

// Thrown to unwind the scanner at the first error; an Error so a stray one still has a stack.
class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem)
  }
}

/**
 * Finds the first JSON syntax error again with a small scanner, for its offset and the keys
 * around it. V8's message quotes the text near the error and, before Node 22, often has no
 * position at all. Only called once JSON.parse has failed, so its speed does not matter.
 */
export function jsonProblem(source: string): ConfigProblem {
  const s = source
  const path: Array<string | number> = []
  let i = 0
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++
  }
  const fail = (problem: string): never => {
    throw new Stop(i, problem)
  }
  const string = (): string => {
    const start = ++i
    for (;;) {
      const c = s[i]
      if (c === undefined) fail('a string is not closed')
      if (c === '"') return s.slice(start, i++)
      if (c === '\\') {
        const e = s[i + 1]
        if (e === 'u' ? !/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6)) : !e || !'"\\/bfnrt'.includes(e))
          fail('a string holds an invalid escape (a backslash must be written \\\\)')
        i += e === 'u' ? 6 : 2
        continue
      }
      if (c! < ' ') fail('a string is not closed before the end of its line')
      i++
    }
  }
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
  const value = (): void => {
    ws()
    const c = s[i]
    if (c === undefined) return fail('the file ends where a value should be')
    if (c === '{') return object()
    if (c === '[') return array()
    if (c === '"') return void string()
    NUMBER.lastIndex = i
    const number = NUMBER.exec(s)
    if (number && number[0] !== '-') {
      i += number[0].length
      return
    }
    for (const word of ['true', 'false', 'null']) {
      if (s.startsWith(word, i)) {
        i += word.length
        return
      }
    }
    fail('a value is not in double quotes (nor a number, true, false or null)')
  }
  const object = (): void => {
    i++
    ws()
    if (s[i] === '}') return void i++
    for (;;) {
      ws()
      if (s[i] === undefined) fail('the file ends inside an object (a missing "}"?)')
      if (s[i] !== '"') fail('a property name is missing or not in double quotes (a trailing comma?)')
      const key = string()
      ws()
      if (s[i] !== ':') fail('a ":" is missing after a property name')
      i++
      path.push(key)
      value()
      path.pop()
      ws()
      if (s[i] === ',') i++
      else if (s[i] === '}') return void i++
      else fail(s[i] === undefined ? 'the file ends inside an object (a missing "}"?)' : 'a "," or "}" is missing after a property value')
    }
  }
  const array = (): void => {
    i++
    ws()
    if (s[i] === ']') return void i++
    for (let n = 0; ; n++) {
      path.push(n)
      value()
      path.pop()
      ws()
      if (s[i] === ',') i++
      else if (s[i] === ']') return void i++
      else fail(s[i] === undefined ? 'the file ends inside a list (a missing "]"?)' : 'a "," or "]" is missing after a list item')
    }
  }
  try {
    value()
    ws()
    if (i < s.length) fail('there is more text after the end of the JSON value')
  } catch (error) {
    // Nesting deeper than the stack (`[[[[...`, thousands deep) cannot be walked to the error.
    if (error instanceof RangeError) return { problem: 'it is not valid JSON, and it is nested too deeply to say where' }
    if (!(error instanceof Stop)) throw error
    // At the end of the file, point at the last line with text rather than past it.
    const offset = Math.min(error.offset, s.trimEnd().length)
    return { line: lineAt(s, offset), ...(path.length ? { path: formatPath(path) } : {}), problem: `it is not valid JSON: ${error.problem}` }
  }
  // The scanner accepted what JSON.parse refused (a byte-order mark, say): no position then.
  return { problem: 'it is not valid JSON' }
}
