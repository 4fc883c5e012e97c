import type { HushError } from '../errors.js'
import { type Actor, currentActor, type EventHub } from '../events.js'
import type { Located } from './lookup.js'

/** The fields every event of one resolver starts with, and the error event most paths share. */
export interface Report {
  readonly events: EventHub
  /** When, who and in which environment: the start of every event. */
  base: () => { time: number; actor: Actor; environment: string }
  /** Which secret an event is about: name, reference and the manifest's purpose, never the value. */
  about(secret: Located): { name: string; reference: string; purpose?: string }
  /** Emits an 'error' event, if anyone listens. */
  error(error: HushError, secret?: Located): void
}

export function createReport(events: EventHub, environment: string): Report {
  const base = () => ({ time: Date.now(), actor: currentActor(), environment })
  const about = (s: Located) => ({ name: s.name, reference: s.ref.raw, ...(s.spec?.purpose ? { purpose: s.spec.purpose } : {}) })
  return {
    events,
    base,
    about,
    error(error, secret) {
      if (events.wants('error')) {
        events.emit({ ...base(), ...(secret ? about(secret) : {}), type: 'error', code: error.code, message: error.message })
      }
    },
  }
}
