export function describe({ api, analytics, stripe }) {
  return `API ${api} · analytics ${analytics} · payments ${stripe}`
}
