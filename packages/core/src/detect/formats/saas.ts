import { hasGrafanaCrc } from '../checksum.js'
import { B, bare, E, HEX, prefixed, UUID, type TokenFormat } from './define.js'

/** Observability and error tracking. */
export const OBSERVABILITY_FORMATS: readonly TokenFormat[] = [
  {
    // API keys are 32 hex digits, application keys 40; RUM client tokens (`pub…`) are public.
    id: 'datadog-key',
    label: 'Datadog API or application key',
    pattern: bare(`${HEX}{32}(?:${HEX}{8})?`),
    keywords: [],
    context: ['datadog', 'dd_api_key', 'dd-api-key', 'dd_app_key', 'dd-app-key', 'dd_application_key', 'dd-application-key'],
    unlessName: /client_?token|rum|site|service|env\b|version|url|host/i,
    entropy: 2.8,
  },
  {
    id: 'new-relic-key',
    label: 'New Relic key',
    pattern: new RegExp(`${B}(?:NRAK-(?<body>[A-Z0-9]{27})|NRII-[A-Za-z0-9_-]{32}|${HEX}{36}NRAL)${E}`),
    keywords: ['NRAK-', 'NRII-', 'NRAL'],
    entropy: 3.2,
  },
  {
    id: 'dynatrace-token',
    label: 'Dynatrace token',
    pattern: new RegExp(`${B}dt0[cs][01]\\d\\.[A-Z0-9]{24}\\.(?<body>[A-Z0-9]{64})${E}`),
    keywords: ['dt0c0', 'dt0c1', 'dt0s0', 'dt0s1'],
    entropy: 3.8,
  },
  {
    id: 'grafana-cloud-token',
    label: 'Grafana Cloud token',
    pattern: prefixed('glc_', '[A-Za-z0-9+/]{32,400}={0,3}'),
    keywords: ['glc_'],
    entropy: 3.6,
  },
  {
    id: 'grafana-service-account-token',
    label: 'Grafana service account token',
    pattern: prefixed('glsa_', `[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}`),
    keywords: ['glsa_'],
    validate: (token) => hasGrafanaCrc(token),
  },
  {
    // Legacy API keys: base64 of `{"k":"...`.
    id: 'grafana-api-key',
    label: 'Grafana API key',
    pattern: prefixed('eyJrIjoi', '[A-Za-z0-9]{70,400}={0,3}'),
    keywords: ['eyJrIjoi'],
    entropy: 4,
  },
  { id: 'sentry-user-token', label: 'Sentry user auth token', pattern: prefixed('sntryu_', `${HEX}{64}`), keywords: ['sntryu_'], entropy: 3.2 },
  {
    id: 'sentry-org-token',
    label: 'Sentry organization auth token',
    pattern: new RegExp(`${B}sntrys_eyJ[A-Za-z0-9+/=]{40,400}_(?<body>[A-Za-z0-9+/]{43})(?![A-Za-z0-9_+/=-])`),
    keywords: ['sntrys_'],
    entropy: 4,
  },
  {
    // The old DSN form carried a secret key after the public one; the public key alone is fine to ship.
    id: 'sentry-dsn-secret',
    label: 'Sentry DSN secret key',
    pattern: new RegExp(`https?://${HEX}{32}:(?<body>${HEX}{32})@[A-Za-z0-9.-]*sentry[A-Za-z0-9.-]*(?::\\d+)?/\\d+`),
    keywords: ['sentry'],
    entropy: 2.8,
  },
  {
    id: 'sentry-legacy-token',
    label: 'Sentry auth token',
    pattern: bare(`${HEX}{64}`),
    keywords: [],
    context: ['sentry'],
    unlessName: /dsn|org|project|url|release|environment/i,
    entropy: 3.2,
  },
]

/** Productivity, design, content and developer platforms. */
export const PRODUCTIVITY_FORMATS: readonly TokenFormat[] = [
  {
    id: 'linear-api-key',
    label: 'Linear API key',
    pattern: new RegExp(`${B}(?:lin_api_(?<body>[A-Za-z0-9]{40})|lin_oauth_${HEX}{64})${E}`),
    keywords: ['lin_api_', 'lin_oauth_'],
    entropy: 3.8,
  },
  {
    id: 'notion-token',
    label: 'Notion integration token',
    pattern: new RegExp(`${B}(?:ntn_\\d{11}(?<body>[A-Za-z0-9]{35})|secret_[A-Za-z0-9]{43})${E}`),
    keywords: ['ntn_', 'secret_'],
    entropy: 3.8,
    validate: (token) => /[a-z]/.test(token) && /[A-Z]/.test(token) && /\d/.test(token),
  },
  {
    id: 'airtable-token',
    label: 'Airtable personal access token',
    pattern: new RegExp(`${B}pat[A-Za-z0-9]{14}\\.(?<body>${HEX}{64})${E}`),
    keywords: ['pat'],
    entropy: 3.2,
  },
  {
    id: 'asana-token',
    label: 'Asana personal access token',
    pattern: new RegExp(`${B}[0-2]/\\d{10,20}(?:/\\d{10,20})?:(?<body>${HEX}{32})${E}`),
    keywords: [],
    context: ['asana'],
    entropy: 2.8,
  },
  { id: 'clickup-token', label: 'ClickUp API token', pattern: prefixed('pk_', '\\d{6,12}_[A-Z0-9]{32}'), keywords: ['pk_'], entropy: 3.5 },
  { id: 'figma-token', label: 'Figma access token', pattern: prefixed('figd_', '[A-Za-z0-9_-]{38,48}'), keywords: ['figd_'], entropy: 4 },
  { id: 'frameio-token', label: 'Frame.io API token', pattern: prefixed('fio-u-', '[A-Za-z0-9_=-]{64}'), keywords: ['fio-u-'], entropy: 4 },
  { id: 'typeform-token', label: 'Typeform access token', pattern: prefixed('tfp_', '[A-Za-z0-9_.=-]{40,64}'), keywords: ['tfp_'], entropy: 4 },
  {
    id: 'contentful-management-token',
    label: 'Contentful management token',
    pattern: prefixed('CFPAT-', '[A-Za-z0-9_-]{43}'),
    keywords: ['CFPAT-'],
    entropy: 4,
  },
  {
    id: 'contentful-delivery-token',
    label: 'Contentful delivery token',
    pattern: bare('[A-Za-z0-9_-]{43}'),
    keywords: [],
    context: ['contentful'],
    unlessName: /space|environment|host|url|[_.-]id\b/i,
    entropy: 4,
  },
  {
    id: 'zendesk-token',
    label: 'Zendesk API token',
    pattern: bare('[A-Za-z0-9]{40}'),
    keywords: [],
    context: ['zendesk'],
    unlessName: /subdomain|url|email|user|[_.-]id\b/i,
    entropy: 4,
  },
  {
    id: 'mapbox-secret-token',
    label: 'Mapbox secret token',
    pattern: new RegExp(`${B}sk\\.eyJ[A-Za-z0-9_-]{10,}\\.(?<body>[A-Za-z0-9_-]{20,})${E}`),
    keywords: ['sk.eyJ'],
    entropy: 3.3,
  },
  {
    // Search-only keys are public by design; only a name that does not say so counts.
    id: 'algolia-admin-key',
    label: 'Algolia admin API key',
    pattern: bare(`${HEX}{32}`),
    keywords: [],
    context: ['algolia'],
    unlessName: /search|public|app_?id|application_?id|index|client|insights|places/i,
    entropy: 2.8,
  },
  {
    id: 'twitch-token',
    label: 'Twitch token',
    pattern: bare('[a-z0-9]{30}'),
    keywords: [],
    context: ['twitch'],
    unlessName: /client_?id|channel|user|broadcaster|[_.-]id\b/i,
    entropy: 3.3,
  },
  {
    id: 'launchdarkly-key',
    label: 'LaunchDarkly key',
    pattern: bare(`(?:api|sdk)-${UUID}`),
    keywords: [],
    context: ['launchdarkly', 'ld_sdk', 'ld-sdk', 'ldclient', 'ld_api', 'ld_access'],
  },
]

/** Identity, password management and secret stores. */
export const IDENTITY_FORMATS: readonly TokenFormat[] = [
  {
    id: 'okta-token',
    label: 'Okta API token',
    pattern: bare('00[A-Za-z0-9_-]{40}'),
    keywords: [],
    context: ['okta'],
    unlessName: /client_?id|org_?url|domain|issuer|url/i,
    entropy: 4,
  },
  {
    id: 'auth0-client-secret',
    label: 'Auth0 client secret',
    pattern: bare('[A-Za-z0-9_-]{64}'),
    keywords: [],
    context: ['auth0'],
    unlessName: /client_?id|domain|audience|issuer|url|callback/i,
    entropy: 4.2,
  },
  {
    id: '1password-secret-key',
    label: '1Password secret key',
    pattern: new RegExp(`${B}A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}${E}`),
    keywords: ['A3-'],
    entropy: 3.3,
  },
  {
    id: '1password-service-account-token',
    label: '1Password service account token',
    pattern: prefixed('ops_eyJ', '[A-Za-z0-9+/]{250,}={0,3}'),
    keywords: ['ops_eyJ'],
    entropy: 4.5,
  },
]
