import { debugLog, parseBoolean } from './options.js'

export interface DotenvPopulateInput {
  [name: string]: string | undefined
}

export interface DotenvPopulateOutput {
  [name: string]: string | undefined
}

export interface DotenvPopulateOptions {
  /** Log why each key was or was not set. @default false */
  debug?: boolean | string
  /** Overwrite keys that are already set. @default false */
  override?: boolean | string
}

export type DotenvError = Error & { code: 'OBJECT_REQUIRED' | (string & {}) }

/** Copies `parsed` into `processEnv` as dotenv does; returns the keys actually set. */
export function populate(processEnv: DotenvPopulateInput, parsed: DotenvPopulateInput, options: DotenvPopulateOptions = {}): DotenvPopulateOutput {
  const debug = parseBoolean(options && options.debug)
  const override = parseBoolean(options && options.override)
  const written: DotenvPopulateOutput = {}
  if (processEnv === null || typeof processEnv !== 'object' || parsed === null || typeof parsed !== 'object') {
    const error = new Error('OBJECT_REQUIRED: Please check the processEnv argument being passed to populate') as DotenvError
    error.code = 'OBJECT_REQUIRED'
    throw error
  }
  for (const key of Object.keys(parsed)) {
    if (Object.prototype.hasOwnProperty.call(processEnv, key)) {
      if (override === true) {
        processEnv[key] = parsed[key]
        written[key] = parsed[key]
      }
      if (debug) debugLog(override === true ? `"${key}" is already defined and WAS overwritten` : `"${key}" is already defined and was NOT overwritten`)
    } else {
      processEnv[key] = parsed[key]
      written[key] = parsed[key]
    }
  }
  return written
}
