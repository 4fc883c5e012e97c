import type { RuleId } from './rules.js'

/** One secret found in one file. Holds where and what kind, never the value: `preview` is 4 characters at most. */
export interface Finding {
  /** Relative to the directory the scan ran in, with forward slashes. */
  file: string
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 code units. */
  column: number
  rule: RuleId
  /** What was found, for people: "a GitHub token", "the value of DB_PASSWORD (base64)". */
  label: string
  /** The first characters of the value (4 at most, a quarter of it at most) and `…`. */
  preview: string
  fix: string
}

/** A file the scan did not read, and why. */
export interface Skipped {
  file: string
  reason: 'binary' | 'too-large'
}

/** A file to scan: its path as reported, and its bytes. */
export interface Source {
  file: string
  bytes: Buffer
}
