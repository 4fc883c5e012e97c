import type { Redactor } from '@hush/core'

// ANSI colour codes: a diff colours the part of a string that differs, which can cut a value in two.
const ANSI = /\u001b\[[0-9;]*m/g

/** Fields of vitest's serialized error that the reporter prints. */
const PRINTED = ['message', 'stack', 'stackStr', 'diff', 'actual', 'expected', 'name'] as const

/**
 * Masks values in a failed test's serialized errors before they leave the worker. Where a value
 * is found only once the colours are gone, the field loses its colours: a plain line beats a leak.
 */
export function redactErrors(errors: unknown[] | undefined, redactor: Redactor): void {
  for (const error of errors ?? []) redactError(error, redactor, new Set())
}

function redactError(error: unknown, redactor: Redactor, seen: Set<unknown>): void {
  if (!error || typeof error !== 'object' || seen.has(error)) return
  seen.add(error)
  const record = error as Record<string, unknown>
  for (const key of PRINTED) {
    const text = record[key]
    if (typeof text === 'string') record[key] = redactText(text, redactor)
  }
  redactError(record.cause, redactor, seen)
  if (Array.isArray(record.errors)) for (const e of record.errors) redactError(e, redactor, seen)
}

interface TaskLike {
  result?: { errors?: unknown[] }
  tasks?: TaskLike[]
}

/** Masks the errors of a suite and of everything in it. */
export function redactSuite(suite: TaskLike, redactor: Redactor): void {
  redactErrors(suite.result?.errors, redactor)
  for (const task of suite.tasks ?? []) redactSuite(task, redactor)
}

export function redactText(text: string, redactor: Redactor): string {
  const masked = redactor.redact(text)
  const plain = masked.replace(ANSI, '')
  return redactor.findAll(plain).length ? redactor.redact(plain) : masked
}
