/** `hush turbo`'s flags as the parser gives them. */
export interface TurboCommandOptions {
  write?: boolean
  json?: boolean
}
