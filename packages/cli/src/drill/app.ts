import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

export interface App {
  child: ChildProcess
  /** Why the app is gone (its exit code or signal, or the spawn error), once it is. */
  gone(): string | undefined
  stop(): Promise<void>
}

/** A port nothing listens on now, for the app's PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts the app under test with `env` added to hush's environment. Its output is not shown: an
 * app under a drill may print what it should not, and the report is what the drill is for.
 */
export function startApp(command: readonly string[], env: Record<string, string>): App {
  const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, ...env }, stdio: 'ignore' })
  let why: string | undefined
  child.once('error', (error: NodeJS.ErrnoException) => (why = `it could not be started (${error.code ?? error.message})`))
  child.once('exit', (code, signal) => (why ??= signal ? `it was killed by ${signal}` : `it exited with code ${code}`))
  return {
    child,
    gone: () => why,
    async stop() {
      if (why !== undefined || child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}
