import { describe, expect, it } from 'vitest';
import { BUILT_IN_SITES, BUILT_IN_SITE_MATCHES, matchesPattern, siteForUrl } from '../../lib/sites/built-in-sites';

describe('built-in sites', () => {
  it('covers the public AI chat tools the organisation expects', () => {
    const hosts = ['chatgpt.com', 'chat.openai.com', 'claude.ai', 'gemini.google.com', 'copilot.microsoft.com', 'm365.cloud.microsoft', 'chat.mistral.ai', 'www.perplexity.ai', 'chat.deepseek.com', 'poe.com', 'grok.com', 'www.meta.ai'];
    for (const host of hosts) expect(siteForUrl(new URL(`https://${host}/c/123`)), host).toBeDefined();
    expect(siteForUrl(new URL('https://huggingface.co/chat/conversation/1'))?.id).toBe('huggingchat');
    expect(siteForUrl(new URL('https://huggingface.co/models'))).toBeUndefined();
  });

  it('gives every site at least one composer and one send selector that the browser can parse', () => {
    for (const site of BUILT_IN_SITES) {
      expect(site.composer.length).toBeGreaterThan(0);
      expect(site.send.length).toBeGreaterThan(0);
    }
    expect(new Set(BUILT_IN_SITES.map((s) => s.id)).size).toBe(BUILT_IN_SITES.length);
    expect(BUILT_IN_SITE_MATCHES.every((m) => m.startsWith('https://'))).toBe(true);
  });

  it('matches WebExtension patterns by scheme, host and path', () => {
    expect(matchesPattern('https://chatgpt.com/*', new URL('https://chatgpt.com/'))).toBe(true);
    expect(matchesPattern('https://chatgpt.com/*', new URL('http://chatgpt.com/'))).toBe(false);
    expect(matchesPattern('https://chatgpt.com/*', new URL('https://evil-chatgpt.com/'))).toBe(false);
    expect(matchesPattern('https://*.example.se/*', new URL('https://ai.example.se/x'))).toBe(true);
    expect(matchesPattern('https://huggingface.co/chat/*', new URL('https://huggingface.co/spaces'))).toBe(false);
  });
});
