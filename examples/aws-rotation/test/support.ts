import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const appDir = fileURLToPath(new URL('..', import.meta.url))

/** The environment an app on AWS would have, pointed at the local store. */
export const awsEnv = (url: string, extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH!,
  HUSH_ENV: 'production',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
  AWS_ENDPOINT_URL_SSM: url,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...extra,
})

/** Starts the app and collects its output; `waitFor` resolves when a line matches. */
export function startApp(env: Record<string, string>) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['src/app.js'], { cwd: appDir, env })
  let out = ''
  const waiters: Array<{ re: RegExp; done: (line: string) => void }> = []
  const onData = (chunk: Buffer) => {
    out += chunk.toString()
    for (const w of [...waiters]) {
      const m = out.split('\n').find((l) => w.re.test(l))
      if (m) {
        waiters.splice(waiters.indexOf(w), 1)
        w.done(m)
      }
    }
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  return {
    child,
    output: () => out,
    waitFor: (re: RegExp, ms = 15_000) =>
      new Promise<string>((resolve, reject) => {
        const found = out.split('\n').find((l) => re.test(l))
        if (found) return resolve(found)
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${re}; output so far:\n${out}`)), ms)
        waiters.push({ re, done: (l) => (clearTimeout(t), resolve(l)) })
        child.once('exit', () => setTimeout(() => reject(new Error(`app exited before ${re}; output:\n${out}`)), 50))
      }),
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.once('exit', (code) => resolve(code))
        child.stdin.end()
      }),
  }
}
