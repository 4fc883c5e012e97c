/**
 * Values that stand in for a secret: documentation, templates and defaults that are not
 * credentials (`changeme`, `<TOKEN>`, `your-api-key-here`, `xxx`, `${API_KEY}`).
 */
const WHOLE =
  /^(?:changeme|change[-_ ]?(?:me|it|this)|replace[-_ ]?me|todo|tbd|fixme|none|null|nil|undefined|empty|n\/a|na|redacted|hidden|masked|secret|secrets|password|passwd|pass|pwd|token|apikey|api[-_ ]key|key|test|testing|tester|dummy|fake|mock|mocked|sample|example|placeholder|default|foo|bar|baz|foobar|qwerty|letmein|admin|root|guest|user|username|secret123|password123|password1|passw0rd|p@ssw0rd|p@ssword|abc123|abcdef|abcdefg|123456|1234567|12345678|123456789|1234567890|0123456789|s3cr3t|supersecret|super[-_]secret|mysecret|my[-_]secret|mypassword|my[-_]password|topsecret|secretpassword|development|production|staging|local|localhost|required|optional|true|false|string|number|boolean)$/i
const PART =
  /x{4,}|X{4,}|\*{3,}|•{3,}|\.{3,}|example|placeholder|dummy|your[-_ .]|<[^>]+>|\{\{[^}]*\}\}|\$\{[^}]*\}|%[A-Za-z_]+%|\[[A-Za-z_ -]+\]|\b(?:insert|replace|enter|put|paste|add)[-_ ](?:your|the|a|an|key|token|secret|password|here)|[-_ ]here$|redacted|changeme|change[-_]me|not[-_ ]?(?:a[-_ ]?)?real|lorem|ipsum|0{8,}|(.)\1{7,}|a1b2c3|\bgenerate[-_ ](?:with|using|via|by|a|one|your|it|me)\b|openssl[-_ ]rand/i

/** `$API_KEY`: a shell variable, upper case only (`$Kth3` is part of a password). */
const SHELL_VAR = /\$[A-Z_]{3,}(?![a-z])/

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' }
/** `p@ss`, `s3cr3t`, `passw0rd`: a stand-in spelled with digits for letters. */
const unLeet = (v: string) => v.replace(/[013457@$]/g, (c) => LEET[c]!)

/** Whether `value` is a placeholder rather than a credential. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim()
  if (!v) return true
  // A run of the alphabet or of digits, in order: typed by hand for an example.
  if (WHOLE.test(v) || WHOLE.test(unLeet(v)) || PART.test(v) || SHELL_VAR.test(v) || /abcdefgh|12345678/.test(v)) return true
  // A handful of distinct characters is a pattern, not a key: `aaaa1111`, `abababab`.
  return new Set(v).size <= 3
}
