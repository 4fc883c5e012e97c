import { B, bare, E, HEX, prefixed, UUID, type TokenFormat } from './define.js'

/** Slack's token kinds: numeric workspace and user segments, then a random part of a known length. */
function slackShape(token: string): boolean {
  const [kind, ...parts] = token.split('-')
  const last = parts.pop() ?? ''
  if (!parts.every((p) => /^\d+$/.test(p))) return false
  if (kind === 'xoxb' || kind === 'xoxp')
    return parts.length >= 1 && parts.length <= 3 && parts.every((p) => p.length >= 8 && p.length <= 14) && last.length >= 18
  return last.length >= 8
}

/** The first part of a Discord bot token is the bot's numeric id in base64. */
function discordIdPart(token: string): boolean {
  return /^\d{17,20}$/.test(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('latin1'))
}

/** Chat, email and SMS services. */
export const MESSAGING_FORMATS: readonly TokenFormat[] = [
  {
    id: 'slack-token',
    label: 'Slack token',
    // Dash-separated segments, judged by slackShape: one repetition, so no input makes it backtrack.
    pattern: new RegExp(`${B}xox[abposr](?:-[A-Za-z0-9]+){1,8}${E}`),
    keywords: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-'],
    entropy: 3,
    validate: slackShape,
  },
  {
    id: 'slack-app-token',
    label: 'Slack app-level token',
    pattern: prefixed('xapp-', `\\d-[A-Z0-9]{9,12}-\\d{10,14}-${HEX}{64}`),
    keywords: ['xapp-'],
    entropy: 3,
  },
  {
    id: 'slack-config-token',
    label: 'Slack configuration token',
    pattern: new RegExp(`${B}xoxe(?:\\.xox[bp])?-\\d-(?<body>[A-Za-z0-9]{140,170})${E}`),
    keywords: ['xoxe-', 'xoxe.xoxb-', 'xoxe.xoxp-'],
    entropy: 4,
  },
  {
    id: 'slack-webhook',
    label: 'Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_]{8,}\/[A-Za-z0-9_]{8,}\/(?<body>[A-Za-z0-9_]{16,})/,
    keywords: ['hooks.slack.com/'],
    entropy: 3,
  },
  {
    id: 'discord-bot-token',
    label: 'Discord bot token',
    pattern: bare('[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6,7}\\.[A-Za-z0-9_-]{27,38}'),
    keywords: [],
    context: ['discord', 'bot_token', 'bottoken', 'bot-token', '.login('],
    entropy: 4,
    validate: discordIdPart,
  },
  {
    // X (Twitter) app-only bearer tokens: a run of `A` (the app's zero-padded id), then the
    // key, URL-encoded. The run is the format, so the generic "repeated character" stand-in
    // check is replaced by one on the part after it.
    id: 'twitter-bearer-token',
    label: 'X (Twitter) bearer token',
    pattern: /(?<![A-Za-z0-9%])A{21,23}(?<body>[A-Za-z0-9%]{80,120})(?![A-Za-z0-9%])/,
    keywords: ['AAAAAAAAAAAAAAAAAAAAA'],
    entropy: 4,
    checksPlaceholders: true,
    validate: (_, body) => /[a-z]/.test(body) && /[A-Z]/.test(body) && /\d/.test(body) && !/x{4}|X{4}/.test(body),
  },
  {
    id: 'discord-webhook',
    label: 'Discord webhook URL',
    pattern: /https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api(?:\/v\d{1,2})?\/webhooks\/\d{17,20}\/(?<body>[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/,
    keywords: ['discord.com/api', 'discordapp.com/api'],
    entropy: 4,
  },
  {
    id: 'telegram-bot-token',
    label: 'Telegram bot token',
    pattern: new RegExp(`${B}\\d{6,12}:AA(?<body>[A-Za-z0-9_-]{33})${E}`),
    keywords: [':AA'],
    entropy: 3.6,
  },
  {
    id: 'microsoft-teams-webhook',
    label: 'Microsoft Teams webhook URL',
    pattern: new RegExp(
      `https://(?:[a-z0-9-]+\\.webhook|outlook)\\.office(?:365)?\\.com/webhook(?:b2)?/${UUID}@${UUID}/IncomingWebhook/(?<body>${HEX}{32})/${UUID}(?:/[A-Za-z0-9_-]{20,})?`,
    ),
    keywords: ['.webhook.office.com/', 'outlook.office.com/webhook', 'outlook.office365.com/webhook'],
    entropy: 2.8,
  },
  {
    id: 'azure-logic-app-webhook',
    label: 'Azure Logic Apps / Power Automate trigger URL',
    pattern: new RegExp(`https://[a-z0-9.-]+\\.logic\\.azure\\.com(?::443)?/workflows/${HEX}{32}/triggers/[^\\s'"\`]*?[?&]sig=(?<body>[A-Za-z0-9_%-]{40,})`),
    keywords: ['.logic.azure.com'],
    entropy: 4,
  },
  {
    id: 'mattermost-token',
    label: 'Mattermost access token',
    pattern: bare('[a-z0-9]{26}'),
    keywords: [],
    context: ['mattermost'],
    unlessName: /url|team|channel|user|[_.-]id\b/i,
    entropy: 3.2,
  },
  {
    id: 'twilio-api-key',
    label: 'Twilio API key',
    pattern: prefixed('SK', `${HEX}{32}`),
    keywords: [...'0123456789abcdef'].map((c) => `SK${c}`),
    entropy: 2.8,
    // `apiKeySid: 'SK…'`: Twilio calls it the key's SID and pairs it with a separate secret.
    unlessName: /sid$/i,
  },
  {
    // Firebase Cloud Messaging's legacy server key: an instance id, then `APA91b` and the key.
    id: 'fcm-server-key',
    label: 'Firebase Cloud Messaging server key',
    pattern: /(?<![A-Za-z0-9_-])AAAA[A-Za-z0-9_-]{7}:APA91b(?<body>[A-Za-z0-9_-]{120,160})(?![A-Za-z0-9_-])/,
    keywords: [':APA91b'],
    entropy: 4,
  },
  {
    id: 'twilio-auth-token',
    label: 'Twilio auth token',
    pattern: bare(`${HEX}{32}`),
    keywords: [],
    context: ['twilio'],
    unlessName: /sid|account_?id|phone|number|from|to\b/i,
    entropy: 2.8,
  },
  {
    id: 'sendgrid-api-key',
    label: 'SendGrid API key',
    pattern: new RegExp(`${B}SG\\.[A-Za-z0-9_-]{22}\\.(?<body>[A-Za-z0-9_-]{43})${E}`),
    keywords: ['SG.'],
    entropy: 4,
  },
  { id: 'mailgun-api-key', label: 'Mailgun API key', pattern: prefixed('key-', `${HEX}{32}`), keywords: ['key-'], entropy: 2.8 },
  {
    id: 'mailchimp-api-key',
    label: 'Mailchimp API key',
    pattern: new RegExp(`${B}(?<body>${HEX}{32})-us\\d{1,2}${E}`),
    keywords: ['-us'],
    entropy: 2.8,
  },
  {
    id: 'brevo-api-key',
    label: 'Brevo (Sendinblue) API key',
    pattern: prefixed(['xkeysib-', 'xsmtpsib-'], `${HEX}{64}-[A-Za-z0-9]{16}`),
    keywords: ['xkeysib-', 'xsmtpsib-'],
    entropy: 3.2,
  },
  {
    id: 'postmark-token',
    label: 'Postmark server token',
    pattern: bare(UUID),
    keywords: [],
    context: ['postmark'],
    unlessName: /[_.-]id\b|stream|template|url/i,
  },
  { id: 'resend-api-key', label: 'Resend API key', pattern: prefixed('re_', '[A-Za-z0-9]{8}_[A-Za-z0-9]{24}'), keywords: ['re_'], entropy: 3.6 },
  {
    id: 'intercom-token',
    label: 'Intercom access token',
    pattern: bare('[A-Za-z0-9_+/=-]{59,60}={0,1}'),
    keywords: [],
    context: ['intercom'],
    unlessName: /app_?id|workspace|url/i,
    entropy: 4,
  },
]
