/** The output formats `hush doctor --format` takes. */
export const DOCTOR_FORMATS = ['text', 'json', 'sarif'] as const

/** `hush doctor`'s flags as the parser gives them. */
export interface DoctorCommandOptions {
  env?: string
  warn: string
  json?: boolean
  format: string
}
