/** The output formats `hush scan --format` takes. */
export const FORMATS = ['text', 'json', 'sarif'] as const
export type Format = (typeof FORMATS)[number]

/** `hush scan`'s flags as the parser gives them. */
export interface ScanCommandOptions {
  staged?: boolean
  format: string
  knownValues?: boolean
}
