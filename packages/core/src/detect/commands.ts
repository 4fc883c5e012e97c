import { allMatches } from './all-matches.js'
import type { SecretFinding } from './detect.js'
import { judgeNamedValue } from './judge.js'
import { secretNameKind } from './names.js'

/**
 * Credentials passed on a command line held in a string: `curl -u user:pass`, `mysql -pPASS`,
 * `sshpass -p PASS`, `docker login -p PASS`, `redis-cli -a PASS`, `htpasswd -b file user PASS`,
 * and long flags named for a secret anywhere (`--password=...`, `--api-key ...`).
 */

/** How a flag carries its value: the next word, glued on (`-pPASS`), or either. */
type Takes = 'next' | 'glued' | 'both'
/** What the value is: a password, a token, or `user:password` (`%` for smbclient). */
type Holds = 'password' | 'key' | 'user:password'
interface Flag {
  flag: string
  takes: Takes
  holds: Holds
}

const f = (flag: string, takes: Takes, holds: Holds = 'password'): Flag => ({ flag, takes, holds })

/** Short flags per command; long flags named for a secret are read for every command. */
const COMMANDS: Record<string, { flags: Flag[]; after?: string }> = {
  curl: {
    flags: [
      f('-u', 'both', 'user:password'),
      f('--user', 'next', 'user:password'),
      f('-U', 'both', 'user:password'),
      f('--proxy-user', 'next', 'user:password'),
      f('--oauth2-bearer', 'next', 'key'),
    ],
  },
  mysql: { flags: [f('-p', 'glued')] },
  sshpass: { flags: [f('-p', 'both')] },
  // `-p` is a port to `docker run`: only the login subcommands take a password there.
  docker: { flags: [f('-p', 'both')], after: 'login' },
  'redis-cli': { flags: [f('-a', 'next')] },
  mongo: { flags: [f('-p', 'both')] },
  sqlcmd: { flags: [f('-P', 'both')] },
  ldap: { flags: [f('-w', 'next')] },
  smbclient: { flags: [f('-U', 'both', 'user:password')] },
  openssl: { flags: [f('-k', 'next')] },
  keytool: { flags: ['-storepass', '-keypass', '-srcstorepass', '-deststorepass', '-srckeypass', '-destkeypass'].map((x) => f(x, 'next')) },
  htpasswd: { flags: [] },
}

/** Command names, each mapped to its entry above. */
const ALIASES: Record<string, string> = {
  mysqldump: 'mysql',
  mysqladmin: 'mysql',
  mysqlimport: 'mysql',
  mysqlcheck: 'mysql',
  mariadb: 'mysql',
  'mariadb-dump': 'mysql',
  podman: 'docker',
  nerdctl: 'docker',
  buildah: 'docker',
  skopeo: 'docker',
  helm: 'docker',
  oras: 'docker',
  az: 'docker',
  mongosh: 'mongo',
  mongodump: 'mongo',
  mongorestore: 'mongo',
  mongoexport: 'mongo',
  mongoimport: 'mongo',
  bcp: 'sqlcmd',
  ldapsearch: 'ldap',
  ldapadd: 'ldap',
  ldapmodify: 'ldap',
  ldapdelete: 'ldap',
  ldapwhoami: 'ldap',
  ldappasswd: 'ldap',
  jarsigner: 'keytool',
}

const COMMAND = new RegExp(
  `(?<![\\w./-])(${[...Object.keys(COMMANDS), ...Object.keys(ALIASES)]
    .sort((a, b) => b.length - a.length)
    .map((c) => c.replace(/-/g, '\\-'))
    .join('|')})(?:\\.exe)?(?=[ \\t])`,
  'g',
)
/** `--name=value` or `--name value`, the name saying secret: judged in any text. */
const LONG_FLAG = /(?<![\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?=[= \t])/g

interface Word {
  /** The word with its quotes taken off. */
  value: string
  /** Where each character of `value` is in the text. */
  at: number
}

/** Shell words from `from` to the end of the command (a line break, `;`, `|`, `&&`, or a closing paren). */
function wordsFrom(text: string, from: number, max = 40): Word[] {
  const out: Word[] = []
  let i = from
  const end = Math.min(text.length, from + 1000)
  while (i < end && out.length < max) {
    const c = text[i]!
    if (c === ' ' || c === '\t') {
      i++
      continue
    }
    // A continued line: `\` before a real or an escaped line break.
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\\' && text[i + 2] === 'n'))) {
      i += text[i + 1] === '\n' ? 2 : 3
      continue
    }
    if (c === '\n' || c === ';' || c === '|' || c === '&' || c === ')' || c === '`' || c === '#') break
    let value = ''
    let at = -1
    while (i < end) {
      const d = text[i]!
      if (d === '"' || d === "'") {
        const close = text.indexOf(d, i + 1)
        const nl = text.indexOf('\n', i + 1)
        // An unclosed quote ends the command: in source text it closes a JS string.
        if (close < 0 || (nl >= 0 && nl < close)) return out
        if (at < 0) at = i + 1
        value += text.slice(i + 1, close)
        i = close + 1
        continue
      }
      if (/[\s;|&)`]/.test(d)) break
      if (at < 0) at = i
      value += d
      i++
    }
    if (at < 0) break
    out.push({ value, at })
  }
  return out
}

const LABELS: Record<Holds, string> = { password: 'a password in a command', 'user:password': 'a password in a command', key: 'a token in a command' }

/** Whether a flag's value is a credential: not a variable, a prompt (`-`), a placeholder or a file. */
function judge(value: string, holds: Holds): { index: number; length: number } | undefined {
  let v = value
  let index = 0
  if (holds === 'user:password') {
    const sep = v.search(/[:%]/)
    if (sep <= 0) return undefined
    index = sep + 1
    v = v.slice(index)
  }
  if (!v || /^[-$%<{@`]/.test(v)) return undefined
  return judgeNamedValue(v, holds === 'key' ? 'key' : 'password') ? { index, length: v.length } : undefined
}

function finding(word: Word, holds: Holds, offset = 0): SecretFinding | undefined {
  const hit = judge(word.value.slice(offset), holds)
  if (!hit) return undefined
  return { kind: 'command', label: LABELS[holds], index: word.at + offset + hit.index, length: hit.length }
}

/** The value of a flag in `words[i]`, glued or in the next word. */
function flagValue(words: Word[], i: number, flag: Flag): SecretFinding | undefined {
  const w = words[i]!
  if (w.value === flag.flag) {
    const next = words[i + 1]
    return flag.takes !== 'glued' && next && !next.value.startsWith('-') ? finding(next, flag.holds) : undefined
  }
  if (flag.takes !== 'next' && w.value.startsWith(flag.flag) && w.value.length > flag.flag.length && !flag.flag.startsWith('--'))
    return finding(w, flag.holds, flag.flag.length)
  if (flag.flag.startsWith('--') && w.value.startsWith(flag.flag + '=')) return finding(w, flag.holds, flag.flag.length + 1)
  return undefined
}

/** `htpasswd -b[c] file user PASS`, `htpasswd -nb user PASS`: the password is positional. */
function htpasswd(words: Word[]): SecretFinding | undefined {
  let batch = false
  let noFile = false
  const positional: Word[] = []
  for (const w of words) {
    if (/^-[a-zA-Z]+$/.test(w.value)) {
      batch ||= w.value.includes('b')
      noFile ||= w.value.includes('n')
    } else positional.push(w)
  }
  const pw = positional[noFile ? 1 : 2]
  return batch && pw ? finding(pw, 'password') : undefined
}

function matchCommand(text: string, name: string, from: number): SecretFinding[] {
  const entry = COMMANDS[ALIASES[name] ?? name]!
  const words = wordsFrom(text, from)
  if (entry === COMMANDS.htpasswd) {
    const hit = htpasswd(words)
    return hit ? [hit] : []
  }
  const out: SecretFinding[] = []
  let started = !entry.after
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (!started) {
      started = w.value === entry.after
      continue
    }
    for (const flag of entry.flags) {
      const hit = flagValue(words, i, flag)
      if (hit) {
        out.push(hit)
        break
      }
    }
    // openssl `-passin pass:SECRET`, `-pass pass:SECRET`.
    if (name === 'openssl' && w.value.startsWith('pass:')) {
      const hit = finding(w, 'password', 5)
      if (hit) out.push(hit)
    }
  }
  return out
}

/** `--password=...`, `--api-key ...`, `--from-literal=password=...`: a long flag named for a secret. */
function matchLongFlags(text: string): SecretFinding[] {
  const out: SecretFinding[] = []
  for (const m of allMatches(LONG_FLAG, text)) {
    const name = m[1]!
    const after = m.index + m[0].length
    const [word] = wordsFrom(text, text[after] === '=' ? after + 1 : after, 1)
    if (!word) continue
    // `--from-literal=password=...`, `--build-arg NPM_TOKEN=...`: a name and its value.
    const eq = word.value.indexOf('=')
    const kind = eq > 0 ? secretNameKind(word.value.slice(0, eq)) : secretNameKind(name)
    if (!kind) continue
    const hit = finding(word, kind, eq > 0 ? eq + 1 : 0)
    if (hit) out.push(hit)
  }
  return out
}

/** A flag (` -p`, ` --user`): rare in code outside commands. Compiled once; nothing the loop below calls uses it. */
const FLAG = /\s--?[A-Za-z]/g

export function matchCommands(text: string): SecretFinding[] {
  const out: SecretFinding[] = []
  // Every flag holds a `-`; most strings hold none.
  if (!text.includes('-')) return out
  if (text.includes('--')) out.push(...matchLongFlags(text))
  // Only lines holding a flag are searched for a command, back over continued lines (`curl \`
  // then `  -u ...`).
  const flags = FLAG
  flags.lastIndex = 0
  for (let hit = flags.exec(text); hit; hit = flags.exec(text)) {
    let start = text.lastIndexOf('\n', hit.index) + 1
    while (start > 1 && text[start - 2] === '\\') start = text.lastIndexOf('\n', start - 2) + 1
    let end = text.indexOf('\n', hit.index + 1)
    if (end < 0) end = text.length
    for (const m of allMatches(COMMAND, text.slice(start, end))) out.push(...matchCommand(text, m[1]!, start + m.index + m[0].length))
    flags.lastIndex = end
  }
  return out
}
