/**
 * A unified diff of two small texts (turbo.json), with `context` lines around each change: what
 * `hush turbo --write` would do, in the form reviewers and `git apply` read.
 */
export function unifiedDiff(before: string, after: string, name: string, context = 3): string {
  const a = before.split('\n')
  const b = after.split('\n')
  // Longest common subsequence table, from the end: the files are a few hundred lines at most.
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const ops: { op: ' ' | '-' | '+'; line: string; i: number; j: number }[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: ' ', line: a[i]!, i: i++, j: j++ })
    // Removals before additions, as diff(1) prints a changed line.
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ op: '-', line: a[i]!, i: i++, j })
    else ops.push({ op: '+', line: b[j]!, i, j: j++ })
  }
  const out = [`--- ${name}`, `+++ ${name}`]
  for (let k = 0; k < ops.length;) {
    if (ops[k]!.op === ' ') {
      k++
      continue
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change within reach.
    const start = Math.max(0, k - context)
    let end = k
    for (let m = k; m < ops.length && m <= end + 2 * context; m++) if (ops[m]!.op !== ' ') end = m
    const stop = Math.min(ops.length, end + context + 1)
    const hunk = ops.slice(start, stop)
    const oldCount = hunk.filter((o) => o.op !== '+').length
    const newCount = hunk.filter((o) => o.op !== '-').length
    out.push(`@@ -${hunk[0]!.i + (oldCount ? 1 : 0)},${oldCount} +${hunk[0]!.j + (newCount ? 1 : 0)},${newCount} @@`)
    for (const o of hunk) out.push(`${o.op}${o.line}`)
    k = stop
  }
  return out.join('\n') + '\n'
}
