/**
 * Checks a prompt for a page that cannot check it at once: very long text
 * (the page stays responsive while the background works) or a policy with
 * organisation regex rules (RE2JS, kept out of the content script).
 */
import type { EffectivePolicy } from '../../lib/policy/effective';
import { re2Engine } from '../../lib/policy/regex-engine';
import { SITE_MODES, type SiteMode } from '../../lib/policy/schema';
import { scanOptionsFor } from '../../lib/policy/scan-options';
import { scan } from '../../lib/scan';
import { SCAN_MAX_CHARS, type ScanPortMessage, type ScanReply, type ScanRequest } from '../../platform/messages';

export function scanForPage(policy: EffectivePolicy, request: ScanRequest): ScanReply {
  try {
    const result = scan(request.text, scanOptionsFor(policy, { mode: request.mode, regex: re2Engine }));
    return { ok: true, result };
  } catch (error) {
    console.error('Promptvakt: the check failed', error);
    return { ok: false, error: 'scan-failed' };
  }
}

/** What this module needs of a runtime.Port opened by a content script. */
export interface ScanPartsPort {
  postMessage(message: ScanReply): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/**
 * Receives a long text in parts (content/scan-transport.ts), checks it when
 * the last part is in and answers once. The parts live only as long as the
 * port: a page that goes away takes its text with it.
 */
export function receiveScanParts(port: ScanPartsPort, policy: () => Promise<EffectivePolicy>): void {
  let parts: string[] | null = [];
  let size = 0;
  const answer = (reply: ScanReply) => {
    parts = null;
    try {
      port.postMessage(reply);
    } catch {
      // The page went away meanwhile.
    }
  };
  port.onDisconnect.addListener(() => (parts = null));
  port.onMessage.addListener((raw) => {
    if (parts === null) return;
    const message = raw as Partial<ScanPortMessage> & { part?: unknown; mode?: unknown };
    if (typeof message.part === 'string') {
      size += message.part.length;
      if (size > SCAN_MAX_CHARS) answer({ ok: false, error: 'too-long' });
      else parts.push(message.part);
      return;
    }
    if ('done' in message && isSiteMode(message.mode)) {
      const text = parts.join('');
      const mode = message.mode;
      parts = null;
      void policy().then(
        (p) => answer(scanForPage(p, { type: 'promptvakt/scan', text, mode })),
        () => answer({ ok: false, error: 'no-policy' }),
      );
      return;
    }
    answer({ ok: false, error: 'bad-message' });
  });
}

const isSiteMode = (v: unknown): v is SiteMode => (SITE_MODES as readonly unknown[]).includes(v);
