import { setMaxListeners } from 'node:events'

/**
 * The signal for one provider call: aborted when the provider closes (a store that trickles
 * bytes never trips the SDK's idle timeout, and its sockets would keep the process alive) or
 * when hush gives up on the call (its timeout), so a call hush no longer waits for does not
 * keep a socket either. `release` drops the listener on the provider's long-lived signal.
 */
export function linkedSignal(closing: AbortSignal, call: AbortSignal | undefined): { abortSignal: AbortSignal; release: () => void } {
  if (!call) return { abortSignal: closing, release: () => {} }
  const linked = new AbortController()
  setMaxListeners(0, linked.signal)
  const abort = () => linked.abort()
  if (closing.aborted || call.aborted) abort()
  closing.addEventListener('abort', abort, { once: true })
  call.addEventListener('abort', abort, { once: true })
  return {
    abortSignal: linked.signal,
    release: () => {
      closing.removeEventListener('abort', abort)
      call.removeEventListener('abort', abort)
    },
  }
}
