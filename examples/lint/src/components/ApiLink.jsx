// Client code: only public values.
export function ApiLink() {
  return <a href={import.meta.env.VITE_API_URL}>API</a>
}
