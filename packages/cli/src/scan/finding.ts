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

/** A file the scan did not read, and why: a NUL byte in its first 8 KB, over 2 MB, or an error reading it. */
export interface Skipped {
  /** Relative to the directory the scan ran in, with forward slashes; a folder ends with `/`. */
  file: string
  reason: 'binary' | 'too-large' | 'unreadable'
  /** For `unreadable`: the system's error code (`EACCES`, `ELOOP`, ...). */
  code?: string
}

/** A file to scan: its path as reported, and its bytes. */
export interface Source {
  file: string
  bytes: Buffer
}
