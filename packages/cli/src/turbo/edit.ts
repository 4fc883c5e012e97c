import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser'
import type { TaskChange } from './plan.js'

const inline = (list: readonly string[]) => `[${list.map((s) => JSON.stringify(s)).join(', ')}]`

/**
 * turbo.json with the changes made in place: a list is rewritten where it stands, or added as
 * the task's last key in the style of the key before it. Nothing else is touched: other keys,
 * their order, comments, indentation and line endings stay as they were.
 */
export function applyChanges(text: string, tasksKey: string, changes: readonly TaskChange[]): string {
  for (const change of changes) {
    for (const field of ['env', 'passThroughEnv'] as const) {
      const list = change[field]
      if (!list) continue
      const tree = parseTree(text, [], { allowTrailingComma: true })!
      const node = findNodeAtLocation(tree, [tasksKey, change.task, field])
      if (node) text = text.slice(0, node.offset) + inline(list) + text.slice(node.offset + node.length)
      else text = addKey(text, findNodeAtLocation(tree, [tasksKey, change.task])!, `${JSON.stringify(field)}: ${inline(list)}`)
    }
  }
  return text
}

function addKey(text: string, task: Node, entry: string): string {
  const last = task.children?.at(-1)
  const close = task.offset + task.length - 1
  if (!last) return `${text.slice(0, task.offset)}{ ${entry} }${text.slice(close + 1)}`
  const end = last.offset + last.length
  const comma = /^\s*,/.test(text.slice(end, close)) ? '' : ','
  // A task on one line (`{ "cache": false }`) stays on one line.
  if (!text.slice(end, close).includes('\n')) return `${text.slice(0, end)}${comma} ${entry}${text.slice(end)}`
  // Else a line of its own, indented as the last key, after that key's trailing comment if any.
  const lineStart = text.lastIndexOf('\n', last.offset) + 1
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0]
  const lineEnd = text.indexOf('\n', end)
  const eol = text[lineEnd - 1] === '\r' ? '\r\n' : '\n'
  const cut = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd
  return `${text.slice(0, end)}${comma}${text.slice(end, cut)}${eol}${indent}${entry}${text.slice(cut)}`
}
