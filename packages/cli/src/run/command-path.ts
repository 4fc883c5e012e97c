import { accessSync, constants, statSync } from 'node:fs'
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

export type CommandLookup = { path: string } | { error: 'not-found' | 'not-executable' }

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
      if (process.platform === 'win32' || isExecutable(path)) return { path }
      found ??= path
    }
  }
  return { error: found ? 'not-executable' : 'not-found' }
}
