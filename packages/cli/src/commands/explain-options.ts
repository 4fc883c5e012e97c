/** `hush explain`'s flags as the parser gives them. */
export interface ExplainCommandOptions {
  env?: string
  json?: boolean
}
