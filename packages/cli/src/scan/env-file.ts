import { detectSecret, envValueKind } from '@hush/core/detect'

/** `.env`, `.env.local`, `.env.production`, `app.env`: files dotenv reads. */
export const isEnvFile = (file: string) => /(?:^|\/)(?:\.env(?:\.[^/]+)?|[^/]+\.env)$/.test(file)

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=[ \t]*/

/** A plain secret on a `.env` line: where its value starts, what it is, and the value's span for the preview. */
export interface EnvSecret {
  /** Offset of the value in the file. */
  index: number
  length: number
  label: string
}

/**
 * The plain secret values in a `.env` file, judged by name and value as hush.config would see
 * them: a reference (`aws-sm://...`) or a placeholder is fine, a token or a password is not.
 */
export function envSecrets(text: string): EnvSecret[] {
  const out: EnvSecret[] = []
  let offset = 0
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw)
    if (m) {
      const start = m[0].length
      const { value, from } = unquote(raw.slice(start).replace(/\r$/, ''))
      if (value && envValueKind(value) !== 'reference') {
        const found = detectSecret(value, { name: m[1]! })
        if (found) out.push({ index: offset + start + from, length: value.length, label: found.label })
      }
    }
    offset += raw.length + 1
  }
  return out
}

/** A dotenv value: inside its quotes, or up to a ` #` comment. `from`: where it starts after the quote. */
function unquote(rest: string): { value: string; from: number } {
  const q = rest[0]
  if (q === '"' || q === "'" || q === '`') {
    const end = rest.indexOf(q, 1)
    return { value: rest.slice(1, end < 0 ? undefined : end), from: 1 }
  }
  return { value: rest.replace(/[ \t]+#.*$/, '').trim(), from: 0 }
}
