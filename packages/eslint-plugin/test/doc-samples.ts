/**
 * The code samples of a rule doc, by the convention the docs follow: under `## Examples`, every
 * fenced block follows a line starting `❌ Incorrect` or `✅ Correct`, which may name the file
 * the samples are in (`❌ Incorrect (in \`src/components/Pay.tsx\`)`). Within a block, samples
 * are separated by blank lines; a `// .env: NAME=value` comment puts that line in the .env file
 * next to the sample.
 */
export interface DocSample {
  kind: 'incorrect' | 'correct'
  /** Where the sample is linted, relative to its project folder. */
  file: string
  code: string
  /** The lines of the project's .env file. */
  env: string[]
  /** The sample's first line in the markdown file, for test names. */
  line: number
}

const MARKERS = { '❌ Incorrect': 'incorrect', '✅ Correct': 'correct' } as const

/** The samples of a rule doc; throws on a code block under `## Examples` that is not marked. */
export function docSamples(markdown: string): DocSample[] {
  const lines = markdown.split('\n')
  const samples: DocSample[] = []
  let inExamples = false
  let marker: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.startsWith('## ')) inExamples = line === '## Examples'
    if (!inExamples) continue
    const fence = /^```(\w*)$/.exec(line)
    if (!fence) {
      if (line.trim()) marker = line
      continue
    }
    const kind = Object.entries(MARKERS).find(([prefix]) => marker?.startsWith(prefix))?.[1]
    if (!kind) throw new Error(`line ${i + 1}: a code block under "## Examples" follows no "❌ Incorrect" or "✅ Correct" line`)
    const file = /\(in `([^`]+)`\)/.exec(marker!)?.[1] ?? `src/example.${fence[1] || 'js'}`
    let start = i + 1
    for (i++; lines[i] !== '```'; i++) {
      if (i >= lines.length) throw new Error(`line ${start}: the code block is not closed`)
      if (lines[i]!.trim()) continue
      samples.push(sample(kind, file, lines.slice(start, i), start + 1))
      start = i + 1
    }
    samples.push(sample(kind, file, lines.slice(start, i), start + 1))
    marker = undefined
  }
  return samples.filter((s) => s.code.trim())
}

function sample(kind: DocSample['kind'], file: string, code: string[], line: number): DocSample {
  const env = code.flatMap((l) => /\/\/ \.env: (\S+=\S*)/.exec(l)?.[1] ?? [])
  return { kind, file, code: code.join('\n') + '\n', env, line }
}
