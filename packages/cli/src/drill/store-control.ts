/** The local store's runtime control, over HTTP, as a running `hush dev-store` or the drill's own exposes it. */
export class StoreControl {
  constructor(readonly url: string) {}

  private async call(path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(new URL(path, this.url), {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5000),
    })
    if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`)
    return response.json()
  }

  /** Whether a local store answers there (a real AWS endpoint has no control paths). */
  async isLocalStore(): Promise<boolean> {
    try {
      return ((await this.call('/_hush/health')) as { ok?: unknown }).ok === true
    } catch {
      return false
    }
  }

  setFaults(faults: Record<string, unknown>): Promise<unknown> {
    return this.call('/_hush/faults', faults)
  }

  /** Requests the store received and those it answered with a fault (or dropped), in all. */
  async counts(): Promise<{ total: number; faulted: number }> {
    const stats = (await this.call('/_hush/stats')) as { total: number; faulted: Record<string, number> }
    return { total: stats.total, faulted: Object.values(stats.faulted).reduce((a, b) => a + b, 0) }
  }
}
