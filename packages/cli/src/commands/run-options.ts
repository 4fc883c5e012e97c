/** What cac hands the `run` action: `--no-mask` arrives as `mask: false`, the command after `--` as `'--'`. */
export interface RunCommandOptions {
  env?: string
  only?: string
  mask: boolean
  quiet?: boolean
  '--'?: string[]
}
