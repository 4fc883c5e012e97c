// One generated positive per token format, cut into the parts near-misses change: a literal
// prefix, the random body, a literal suffix. Context formats carry the name that says what the
// value is, and a name that says it is not.
import { randomBytes } from 'node:crypto'
import { BIP39_ENGLISH } from '../src/detect/formats/bip39-english.js'
import {
  ALNUM,
  B64,
  B64URL,
  badMnemonic,
  DIGITS,
  grafanaToken,
  HEX,
  jwt,
  LOWER,
  mixed,
  mnemonic,
  pem,
  pick,
  puttyKey,
  UPPER,
  uuid,
  withBadCrc,
  withBase62Crc,
} from './format-samples.js'

export interface Spec {
  prefix?: string
  body: string
  suffix?: string
  /** Context formats: the name the value is assigned to (`NAME=value`). */
  name?: string
  /** A name holding the context word that says the value is something else. */
  blocked?: string
  /** One character shorter no longer fits the format. */
  short?: boolean
  /** One character longer no longer fits. */
  long?: boolean
  /** Variants that must not be found: a wrong checksum, a broken inner structure. */
  nearMisses?: string[]
  /** Where it is found, when not in `see the value <token> here` (or `NAME=value`). */
  text?: (token: string) => string
}

const U = UPPER + DIGITS
const L = LOWER + DIGITS
const exact = { short: true, long: true }
const digits = (n: number) => String(1 + Math.floor(Math.random() * 9)) + pick(DIGITS, n - 1)

export const SPECS: Record<string, () => Spec> = {
  // cloud
  'aws-access-key-id': () => ({ prefix: 'AKIA', body: pick(UPPER + '234567', 16), ...exact }),
  'aws-secret-access-key': () => ({ body: mixed(ALNUM + '/+', 40), name: 'aws_secret_access_key', ...exact }),
  'backblaze-application-key': () => ({ prefix: 'K002', body: mixed(ALNUM, 27), ...exact }),
  'google-api-key': () => ({ prefix: 'AIza', body: mixed(B64URL, 35), ...exact }),
  'google-oauth-secret': () => ({ prefix: 'GOCSPX-', body: mixed(B64URL, 28), ...exact }),
  'google-oauth-refresh-token': () => ({ prefix: '1//0', body: mixed(B64URL, 100) }),
  'google-oauth-access-token': () => ({ prefix: 'ya29.', body: mixed(B64URL, 150) }),
  'azure-storage-key': () => ({
    prefix: 'AccountKey=',
    body: mixed(B64, 86) + '==',
    text: (t) => `DefaultEndpointsProtocol=https;AccountName=app;${t};EndpointSuffix=core.windows.net`,
  }),
  'azure-shared-access-key': () => ({
    prefix: 'SharedAccessKey=',
    body: mixed(B64, 43) + '=',
    text: (t) => `Endpoint=sb://app.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;${t}`,
  }),
  'azure-ad-client-secret': () => ({ prefix: pick(ALNUM, 3) + '8Q~', body: mixed(ALNUM + '_~.-', 34), long: true }),
  'azure-devops-token': () => ({ prefix: mixed(ALNUM, 52) + 'AZDO', body: mixed(ALNUM, 28), ...exact }),
  'azure-devops-legacy-token': () => ({ body: pick(LOWER + '234567', 52), name: 'AZURE_DEVOPS_PAT', ...exact }),
  'digitalocean-token': () => ({ prefix: 'dop_v1_', body: pick(HEX, 64), ...exact }),
  'alibaba-access-key-id': () => ({ prefix: 'LTAI', body: mixed(ALNUM, 20), long: true }),
  'alibaba-access-key-secret': () => ({
    body: mixed(ALNUM, 30),
    name: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    blocked: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    ...exact,
  }),
  'tencent-secret-id': () => ({ prefix: 'AKID', body: mixed(ALNUM, 32), ...exact }),
  'tencent-secret-key': () => ({ body: mixed(ALNUM, 32), name: 'TENCENTCLOUD_SECRET_KEY', blocked: 'TENCENTCLOUD_SECRET_ID', ...exact }),
  'ibm-cloud-api-key': () => ({ body: mixed(B64URL, 44), name: 'IBM_CLOUD_API_KEY', blocked: 'IBM_INSTANCE_ID', ...exact }),
  'heroku-api-key': () => ({ prefix: 'HRKU-AA', body: mixed(B64URL, 58), ...exact }),
  'heroku-legacy-api-key': () => ({ body: uuid(), name: 'HEROKU_API_KEY', blocked: 'HEROKU_APP_ID', ...exact }),
  'flyio-token': () => ({ prefix: 'fo1_', body: mixed(B64URL, 43), ...exact }),
  'vercel-token': () => ({ body: mixed(ALNUM, 24), name: 'VERCEL_TOKEN', blocked: 'VERCEL_PROJECT_ID', ...exact }),
  'netlify-token': () => ({ prefix: 'nfp_', body: mixed(ALNUM, 40), long: true }),
  'netlify-legacy-token': () => ({ body: mixed(B64URL, 46), name: 'NETLIFY_AUTH_TOKEN', blocked: 'NETLIFY_SITE_ID', long: true }),
  'cloudflare-api-token': () => ({ body: mixed(B64URL, 40), name: 'CLOUDFLARE_API_TOKEN', blocked: 'CLOUDFLARE_ZONE_ID', ...exact }),
  'cloudflare-global-api-key': () => ({ body: pick(HEX, 37), name: 'CLOUDFLARE_API_KEY', blocked: 'CLOUDFLARE_ACCOUNT_ID', ...exact }),
  'cloudflare-origin-ca-key': () => ({ prefix: 'v1.0-', body: pick(HEX, 24) + '-' + pick(HEX, 146), ...exact }),
  'databricks-token': () => ({ prefix: 'dapi', body: pick(HEX, 32), ...exact }),
  'supabase-secret-key': () => ({ prefix: 'sbp_', body: pick(HEX, 40), ...exact }),
  'planetscale-token': () => ({ prefix: 'pscale_tkn_', body: mixed(ALNUM, 43) }),
  'tailscale-key': () => ({ prefix: `tskey-auth-k${mixed(ALNUM, 10)}CNTRL-`, body: mixed(ALNUM, 33) }),
  'doppler-token': () => ({ prefix: 'dp.pt.', body: mixed(ALNUM, 43) }),
  'vault-token': () => ({ prefix: 'hvs.', body: mixed(B64URL, 95) }),
  'vault-legacy-token': () => ({ prefix: 's.', body: mixed(ALNUM, 24), name: 'VAULT_TOKEN', ...exact }),
  'terraform-cloud-token': () => ({ prefix: `${mixed(ALNUM, 14)}.atlasv1.`, body: mixed(B64URL, 67) }),
  'pulumi-token': () => ({ prefix: 'pul-', body: pick(HEX, 40), ...exact }),
  'render-api-key': () => ({ prefix: 'rnd_', body: mixed(ALNUM, 32), ...exact }),

  // code hosting, registries, CI
  'github-token': () => {
    const token = withBase62Crc('ghp_')
    return {
      prefix: 'ghp_',
      body: token.slice(4),
      ...exact,
      // A wrong checksum on a patterned body; a random body is reported with or without one.
      nearMisses: [withBadCrc('ghp_' + 'abcdefghij'.repeat(3) + '012345'), 'ghp_' + 'a1B2'.repeat(9)],
    }
  },
  'github-fine-grained-token': () => ({ prefix: 'github_pat_', body: mixed(ALNUM, 22) + '_' + mixed(ALNUM, 59), ...exact }),
  'gitlab-token': () => ({ prefix: 'glpat-', body: mixed(B64URL, 20), short: true }),
  'gitlab-runner-registration-token': () => ({ prefix: 'GR1348941', body: mixed(B64URL, 20), ...exact }),
  'bitbucket-app-password': () => ({ prefix: 'ATBB', body: mixed(ALNUM, 32) }),
  'bitbucket-http-access-token': () => ({ prefix: 'BBDC-', body: mixed(ALNUM + '+/@_-', 44) }),
  'atlassian-api-token': () => ({ prefix: 'ATATT3', body: mixed(B64URL + '=', 186) }),
  'atlassian-personal-access-token': () => ({
    body: Buffer.concat([Buffer.from(digits(12) + ':'), randomBytes(20)]).toString('base64'),
    name: 'JIRA_PAT',
    blocked: 'JIRA_USER',
    ...exact,
    nearMisses: [`JIRA_PAT=${mixed(ALNUM, 44)}`],
  }),
  'npm-token': () => {
    const token = withBase62Crc('npm_')
    return { prefix: 'npm_', body: token.slice(4), ...exact, nearMisses: [withBadCrc('npm_' + 'AbCdEf0123'.repeat(3) + '000000')] }
  },
  'pypi-token': () => ({ prefix: 'pypi-AgEIcHlwaS5vcmc', body: mixed(B64URL, 70) }),
  'nuget-api-key': () => ({ prefix: 'oy2', body: pick(L, 43), ...exact }),
  'rubygems-api-key': () => ({ prefix: 'rubygems_', body: pick(HEX, 48), ...exact }),
  'docker-hub-token': () => ({ prefix: 'dckr_pat_', body: mixed(B64URL, 27), short: true }),
  'jfrog-token': () => ({ prefix: 'AKCp', body: mixed(ALNUM, 69), ...exact }),
  'sourcegraph-token': () => ({ prefix: `sgp_${pick(HEX, 16)}_`, body: pick(HEX, 40), ...exact }),
  'buildkite-token': () => ({ prefix: 'bkua_', body: pick(HEX, 40), ...exact }),
  'circleci-token': () => ({ prefix: 'CCIPAT_', body: mixed(ALNUM, 22) + '_' + pick(HEX, 40), ...exact }),
  'sonar-token': () => ({ prefix: 'squ_', body: pick(HEX, 40), ...exact }),
  'sonar-legacy-token': () => ({ body: pick(HEX, 40), name: 'SONAR_TOKEN', blocked: 'SONAR_PROJECT_KEY', ...exact }),
  'snyk-token': () => ({ body: uuid(), name: 'SNYK_TOKEN', blocked: 'SNYK_ORG_ID', ...exact }),
  'prefect-api-key': () => ({ prefix: 'pnu_', body: mixed(ALNUM, 36), ...exact }),
  'harness-token': () => ({ prefix: 'pat.', body: `${mixed(B64URL, 22)}.${pick(HEX, 24)}.${mixed(ALNUM, 20)}`, ...exact }),
  'postman-api-key': () => ({ prefix: 'PMAK-', body: `${pick(HEX, 24)}-${pick(HEX, 34)}`, ...exact }),
  'readme-api-key': () => ({ prefix: 'rdme_', body: pick(L, 70), ...exact }),

  // messaging
  'slack-token': () => ({
    prefix: 'xoxb-',
    body: `${digits(10)}-${digits(13)}-${mixed(ALNUM, 24)}`,
    nearMisses: [`xoxb-${mixed(ALNUM, 24)}`, `xoxb-${digits(4)}-${mixed(ALNUM, 24)}`, `xoxp-${digits(10)}-${mixed(ALNUM, 10)}`],
  }),
  'slack-app-token': () => ({ prefix: 'xapp-1-', body: `${pick(U, 11)}-${digits(13)}-${pick(HEX, 64)}`, ...exact }),
  'slack-config-token': () => ({ prefix: 'xoxe.xoxp-1-', body: mixed(ALNUM, 160) }),
  'slack-webhook': () => ({ prefix: `https://hooks.slack.com/services/T${pick(U, 8)}/B${pick(U, 10)}/`, body: mixed(ALNUM, 24) }),
  'discord-bot-token': () => ({
    body: `${Buffer.from(digits(18)).toString('base64url')}.${mixed(B64URL, 6)}.${mixed(B64URL, 38)}`,
    name: 'DISCORD_BOT_TOKEN',
    nearMisses: [`DISCORD_BOT_TOKEN=M${mixed(ALNUM, 23)}.${mixed(B64URL, 6)}.${mixed(B64URL, 38)}`],
  }),
  'twitter-bearer-token': () => ({ prefix: 'A'.repeat(22), body: mixed(ALNUM + '%', 100) }),
  'discord-webhook': () => ({ prefix: `https://discord.com/api/webhooks/${digits(18)}/`, body: mixed(B64URL, 68), long: true }),
  'telegram-bot-token': () => ({ prefix: `${digits(10)}:AA`, body: mixed(B64URL, 33), ...exact }),
  'microsoft-teams-webhook': () => ({
    prefix: `https://contoso.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/`,
    body: pick(HEX, 32),
    suffix: `/${uuid()}`,
  }),
  'azure-logic-app-webhook': () => ({
    prefix: `https://prod-12.westus.logic.azure.com:443/workflows/${pick(HEX, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=`,
    body: mixed(B64URL, 43),
  }),
  'mattermost-token': () => ({ body: mixed(L, 26), name: 'MATTERMOST_TOKEN', blocked: 'MATTERMOST_TEAM_ID', ...exact }),
  'twilio-api-key': () => ({ prefix: 'SK', body: pick(HEX, 32), ...exact }),
  'fcm-server-key': () => ({ prefix: `AAAA${mixed(B64URL, 7)}:APA91b`, body: mixed(B64URL, 140) }),
  'twilio-auth-token': () => ({ body: pick(HEX, 32), name: 'TWILIO_AUTH_TOKEN', blocked: 'TWILIO_ACCOUNT_SID', ...exact }),
  'sendgrid-api-key': () => ({ prefix: 'SG.', body: `${mixed(B64URL, 22)}.${mixed(B64URL, 43)}`, ...exact }),
  'mailgun-api-key': () => ({ prefix: 'key-', body: pick(HEX, 32), ...exact }),
  'mailchimp-api-key': () => ({ body: pick(HEX, 32), suffix: '-us14', short: true }),
  'brevo-api-key': () => ({ prefix: 'xkeysib-', body: `${pick(HEX, 64)}-${mixed(ALNUM, 16)}`, ...exact }),
  'postmark-token': () => ({ body: uuid(), name: 'POSTMARK_SERVER_TOKEN', blocked: 'POSTMARK_TEMPLATE_ID', ...exact }),
  'resend-api-key': () => ({ prefix: 're_', body: `${mixed(ALNUM, 8)}_${mixed(ALNUM, 24)}`, ...exact }),
  'intercom-token': () => ({ body: mixed(ALNUM, 59) + '=', name: 'INTERCOM_ACCESS_TOKEN', blocked: 'INTERCOM_APP_ID' }),

  // payments
  'stripe-secret-key': () => ({ prefix: 'sk_live_', body: mixed(ALNUM, 24) }),
  'stripe-webhook-secret': () => ({ prefix: 'whsec_', body: mixed(ALNUM, 32) }),
  'square-token': () => ({ prefix: 'sq0atp-', body: mixed(B64URL, 22), ...exact }),
  'braintree-access-token': () => ({ prefix: `access_token$production$${pick(L, 16)}$`, body: pick(HEX, 32), ...exact }),
  'paypal-client-secret': () => ({ prefix: 'E', body: mixed(B64URL, 79), name: 'PAYPAL_CLIENT_SECRET', blocked: 'PAYPAL_CLIENT_ID', ...exact }),
  'adyen-api-key': () => ({ prefix: 'AQE', body: mixed(ALNUM + '+/=._-', 120) }),
  'plaid-access-token': () => ({ prefix: 'access-sandbox-', body: uuid(), ...exact }),
  'plaid-secret': () => ({ body: pick(HEX, 30), name: 'PLAID_SECRET', blocked: 'PLAID_CLIENT_ID', ...exact }),
  'gocardless-token': () => ({ prefix: 'live_', body: mixed(B64URL, 40), name: 'GOCARDLESS_ACCESS_TOKEN', ...exact }),
  'shopify-token': () => ({ prefix: 'shpat_', body: pick(HEX, 32), ...exact }),
  'flutterwave-secret-key': () => ({ prefix: 'FLWSECK_TEST-', body: pick(HEX, 32), suffix: '-X', short: true }),

  // AI
  'anthropic-api-key': () => ({ prefix: 'sk-ant-api03-', body: mixed(B64URL, 93) + 'AA' }),
  'openai-api-key': () => ({ prefix: 'sk-proj-', body: `${mixed(B64URL, 74)}T3BlbkFJ${mixed(B64URL, 74)}` }),
  'huggingface-token': () => ({ prefix: 'hf_', body: pick(UPPER + LOWER, 34), ...exact }),
  'groq-api-key': () => ({ prefix: 'gsk_', body: mixed(ALNUM, 52), ...exact }),
  'perplexity-api-key': () => ({ prefix: 'pplx-', body: mixed(ALNUM, 48), ...exact }),
  'replicate-api-token': () => ({ prefix: 'r8_', body: mixed(ALNUM, 37), ...exact }),
  'xai-api-key': () => ({ prefix: 'xai-', body: mixed(ALNUM, 80), ...exact }),
  'langsmith-api-key': () => ({ prefix: 'lsv2_pt_', body: `${pick(HEX, 32)}_${pick(HEX, 10)}`, ...exact }),
  'cohere-api-key': () => ({ body: mixed(ALNUM, 40), name: 'COHERE_API_KEY', ...exact }),
  'mistral-api-key': () => ({ body: mixed(ALNUM, 32), name: 'MISTRAL_API_KEY', blocked: 'MISTRAL_MODEL', ...exact }),
  'deepseek-api-key': () => ({ prefix: 'sk-', body: pick(HEX, 32), name: 'DEEPSEEK_API_KEY', ...exact }),

  // observability
  'datadog-key': () => ({ body: pick(HEX, 32), name: 'DD_API_KEY', blocked: 'DD_CLIENT_TOKEN_DATADOG', ...exact }),
  'new-relic-key': () => ({ prefix: 'NRAK-', body: pick(U, 27), ...exact }),
  'dynatrace-token': () => ({ prefix: `dt0c01.${pick(U, 24)}.`, body: pick(U, 64), ...exact }),
  'grafana-cloud-token': () => ({ prefix: 'glc_', body: mixed(B64, 60) }),
  'grafana-service-account-token': () => {
    const token = grafanaToken()
    const bad = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')
    return { prefix: 'glsa_', body: token.slice(5), ...exact, nearMisses: [bad] }
  },
  'grafana-api-key': () => ({ prefix: 'eyJrIjoi', body: mixed(ALNUM, 80) }),
  'sentry-user-token': () => ({ prefix: 'sntryu_', body: pick(HEX, 64), ...exact }),
  'sentry-org-token': () => ({ prefix: `sntrys_eyJ${mixed(B64, 80)}_`, body: mixed(ALNUM, 43), ...exact }),
  'sentry-dsn-secret': () => ({
    prefix: `https://${pick(HEX, 32)}:`,
    body: pick(HEX, 32),
    suffix: '@o123456.ingest.sentry.io/7654321',
    nearMisses: [`https://${pick(HEX, 32)}@o123456.ingest.sentry.io/7654321`],
  }),
  'sentry-legacy-token': () => ({ body: pick(HEX, 64), name: 'SENTRY_AUTH_TOKEN', blocked: 'SENTRY_PROJECT_TOKEN', ...exact }),

  // productivity
  'linear-api-key': () => ({ prefix: 'lin_api_', body: mixed(ALNUM, 40), ...exact }),
  'notion-token': () => ({ prefix: `ntn_${digits(11)}`, body: mixed(ALNUM, 35), ...exact }),
  'airtable-token': () => ({ prefix: `pat${mixed(ALNUM, 14)}.`, body: pick(HEX, 64), ...exact }),
  'asana-token': () => ({ prefix: `1/${digits(16)}:`, body: pick(HEX, 32), name: 'ASANA_PAT', ...exact }),
  'clickup-token': () => ({ prefix: `pk_${digits(8)}_`, body: pick(U, 32), ...exact }),
  'figma-token': () => ({ prefix: 'figd_', body: mixed(B64URL, 40) }),
  'frameio-token': () => ({ prefix: 'fio-u-', body: mixed(B64URL, 64), ...exact }),
  'typeform-token': () => ({ prefix: 'tfp_', body: mixed(B64URL, 59) }),
  'contentful-management-token': () => ({ prefix: 'CFPAT-', body: mixed(B64URL, 43), ...exact }),
  'contentful-delivery-token': () => ({
    body: mixed(B64URL, 43),
    name: 'CONTENTFUL_ACCESS_TOKEN',
    blocked: 'CONTENTFUL_SPACE_ID',
    ...exact,
  }),
  'zendesk-token': () => ({ body: mixed(ALNUM, 40), name: 'ZENDESK_API_TOKEN', blocked: 'ZENDESK_SUBDOMAIN', ...exact }),
  'mapbox-secret-token': () => ({ prefix: `sk.eyJ${mixed(B64URL, 60)}.`, body: mixed(B64URL, 22) }),
  'algolia-admin-key': () => ({ body: pick(HEX, 32), name: 'ALGOLIA_ADMIN_KEY', blocked: 'ALGOLIA_SEARCH_KEY', ...exact }),
  'twitch-token': () => ({ body: mixed(L, 30), name: 'TWITCH_OAUTH_TOKEN', blocked: 'TWITCH_CLIENT_ID', ...exact }),
  'launchdarkly-key': () => ({ prefix: 'sdk-', body: uuid(), name: 'LAUNCHDARKLY_SDK_KEY', ...exact }),

  // identity
  'okta-token': () => ({ prefix: '00', body: mixed(B64URL, 40), name: 'OKTA_API_TOKEN', blocked: 'OKTA_CLIENT_ID', ...exact }),
  'auth0-client-secret': () => ({ body: mixed(B64URL, 64), name: 'AUTH0_CLIENT_SECRET', blocked: 'AUTH0_CLIENT_ID', ...exact }),
  '1password-secret-key': () => ({ prefix: 'A3-', body: `${pick(U, 6)}-${pick(U, 11)}-${pick(U, 5)}-${pick(U, 5)}-${pick(U, 5)}`, ...exact }),
  '1password-service-account-token': () => ({ prefix: 'ops_eyJ', body: mixed(B64, 300) }),

  // keys
  'private-key': () => ({
    body: pem('RSA '),
    nearMisses: [
      '-----BEGIN RSA PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      `-----BEGIN PRIVATE KEY-----\n${'X'.repeat(64)}\n-----END PRIVATE KEY-----`,
      `-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----`,
    ],
  }),
  'putty-private-key': () => ({ body: puttyKey(), nearMisses: ['PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nPrivate-Lines: 14\n...'] }),
  'age-secret-key': () => ({ prefix: 'AGE-SECRET-KEY-1', body: pick('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58), ...exact }),
  'hex-private-key': () => ({ prefix: '0x', body: pick(HEX, 64), name: 'PRIVATE_KEY', blocked: 'PRIVATE_KEY_HASH', ...exact }),
  'bip39-mnemonic': () => ({
    body: mnemonic(BIP39_ENGLISH),
    name: 'MNEMONIC',
    nearMisses: [`MNEMONIC=${badMnemonic(BIP39_ENGLISH)}`, `MNEMONIC=${'abandon '.repeat(11)}about`],
  }),
  jwt: () => ({ body: jwt() }),
}
