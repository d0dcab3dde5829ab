/**
 * Where a prompt is checked. Most prompts are checked in the page, at once and
 * synchronously, so a send can be stopped before the site sees it. Two kinds
 * go to the background instead, while the send is held:
 *   - text longer than SYNC_LIMIT (a 1 MB paste takes ~100 ms to check: too
 *     long to freeze the page for);
 *   - any prompt when the organisation has regex rules (RE2JS, linear time,
 *     is kept out of the content script).
 * The last result is cached for its text (in the page or from the background),
 * so pressing Enter after the idle check has run, or a second control near the
 * same field, needs no second scan or round trip.
 */
import { needsRegexEngine, type EffectivePolicy } from '../../lib/policy/effective';
import type { SiteMode } from '../../lib/policy/schema';
import { scanOptionsFor, type PolicyScanOptions } from '../../lib/policy/scan-options';
import type { RuleCatalogue } from '../../lib/rules/catalogue';
import { scan } from '../../lib/scan';
import type { ScanResult } from '../../lib/types';
import type { IdentifierSpan } from '../../lib/redaction/identifiers';
import type { IdentifyReply, IdentifyRequest, ScanReply, ScanRequest } from '../../platform/messages';
import { askBackground, askBackgroundOnce } from './scan-transport';

/** Checked in the page up to this many characters (6–12 ms); longer texts go to the background. */
export const SYNC_LIMIT = 100_000;
/** How long the background may take, at least; longer texts get more (5 MB ≈ 1 s on a slow machine). */
const BASE_TIMEOUT_MS = 8000;

export type CheckOutcome = { ok: true; result: ScanResult } | { ok: false; reason: 'error' | 'timeout' };

export class PromptChecker {
  private cached: { text: string; policy: EffectivePolicy; mode: SiteMode; outcome: CheckOutcome } | null = null;

  constructor(
    private readonly policy: () => EffectivePolicy,
    private readonly mode: () => SiteMode,
    private readonly ask: (request: ScanRequest) => Promise<ScanReply> = (request) => askBackground(request),
    private readonly askIdentify: (request: IdentifyRequest) => Promise<IdentifyReply> = (request) => askBackgroundOnce(request),
  ) {}

  /**
   * The names and addresses beside the findings of a text the employee chose
   * to mask (lib/redaction/identifiers.ts, in the background: the recogniser
   * is not part of the content script). Rejects when the background cannot
   * answer: then masking is refused rather than names sent.
   */
  async identify(text: string, knownNames: readonly string[]): Promise<IdentifierSpan[]> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the background did not answer')), BASE_TIMEOUT_MS);
    });
    try {
      const reply = await Promise.race([this.askIdentify({ type: 'promptvakt/identify', text, knownNames: [...knownNames] }), timeout]);
      if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
      return reply.spans;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The outcome now, or null when this text must be checked by the background (see checkLater). */
  checkNow(text: string): CheckOutcome | null {
    const cached = this.fromCache(text);
    if (cached) return cached;
    if (text.length > SYNC_LIMIT || needsRegexEngine(this.policy())) return null;
    try {
      const outcome: CheckOutcome = { ok: true, result: scan(text, this.options()) };
      // A press is checked at its first event, but a page may hold several fields: the same text is not scanned twice.
      this.cached = { text, policy: this.policy(), mode: this.mode(), outcome };
      return outcome;
    } catch (error) {
      console.error('Promptvakt: the check failed', error);
      return { ok: false, reason: 'error' };
    }
  }

  /**
   * The engine run here and now on a text we wrote ourselves (the masked
   * prompt), whatever its length: masking must be checked before anything is
   * sent. Rules that need the background's regex engine are checked again by
   * the usual check of what the composer holds.
   */
  scanHere(text: string): ScanResult {
    return scan(text, this.options());
  }

  /** Checks in the background (never throws; a timeout or error is an outcome). */
  async checkLater(text: string): Promise<CheckOutcome> {
    const cached = this.fromCache(text);
    if (cached) return cached;
    const policy = this.policy();
    const mode = this.mode();
    const timeoutMs = BASE_TIMEOUT_MS + Math.ceil(text.length / 100_000) * 500;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<CheckOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs);
    });
    const asked = this.ask({ type: 'promptvakt/scan', text, mode }).then(
      (reply): CheckOutcome => (reply?.ok ? { ok: true, result: reply.result } : { ok: false, reason: 'error' }),
      (): CheckOutcome => ({ ok: false, reason: 'error' }),
    );
    const outcome = await Promise.race([asked, timeout]);
    clearTimeout(timer);
    if (outcome.ok) this.cached = { text, policy, mode, outcome };
    return outcome;
  }

  /** The rule catalogue with the organisation's rules and links (for the dialog). */
  catalogue(): RuleCatalogue {
    return this.options().catalogue;
  }

  private fromCache(text: string): CheckOutcome | null {
    const c = this.cached;
    return c && c.text === text && c.policy === this.policy() && c.mode === this.mode() ? c.outcome : null;
  }

  /** The page has no regex engine: a policy with regex rules is checked in the background (needsRegexEngine). */
  private options(): PolicyScanOptions {
    return scanOptionsFor(this.policy(), { mode: this.mode(), regex: null });
  }

}
