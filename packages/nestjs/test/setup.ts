import { afterEach } from 'vitest'

// ConfigModule.forRoot copies .env into process.env; without this, one test's references
// would be the "shell" values of the next.
const saved = { ...process.env }
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
})
