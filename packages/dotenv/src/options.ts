/** dotenv's reading of option strings: "false", "0", "no", "off" and "" are false. */
export function parseBoolean(value: unknown): boolean {
  return typeof value === 'string' ? !['false', '0', 'no', 'off', ''].includes(value.toLowerCase()) : !!value
}

export interface EnvOptions {
  encoding?: string
  path?: string
  quiet?: boolean
  debug?: boolean
  override?: boolean
  fast?: boolean
}

/** Options from `DOTENV_<NAME>`, else `DOTENV_CONFIG_<NAME>`, as dotenv 18 reads them. */
export function optionsFromEnv(env: Record<string, string | undefined> = process.env): EnvOptions {
  const out: Record<string, string | boolean> = {}
  for (const name of ['ENCODING', 'PATH', 'QUIET', 'DEBUG', 'OVERRIDE', 'FAST']) {
    const value = env[`DOTENV_${name}`] != null ? env[`DOTENV_${name}`] : env[`DOTENV_CONFIG_${name}`]
    if (value != null) out[name.toLowerCase()] = name === 'ENCODING' || name === 'PATH' ? value : parseBoolean(value)
  }
  return out
}

/** dotenv's debug line on stdout. */
export const debugLog = (message: string) => console.log(`\u2506 ${message}`)
/** dotenv's status line on stderr. */
export const statusLog = (message: string) => console.error(`\u25C7 ${message}`)
