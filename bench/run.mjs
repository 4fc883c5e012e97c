// `pnpm bench`: every benchmark, each printing hush against its named peer from one run.
import * as aws from './aws.mjs'
import * as bundler from './bundler.mjs'
import * as coldStart from './cold-start.mjs'
import * as detect from './detect.mjs'
import * as doctor from './doctor.mjs'
import * as get from './get.mjs'
import * as hushRun from './hush-run.mjs'
import * as lint from './lint.mjs'
import * as nest from './nest.mjs'
import * as parse from './parse.mjs'
import * as redact from './redact.mjs'
import * as scan from './scan.mjs'
import * as ssm from './ssm.mjs'

const results = []
for (const [name, bench] of [
  ['parse', parse],
  ['cold start', coldStart],
  ['warm get', get],
  ['redactor', redact],
  ['detect', detect],
  ['aws', aws],
  ['aws-ssm', ssm],
  ['bundler', bundler],
  ['lint', lint],
  ['scan', scan],
  ['hush run', hushRun],
  ['nestjs', nest],
  ['hush doctor', doctor],
]) {
  results.push([name, await bench.run()])
  console.log('')
}
console.log(`summary: ${results.map(([n, ok]) => `${n} ${ok ? 'met' : 'NOT met'}`).join(', ')}`)
