/**
 * Public generative-AI chat sites protected by default. Match patterns follow
 * the WebExtension match-pattern syntax and are used both for host
 * permissions and for content-script registration.
 */
export const BUILT_IN_SITE_MATCHES: string[] = [
  'https://chatgpt.com/*',
  'https://chat.openai.com/*',
  'https://claude.ai/*',
  'https://gemini.google.com/*',
  'https://copilot.microsoft.com/*',
  'https://m365.cloud.microsoft/*',
  'https://chat.mistral.ai/*',
  'https://www.perplexity.ai/*',
  'https://perplexity.ai/*',
  'https://chat.deepseek.com/*',
  'https://poe.com/*',
  'https://grok.com/*',
  'https://www.meta.ai/*',
  'https://huggingface.co/chat/*',
];
