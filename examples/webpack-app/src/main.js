import { describe } from './describe.js'

const settings = {
  api: process.env.PUBLIC_API_URL,
  analytics: process.env.PUBLIC_ANALYTICS_ID,
  stripe: process.env.STRIPE_PUBLISHABLE_KEY,
}
document.querySelector('#app').textContent = describe(settings)
