/**
 * Every match of a global `re` in `text`, as `text.matchAll(re)` gives them, without the copy
 * of the pattern and the iterator matchAll makes on each call: the detectors run once per
 * string an ESLint rule meets, most of which match nothing. The list is taken whole before
 * any is judged, so judging may use the same pattern.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m)
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}
