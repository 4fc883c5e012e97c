import { describe } from './describe.js'

const settings = {
  api: import.meta.env.VITE_API_URL,
  analytics: import.meta.env.PUBLIC_ANALYTICS_ID,
  stripe: import.meta.env.STRIPE_PUBLISHABLE_KEY,
}
document.querySelector('#app').textContent = describe(settings)
