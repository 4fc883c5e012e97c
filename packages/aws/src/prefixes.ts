/** Longest common prefix of two strings. */
function common(a: string, b: string): string {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return a.slice(0, i)
}

/**
 * At most `max` prefixes that together start every one of `names`, as long as can be so a
 * listing filtered by them holds few other names: sorted names are merged, neighbours sharing
 * the longest prefix first. An empty string among them means no filter narrows the listing.
 */
export function coverPrefixes(names: readonly string[], max: number): string[] {
  const groups = [...new Set(names)].sort()
  while (groups.length > max) {
    let best = 0
    let bestLength = -1
    for (let i = 0; i < groups.length - 1; i++) {
      const length = common(groups[i]!, groups[i + 1]!).length
      if (length > bestLength) [best, bestLength] = [i, length]
    }
    groups.splice(best, 2, common(groups[best]!, groups[best + 1]!))
  }
  return groups
}
