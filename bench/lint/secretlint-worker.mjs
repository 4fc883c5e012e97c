// Runs secretlint on one batch of files in a worker thread, which then ends. secretlint's
// profiler keeps every performance mark it ever made and re-scans them as new ones arrive, so a
// long-lived engine grows slower with each file and keeps a core busy after the last one; a
// worker per batch bounds that and frees it all.
import { parentPort, workerData } from 'node:worker_threads'
import { createEngine } from '@secretlint/node'

const engine = await createEngine({
  cwd: workerData.cwd,
  formatter: 'json',
  color: false,
  maskSecrets: true,
  configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
})
const found = []
for (const { path, code } of workerData.files) {
  const { output } = await engine.executeOnContent({ content: code, filePath: path })
  for (const result of JSON.parse(output)) {
    for (const m of result.messages) found.push({ file: path, line: m.loc.start.line, rule: `secretlint/${m.ruleId}` })
  }
}
parentPort.postMessage(found)
