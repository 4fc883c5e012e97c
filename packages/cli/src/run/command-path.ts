import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { delimiter, isAbsolute, join, resolve } from 'node:path'

const isFile = (path: string) => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export type CommandLookup = { path: string } | { error: 'not-found' | 'not-executable' } | { error: 'bad-interpreter'; interpreter: string }

/** The program a script's `#!` line names, when it is an absolute path. */
function interpreterOf(path: string): string | undefined {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const head = Buffer.alloc(256)
    const line = head
      .subarray(0, readSync(fd, head, 0, head.length, 0))
      .toString('latin1')
      .split('\n')[0]!
    return line.startsWith('#!') ? /^#!\s*(\/\S*)/.exec(line)?.[1] : undefined
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Finds a command the way a shell does (`PATH`, or a path when it holds a slash), before
 * anything starts: a pseudo-terminal would otherwise report a missing command as the
 * child's own failure, and hush could not tell "not found" (127) from "cannot run" (126).
 */
export function findCommand(command: string, cwd: string, env: NodeJS.ProcessEnv): CommandLookup {
  const extensions = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';')] : ['']
  const candidates =
    command.includes('/') || (process.platform === 'win32' && command.includes('\\'))
      ? [isAbsolute(command) ? command : resolve(cwd, command)]
      : (env.PATH ?? env.Path ?? '').split(delimiter).map((dir) => join(dir ? resolve(cwd, dir) : cwd, command))
  let found: string | undefined
  for (const base of candidates) {
    for (const ext of extensions) {
      const path = base + ext
      if (!isFile(path)) continue
      if (process.platform === 'win32') return { path }
      if (isExecutable(path)) {
        // A script whose interpreter is missing fails inside the spawn: in a pseudo-terminal it
        // would look like the command's own exit code 1.
        const interpreter = interpreterOf(path)
        return interpreter && !(isFile(interpreter) && isExecutable(interpreter)) ? { error: 'bad-interpreter', interpreter } : { path }
      }
      found ??= path
    }
  }
  return { error: found ? 'not-executable' : 'not-found' }
}
