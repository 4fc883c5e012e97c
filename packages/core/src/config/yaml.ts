import type { Document, YAMLError } from 'yaml'
import type { ConfigProblem } from './json-problem.js'
import { syntaxError } from './read-errors.js'

// Where a YAML config is broken and what is wrong, in words of our own: yaml's messages quote
// the text around the error, and a value pasted into the config would then be printed.
// The yaml module is passed in: the async loader imports it only for YAML configs, the
// synchronous one up front (a dynamic import of a file of ours would make the CommonJS build
// share a chunk with the package root).

type Yaml = typeof import('yaml')

const formatPath = (parts: Array<string | number>) => parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')

/** yaml's error codes in words; its messages quote the offending line, so they are not used. */
const YAML_PROBLEMS: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: 'the indentation is wrong',
  TAB_AS_INDENT: 'a tab is used for indentation (use spaces)',
  MISSING_CHAR: 'a closing quote or bracket is missing',
  BAD_SCALAR_START: 'a value starts with a character that needs quotes',
  BAD_DQ_ESCAPE: 'a double-quoted string holds an invalid escape',
  BLOCK_AS_IMPLICIT_KEY: 'a nested block is used as a key',
  BLOCK_IN_FLOW: 'a block is written inside { } or [ ]',
  MULTILINE_IMPLICIT_KEY: 'a key runs over more than one line (a missing ":"?)',
  DUPLICATE_KEY: 'a key is written twice',
  UNEXPECTED_TOKEN: 'there is unexpected text (a missing ":" or a stray character?)',
  MULTIPLE_DOCS: 'the file holds more than one YAML document',
  BAD_ALIAS: 'an alias is not valid',
  TAG_RESOLVE_FAILED: 'a tag could not be resolved',
}

type Range = [number, number, number]

/**
 * The keys leading to the innermost pair of `node` that spans `offset`. In a broken document
 * a value can be read as a key (`from: <value>` on a line that runs into the next one): a
 * key that any error touches ends the path there, so no value ever shows up as a key.
 */
function yamlPathAt(yaml: Yaml, node: unknown, offset: number, touched: (range: Range) => boolean, path: Array<string | number>): Array<string | number> {
  const { isMap, isScalar, isSeq } = yaml
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key : undefined
      const keyRange = key?.range
      const end = (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value) ? pair.value.range?.[2] : undefined) ?? keyRange?.[2]
      if (!key || !keyRange || end === undefined || offset < keyRange[0] || offset > end) continue
      if (touched(keyRange) || typeof key.value !== 'string' || /\s/.test(key.value)) return path
      return yamlPathAt(yaml, pair.value, offset, touched, [...path, key.value])
    }
  } else if (isSeq(node)) {
    for (const [n, item] of node.items.entries()) {
      const range = isScalar(item) || isMap(item) || isSeq(item) ? item.range : undefined
      if (range && range[0] <= offset && offset <= range[2]) return yamlPathAt(yaml, item, offset, touched, [...path, n])
    }
  }
  return path
}

/** The first YAML error: its line, the keys around it, and its code in words. */
export function yamlProblem(yaml: Yaml, doc: Document.Parsed): ConfigProblem {
  const error = doc.errors[0]!
  const touched = (r: Range) => doc.errors.some((e) => e.pos[0] <= r[2] && e.pos[1] >= r[0])
  const path = yamlPathAt(yaml, doc.contents, error.pos[0], touched, [])
  return {
    ...(error.linePos ? { line: error.linePos[0].line } : {}),
    ...(path.length ? { path: formatPath(path) } : {}),
    problem: `it is not valid YAML: ${YAML_PROBLEMS[error.code] ?? `a syntax error (${error.code})`}`,
  }
}

/** The YAML config's data, or a `HUSH_BAD_CONFIG` that points at the error and quotes nothing. */
export function readYaml(yaml: Yaml, file: string, source: string): unknown {
  const doc = yaml.parseDocument(source)
  if (doc.errors.length) throw syntaxError(file, yamlProblem(yaml, doc), 'fix the YAML syntax; indent with spaces, not tabs.')
  try {
    return doc.toJS()
  } catch {
    // yaml refuses aliases that expand into too much data (a "billion laughs" file).
    throw syntaxError(file, { problem: 'its aliases (*name) expand into too much data' }, 'write the repeated settings out, or use fewer nested aliases.')
  }
}
