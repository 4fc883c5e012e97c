// Stands in for a database driver: it only needs the real password, never prints it.
export function connect({ host, user, password }) {
  if (!password || /^[a-z][a-z0-9+.-]*:\/\//.test(password)) {
    throw new Error('db: got no password, or an unresolved reference instead of one')
  }
  return { host, user, passwordLength: password.length }
}
