// secretlint (recommended preset) over a list of files, as its CLI would scan them, run as a
// child process by scan.mjs so both tools are timed from process start to exit. Prints the
// number of findings only: its messages hold masked values, and nothing of them is kept.
import { readFileSync } from 'node:fs'
import { createEngine } from '@secretlint/node'

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)
const engine = await createEngine({
  cwd: process.cwd(),
  formatter: 'json',
  color: false,
  maskSecrets: true,
  configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
})
let found = 0
for (const file of files) {
  const { output } = await engine.executeOnContent({ content: readFileSync(file, 'utf8'), filePath: file })
  for (const result of JSON.parse(output)) found += result.messages.length
}
console.log(found)
