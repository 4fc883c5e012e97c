// The few parts of `@opentelemetry/api` hush uses, typed here so hush's own types do not
// depend on the package (it is an optional peer).
export type Attributes = Record<string, string | number | boolean>

export interface Counter {
  add(value: number, attributes?: Attributes): void
}
export interface Histogram {
  record(value: number, attributes?: Attributes): void
}
export interface ObservableResult {
  observe(value: number, attributes?: Attributes): void
}
export interface ObservableCounter {
  addCallback(callback: (result: ObservableResult) => void): void
  removeCallback(callback: (result: ObservableResult) => void): void
}
export interface Meter {
  createCounter(name: string, options?: { description?: string; unit?: string }): Counter
  createHistogram(name: string, options?: { description?: string; unit?: string }): Histogram
  createObservableCounter(name: string, options?: { description?: string; unit?: string }): ObservableCounter
}
export interface Span {
  setAttribute(key: string, value: string | number | boolean): Span
  setStatus(status: { code: number; message?: string }): Span
  end(): void
}
export interface Tracer {
  startActiveSpan<T>(name: string, options: { attributes?: Attributes; kind?: number }, fn: (span: Span) => T): T
}
export interface OtelApi {
  metrics: { getMeter(name: string, version?: string): Meter }
  trace: { getTracer(name: string, version?: string): Tracer }
  SpanStatusCode: { ERROR: number; OK: number }
  SpanKind: { CLIENT: number }
}
