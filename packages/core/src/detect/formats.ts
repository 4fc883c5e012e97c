/**
 * Token formats that are secrets wherever they appear, whatever they are called. Each is
 * anchored on a vendor prefix or a fixed shape, so a match is strong evidence on its own.
 * Public counterparts (Stripe `pk_`, PEM public keys and certificates) are left out on purpose.
 */
export interface TokenFormat {
  id: string
  label: string
  pattern: RegExp
}

const B = '(?<![A-Za-z0-9_])'
const E = '(?![A-Za-z0-9_])'

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  { id: 'aws-access-key-id', label: 'AWS access key id', pattern: new RegExp(`${B}(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${E}`) },
  { id: 'github-token', label: 'GitHub token', pattern: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36,255}${E}`) },
  { id: 'github-fine-grained-token', label: 'GitHub fine-grained token', pattern: new RegExp(`${B}github_pat_[A-Za-z0-9_]{60,255}${E}`) },
  { id: 'gitlab-token', label: 'GitLab token', pattern: new RegExp(`${B}gl(?:pat|dt|ptt|rt|cbt|soat|ffct)-[A-Za-z0-9_-]{20,}${E}`) },
  { id: 'slack-token', label: 'Slack token', pattern: new RegExp(`${B}xox[abposr]-(?:[0-9]+-)*[A-Za-z0-9]{8,}(?:-[A-Za-z0-9]+)*${E}`) },
  {
    id: 'slack-webhook',
    label: 'Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_]{8,}\/[A-Za-z0-9_]{8,}\/[A-Za-z0-9_]{16,}/,
  },
  { id: 'stripe-secret-key', label: 'Stripe secret key', pattern: new RegExp(`${B}(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{20,247}${E}`) },
  { id: 'stripe-webhook-secret', label: 'Stripe webhook secret', pattern: new RegExp(`${B}whsec_[0-9A-Za-z+/]{24,}${E}`) },
  { id: 'google-api-key', label: 'Google API key', pattern: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`) },
  { id: 'google-oauth-secret', label: 'Google OAuth client secret', pattern: new RegExp(`${B}GOCSPX-[0-9A-Za-z_-]{28}${E}`) },
  { id: 'npm-token', label: 'npm token', pattern: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`) },
  { id: 'anthropic-api-key', label: 'Anthropic API key', pattern: new RegExp(`${B}sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,}${E}`) },
  {
    id: 'openai-api-key',
    label: 'OpenAI API key',
    pattern: new RegExp(
      `${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}${E}|${B}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}${E}|${B}sk-[A-Za-z0-9]{48}${E}`,
    ),
  },
  { id: 'twilio-api-key', label: 'Twilio API key', pattern: new RegExp(`${B}SK[0-9a-f]{32}${E}`) },
  { id: 'sendgrid-api-key', label: 'SendGrid API key', pattern: new RegExp(`${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`) },
  { id: 'mailgun-api-key', label: 'Mailgun API key', pattern: new RegExp(`${B}key-[0-9a-f]{32}${E}`) },
  { id: 'mailchimp-api-key', label: 'Mailchimp API key', pattern: new RegExp(`${B}[0-9a-f]{32}-us\\d{1,2}${E}`) },
  { id: 'digitalocean-token', label: 'DigitalOcean token', pattern: new RegExp(`${B}do[por]_v1_[a-f0-9]{64}${E}`) },
  { id: 'shopify-token', label: 'Shopify token', pattern: new RegExp(`${B}shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}${E}`) },
  { id: 'huggingface-token', label: 'Hugging Face token', pattern: new RegExp(`${B}hf_[A-Za-z]{34}${E}`) },
  { id: 'pypi-token', label: 'PyPI token', pattern: new RegExp(`${B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}${E}`) },
  { id: 'azure-storage-key', label: 'Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{86}==/ },
  { id: 'jwt', label: 'JSON Web Token', pattern: new RegExp(`${B}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}${E}`) },
  { id: 'private-key', label: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/ },
]

/** Cheap pre-check: every format above contains one of these, so most strings skip the list. */
export const FORMAT_HINT =
  /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|gl[a-z]{1,4}-|xox|hooks\.slack|_live_|_test_|whsec_|AIza|GOCSPX|npm_|sk-|SK[0-9a-f]|SG\.|key-|-us\d|_v1_|shp|hf_|pypi-|AccountKey|eyJ|PRIVATE KEY/
