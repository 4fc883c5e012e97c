import type { HushError } from '@hush/core'

/**
 * What is wrong with a config, from core's `HUSH_BAD_CONFIG`, as one clause of a lint
 * message. Core already quotes nothing from the file; shape errors can still show a
 * setting's value (`"..." is not a duration`), so quoted text and numbers become "the value".
 */
export function configProblem(error: HushError, file: string): string {
  const path = error.where?.path
  // A syntax or run error: the reason says what is wrong with the file as a whole.
  if (error.summary.startsWith(`${file} could not be read`) && error.reason)
    return `${error.reason[0]!.toLowerCase()}${error.reason.slice(1).replace(/\.$/, '')}`
  const own = path && error.summary.startsWith(`${path} `) ? error.summary.slice(path.length + 1) : error.summary
  // The "(N more: a.b, c.d)" tail lists key paths only; the first part is where values appear.
  const tail = /\s\(\d+ more: [^)]*\)$/.exec(own)
  const head = tail ? own.slice(0, tail.index) : own
  const safe = head.replace(/"(?:[^"\\]|\\.)*"(?:\.\.\.)?/g, 'the value').replace(/\bis -?\d[\w.+-]*/g, 'is the value')
  return `the setting ${safe}${tail ? tail[0] : ''}`
}
