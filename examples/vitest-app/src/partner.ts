/** The request the app sends the partner API: it carries the key. */
export function partnerRequest(path: string): { url: string; headers: Record<string, string> } {
  return { url: `https://partner.example.com${path}`, headers: { authorization: `Bearer ${process.env.API_KEY ?? ''}`, accept: 'application/json' } }
}

/** What the app shows about its partner connection: never the key. */
export function partnerStatus(): { configured: boolean; host: string } {
  return { configured: Boolean(process.env.API_KEY), host: 'partner.example.com' }
}
