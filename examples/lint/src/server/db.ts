// Server code: secrets come from the environment and only their shape is logged.
const password = process.env.DB_PASSWORD
if (!password) throw new Error('DB_PASSWORD is not set')

export function connect(host: string): { host: string; user: string; password: string } {
  console.log('connecting to %s (password: %d characters)', host, password!.length)
  return { host, user: 'app', password: password! }
}
