// A long-running service. process.env is filled once at start; the live value comes from
// hush().get(), which refreshes in the background, so a rotation needs no restart.
import '@hush/dotenv/config'
import { hush } from '@hush/dotenv'

const secrets = hush()
let last = process.env.DB_PASSWORD
let connections = 0
console.log(
  `${process.env.APP_NAME}: started, DB password loaded (${last.length} characters, Secrets Manager), session secret loaded (${process.env.SESSION_SECRET.length} characters, Parameter Store)`,
)

const timer = setInterval(async () => {
  const password = await secrets.get('DB_PASSWORD')
  connections++
  if (password !== last) {
    const { version } = await secrets.describe('DB_PASSWORD')
    console.log(`${process.env.APP_NAME}: DB password rotated, reconnecting with the new one (version ${version}) after ${connections} connections, no restart`)
    console.log(`${process.env.APP_NAME}: careless log of it: ${password}`)
    last = password
  }
}, 100)

process.stdin.resume()
process.stdin.on('end', () => {
  clearInterval(timer)
  console.log(`${process.env.APP_NAME}: stopping`)
  process.exit(0)
})
