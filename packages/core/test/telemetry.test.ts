import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { metrics, trace } from '@opentelemetry/api'
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { expectNoValue } from '@hush/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHush } from '../src/hush.js'

/** A reader the test collects from when it wants, as an exporter on a timer would. */
class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve()
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve()
  }
}

const reader = new TestReader()
const spans = new InMemorySpanExporter()
beforeAll(() => {
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }))
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }))
})
afterAll(() => {
  metrics.disable()
  trace.disable()
})

/** Every data point by metric name: its attributes and value (a sum, or a histogram's count). */
async function points(): Promise<Map<string, Array<{ attributes: Record<string, unknown>; value: number }>>> {
  const { resourceMetrics } = (await reader.collect()) as { resourceMetrics: ResourceMetrics }
  const out = new Map<string, Array<{ attributes: Record<string, unknown>; value: number }>>()
  for (const scope of resourceMetrics.scopeMetrics) {
    if (scope.scope.name !== 'hush') continue
    for (const metric of scope.metrics) {
      out.set(
        metric.descriptor.name,
        metric.dataPoints.map((p) => ({ attributes: p.attributes, value: typeof p.value === 'number' ? p.value : (p.value as { count: number }).count })),
      )
    }
  }
  return out
}
const total = (list: Array<{ value: number }> | undefined) => (list ?? []).reduce((n, p) => n + p.value, 0)

describe('OpenTelemetry', () => {
  it('counts resolves, cache hits, errors and rotations, times store calls as spans, and no attribute holds a value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-otel-'))
    const values = { api: `a-${randomBytes(16).toString('hex')}`, db: `d-${randomBytes(16).toString('hex')}`, next: `n-${randomBytes(16).toString('hex')}` }
    writeFileSync(join(dir, 'db'), values.db)
    spans.reset()
    const hush = createHush({
      environment: 'staging',
      config: { secrets: { API_KEY: { from: 'env://API' }, DB_PASSWORD: { from: `file://${join(dir, 'db')}` }, MISSING: { from: 'env://NOPE' } } },
      env: { API: values.api },
    })
    await hush.load(['API_KEY', 'DB_PASSWORD'])
    for (let i = 0; i < 25; i++) await hush.get('API_KEY')
    await expect(hush.get('MISSING')).rejects.toThrow(/MISSING/)
    writeFileSync(join(dir, 'db'), values.next)
    await hush.refresh('DB_PASSWORD')
    const got = await points()
    const finished = spans.getFinishedSpans()
    await hush.close()

    const everything = JSON.stringify({
      metrics: [...got],
      spans: finished.map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events })),
    })
    expectNoValue(everything, Object.values(values), { in: 'the telemetry' })

    expect(total(got.get('hush.secret.resolves'))).toBeGreaterThanOrEqual(2)
    expect(
      got
        .get('hush.secret.resolves')!
        .map((p) => p.attributes['hush.store.scheme'])
        .sort(),
    ).toEqual(expect.arrayContaining(['env', 'file']))
    expect(got.get('hush.cache.hits')!.find((p) => p.attributes['hush.secret.name'] === 'API_KEY')?.value).toBe(25)
    expect(got.get('hush.errors')!.some((p) => p.attributes['hush.error.code'] === 'HUSH_NOT_FOUND' && p.attributes['hush.secret.name'] === 'MISSING')).toBe(
      true,
    )
    expect(got.get('hush.rotations')!.some((p) => p.attributes['hush.secret.name'] === 'DB_PASSWORD' && p.value === 1)).toBe(true)
    expect(got.get('hush.secret.resolves')!.every((p) => p.attributes['hush.environment'] === 'staging')).toBe(true)
    expect(total(got.get('hush.store.duration'))).toBe(finished.length)

    const resolves = finished.filter((s) => s.name === 'hush.store.resolve')
    expect(resolves.map((s) => s.attributes['hush.store.scheme']).sort()).toEqual(expect.arrayContaining(['env', 'file']))
    // The missing variable fails its reference, not the call: a partial answer, counted.
    const partial = resolves.find((s) => s.attributes['hush.outcome'] === 'partial')
    expect(partial?.attributes['hush.batch.failures']).toBe(1)
    expect(resolves.every((s) => typeof s.attributes['hush.batch.size'] === 'number')).toBe(true)
  })

  it('records nothing with telemetry: false', async () => {
    await points() // drain
    spans.reset()
    const hush = createHush({ telemetry: false, config: { secrets: { K: { from: 'env://K' } } }, env: { K: `k-${randomBytes(12).toString('hex')}` } })
    await hush.get('K')
    await hush.get('K')
    await hush.close()
    expect(spans.getFinishedSpans()).toEqual([])
    const after = await points()
    expect(after.get('hush.cache.hits')?.some((p) => p.attributes['hush.secret.name'] === 'K')).toBeFalsy()
  })
})
