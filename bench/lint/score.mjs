// Scores one tool's findings against a corpus' labels. A label covers one line, or the lines of
// one multi-line string or call (`end`); a report on any of its lines finds it, once, whichever
// line a tool reports on. A reported line outside every label of the rule is one false alarm.
// With one-line labels this is the plain per-line count the bench has always printed.

const matches = (rule, ruleId) => rule === ruleId || rule?.startsWith(`${ruleId}/`)

export function score(files, found, ruleId, label) {
  const regions = new Map()
  for (const f of files) {
    for (const l of f.labels) {
      if (l.rule === label) regions.set(`${f.path}:${l.line}`, { path: f.path, line: l.line, end: l.end ?? l.line })
    }
  }
  const byPath = groupBy([...regions.values()], (r) => r.path)
  const reported = new Set(found.filter((m) => matches(m.rule, ruleId)).map((m) => `${m.file}:${m.line}`))
  const hit = new Set()
  const falsePositives = []
  for (const key of reported) {
    const at = key.lastIndexOf(':')
    const [path, line] = [key.slice(0, at), Number(key.slice(at + 1))]
    const region = byPath.get(path)?.find((r) => line >= r.line && line <= r.end)
    if (region) hit.add(`${region.path}:${region.line}`)
    else falsePositives.push(key)
  }
  const tp = hit.size
  const precision = tp + falsePositives.length ? tp / (tp + falsePositives.length) : 1
  const recall = regions.size ? tp / regions.size : 1
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return {
    ruleId,
    expected: regions.size,
    tp,
    falseCount: falsePositives.length,
    precision,
    recall,
    f1,
    misses: [...regions.keys()].filter((k) => !hit.has(k)),
    falsePositives,
  }
}

// Map.groupBy arrives with Node 21; the bench runs on 20.
function groupBy(items, keyOf) {
  const map = new Map()
  for (const item of items) map.set(keyOf(item), [...(map.get(keyOf(item)) ?? []), item])
  return map
}

/** Clean files (no labels at all) with any finding of the tool. */
export function cleanFlagged(files, found, ruleId) {
  const clean = files.filter((f) => f.labels.length === 0)
  const flagged = new Set(found.filter((m) => matches(m.rule, ruleId)).map((m) => m.file))
  return { clean: clean.length, flagged: clean.filter((f) => flagged.has(f.path)).length }
}
