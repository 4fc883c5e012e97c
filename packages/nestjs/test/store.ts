import { HushError, type Provider } from '@hush/core'

/**
 * A store in memory under the scheme `memo://`, for what a real store cannot be made to do on
 * cue in a unit test: go down and come back. (The example app's tests do it with
 * @hush/local-store over HTTP.)
 */
export function memoStore(values: Record<string, string>) {
  const state = { down: false, version: 1 }
  const provider: Provider = {
    scheme: 'memo',
    resolve(refs) {
      return Promise.resolve(
        refs.map((ref) => {
          if (state.down) return new HushError('HUSH_STORE_UNAVAILABLE', { message: `memo store is down`, reference: ref.raw })
          const value = values[ref.path.replace(/^\/+/, '')]
          return value === undefined
            ? new HushError('HUSH_NOT_FOUND', { message: `${ref.raw} does not exist`, reference: ref.raw })
            : { value, version: `v${state.version}` }
        }),
      )
    },
  }
  return {
    provider,
    values,
    set down(down: boolean) {
      state.down = down
    },
    rotate(key: string, value: string) {
      values[key] = value
      state.version++
    },
  }
}
