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

/**
 * A short text that wakes every detector: an identity number, a marking, health and contact data,
 * bank and card numbers, a credential. Checked once per worker, when a protected tab first says
 * it is open, so the first real check (a big paste right after the browser starts) does not also
 * pay for unpacking the rules, building the lexicons and the first compilation of the engine's
 * hot paths.
 */
export const WARM_UP_TEXT = [
  'HEMLIG enligt 18 kap. 1 § offentlighets- och sekretesslagen.',
  'Ärendet gäller Per Andersson, 640823-4174, som är sjukskriven för depression och får ekonomiskt bistånd.',
  'Ring 070-123 45 67 eller skriv till per.andersson@example.se.',
  'Kontonummer 8327-9 123 456 789-0, IBAN SE45 5000 0000 0583 9825 7466, kort 4111 1111 1111 1111.',
  'api_key = "sk-test-51HbQ2kLmN8pQrStUvWxYz0123456789"',
  'Mötet om budgeten för nästa år hålls i stadshuset på tisdag.',
].join('\n');

/** Warms the engine for this policy (see WARM_UP_TEXT); tens of milliseconds, once per worker that serves a protected tab. */
export function warmUp(policy: EffectivePolicy): void {
  const started = performance.now();
  // Repeated, so the hot loops run often enough to be compiled before a real check arrives.
  const text = Array.from({ length: 20 }, () => WARM_UP_TEXT).join('\n\n');
  const reply = scanForPage(policy, { type: 'promptvakt/scan', text, mode: 'block' });
  if (!reply.ok) console.warn('Promptvakt: the engine warm-up failed; checks still run, only slower the first time');
  else console.debug(`Promptvakt: engine warm in ${Math.round(performance.now() - started)} ms`);
}
