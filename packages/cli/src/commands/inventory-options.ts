/** The output formats `hush inventory --format` takes. */
export const INVENTORY_FORMATS = ['table', 'json', 'markdown'] as const

/** `hush inventory`'s flags as the parser gives them. */
export interface InventoryCommandOptions {
  env?: string
  format: string
  /** `true` for `--check` alone, the file for `--check FILE`. */
  check?: string | boolean
}
