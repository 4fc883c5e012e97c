declare module 'vitest' {
  // The declaration must repeat vitest's type parameter to merge with it, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Assertion<T = any> {
    /** Passes when the value (a string, bytes, or anything util.inspect shows) holds a value hush resolved, in any encoding the redactor knows. Use with `.not`. */
    toContainSecret(): void
  }
  interface AsymmetricMatchersContaining {
    toContainSecret(): unknown
  }
}

export {}
