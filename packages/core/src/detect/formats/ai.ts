import { B, bare, E, prefixed, type TokenFormat } from './define.js'

/** AI model providers. */
export const AI_FORMATS: readonly TokenFormat[] = [
  {
    id: 'anthropic-api-key',
    label: 'Anthropic API key',
    pattern: new RegExp(`${B}sk-ant-(?:api|admin)\\d{2}-(?<body>[A-Za-z0-9_-]{80,})${E}`),
    keywords: ['sk-ant-'],
    entropy: 4,
  },
  {
    // `T3BlbkFJ` is base64 of "OpenAI", set inside every key of the current generations.
    id: 'openai-api-key',
    label: 'OpenAI API key',
    pattern: new RegExp(
      `${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}${E}|${B}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}${E}|${B}sk-[A-Za-z0-9]{48}${E}`,
    ),
    keywords: ['sk-'],
    entropy: 4,
  },
  {
    id: 'huggingface-token',
    label: 'Hugging Face token',
    pattern: prefixed(['hf_', 'api_org_'], '[A-Za-z]{34}'),
    keywords: ['hf_', 'api_org_'],
    entropy: 3.5,
  },
  { id: 'groq-api-key', label: 'Groq API key', pattern: prefixed('gsk_', '[A-Za-z0-9]{52}'), keywords: ['gsk_'], entropy: 4 },
  { id: 'perplexity-api-key', label: 'Perplexity API key', pattern: prefixed('pplx-', '[A-Za-z0-9]{48}'), keywords: ['pplx-'], entropy: 4 },
  { id: 'replicate-api-token', label: 'Replicate API token', pattern: prefixed('r8_', '[A-Za-z0-9]{37}'), keywords: ['r8_'], entropy: 4 },
  { id: 'xai-api-key', label: 'xAI API key', pattern: prefixed('xai-', '[A-Za-z0-9]{80}'), keywords: ['xai-'], entropy: 4 },
  {
    id: 'langsmith-api-key',
    label: 'LangSmith API key',
    pattern: prefixed(['lsv2_pt_', 'lsv2_sk_'], '[a-f0-9]{32}_[a-f0-9]{10}'),
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    entropy: 2.8,
  },
  {
    id: 'cohere-api-key',
    label: 'Cohere API key',
    pattern: bare('[A-Za-z0-9]{40}'),
    keywords: [],
    context: ['cohere', 'co_api_key'],
    entropy: 4,
  },
  {
    id: 'mistral-api-key',
    label: 'Mistral API key',
    pattern: bare('[A-Za-z0-9]{32}'),
    keywords: [],
    context: ['mistral'],
    unlessName: /model|url|endpoint/i,
    entropy: 3.6,
  },
  {
    id: 'deepseek-api-key',
    label: 'DeepSeek API key',
    pattern: new RegExp(`${B}sk-(?<body>[a-f0-9]{32})${E}`),
    keywords: [],
    context: ['deepseek'],
    entropy: 2.8,
  },
]
