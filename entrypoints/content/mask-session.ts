/**
 * What the masked prompts of one conversation stood for: the placeholder book
 * (the same value always gets the same placeholder, a number is never reused
 * for another value) and the map back to the real values, to show them in
 * the AI's answer. Kept in the content script's memory only, per tab and per
 * conversation: never written to storage, to the page or to the network, gone
 * on reload, and dropped after the time the policy sets
 * (`masking.keepValuesMinutes`) without a new masked prompt.
 */
import type { UiLanguage } from '../../lib/i18n/language';
import { PlaceholderBook, type Replacement } from '../../lib/redaction/placeholders';
import { RestoreMap } from '../../lib/redaction/restore';
import type { PlaceholderFinder } from './answer-restorer';

interface Session {
  book: PlaceholderBook;
  map: RestoreMap;
  /** When the last masked prompt of this conversation was sent. */
  usedAt: number;
}

/**
 * A conversation is its page address. A new chat ("/", "/new", "/chat") gets
 * its own address once its first message is sent: the session started there
 * moves along with it.
 */
const NEW_CHAT_PATH = /^\/(?:new|chat|app|c)?\/?$/;

export class MaskSessions {
  private readonly sessions = new Map<string, Session>();
  private current: string;

  constructor(
    address: URL,
    private readonly keepMs: () => number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.current = keyOf(address);
  }

  /** The page moved to another conversation (single-page navigation). */
  navigated(address: URL): void {
    const next = keyOf(address);
    if (next === this.current) return;
    const started = this.sessions.get(this.current);
    if (started && NEW_CHAT_PATH.test(new URL(this.current).pathname) && !this.sessions.has(next)) {
      this.sessions.delete(this.current);
      this.sessions.set(next, started);
    }
    this.current = next;
  }

  /** The placeholder book of this conversation, created in `language` on first use. */
  book(language: UiLanguage): PlaceholderBook {
    return this.session(language).book;
  }

  /** Records what a masking of `original` replaced, for the answer. */
  remember(original: string, replacements: readonly Replacement[], language: UiLanguage): void {
    const session = this.session(language);
    session.map.addReplacements(original, replacements);
    session.usedAt = this.now();
  }

  /** What the answers of this conversation may show again, or null when nothing was masked (or it expired). */
  finder(): PlaceholderFinder | null {
    const session = this.live(this.current);
    // RestoreMap is a PlaceholderFinder: find() and size.
    return session && session.map.size > 0 ? session.map : null;
  }

  /** Forgets every conversation's values (the employee closed the feature, or the policy changed). */
  clear(): void {
    this.sessions.clear();
  }

  private session(language: UiLanguage): Session {
    let session = this.live(this.current);
    if (!session) {
      session = { book: new PlaceholderBook(language), map: new RestoreMap(), usedAt: this.now() };
      this.sessions.set(this.current, session);
    }
    return session;
  }

  private live(key: string): Session | undefined {
    const session = this.sessions.get(key);
    if (session && this.now() - session.usedAt > this.keepMs()) {
      this.sessions.delete(key);
      return undefined;
    }
    return session;
  }
}

function keyOf(address: URL): string {
  return `${address.origin}${address.pathname}`;
}
