/** A store write or read-back that failed: nothing else was changed, and the message says what to do. */
export class StoreError extends Error {
  override name = 'StoreError'
}
