/**
 * What masked prompts stood for, per conversation (entrypoints/content/mask-session.ts):
 * one placeholder book and one map back per conversation, a new chat's session
 * following it to its own address, values forgotten after the policy's time,
 * and nothing kept beyond memory.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: {} }));

const { MaskSessions } = await import('../../entrypoints/content/mask-session');
const { maskFindings } = await import('../../lib/redaction/placeholders');

const MINUTE = 60_000;

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Masks `value` inside `text` with the session's book and records it, as the guard does. */
function maskValue(sessions: InstanceType<typeof MaskSessions>, text: string, value: string): string {
  const start = text.indexOf(value);
  const masked = maskFindings(text, [{ category: 'personnummer', start, end: start + value.length }], sessions.book('sv'));
  sessions.remember(text, masked.replacements, 'sv');
  return masked.text;
}

describe('MaskSessions', () => {
  it('gives the same value the same placeholder within a conversation, and restores it', () => {
    const t = clock();
    const sessions = new MaskSessions(new URL('https://chatgpt.com/c/abc'), () => 60 * MINUTE, t.now);
    expect(maskValue(sessions, 'pnr 640823-4174', '640823-4174')).toBe('pnr [PERSONNUMMER 1]');
    expect(maskValue(sessions, 'igen 640823-4174 och 811230-4152', '811230-4152')).toBe('igen 640823-4174 och [PERSONNUMMER 2]');
    expect(maskValue(sessions, 'åter 640823-4174', '640823-4174')).toBe('åter [PERSONNUMMER 1]');
    const finder = sessions.finder()!;
    expect(finder.size).toBe(2);
    expect(finder.find('Svar: [personnummer 2]').map((f) => f.value)).toEqual(['811230-4152']);
  });

  it('keeps conversations apart, and a new chat takes its session to the address it gets', () => {
    const t = clock();
    const sessions = new MaskSessions(new URL('https://chatgpt.com/'), () => 60 * MINUTE, t.now);
    maskValue(sessions, 'pnr 640823-4174', '640823-4174');
    // The first message gives the new chat its address: the values go along.
    sessions.navigated(new URL('https://chatgpt.com/c/new-id'));
    expect(sessions.finder()?.find('[PERSONNUMMER 1]').map((f) => f.value)).toEqual(['640823-4174']);
    // Another conversation knows nothing of them, and numbers from 1 again.
    sessions.navigated(new URL('https://chatgpt.com/c/other'));
    expect(sessions.finder()).toBeNull();
    expect(maskValue(sessions, 'x 811230-4152', '811230-4152')).toBe('x [PERSONNUMMER 1]');
    expect(sessions.finder()?.find('[PERSONNUMMER 1]').map((f) => f.value)).toEqual(['811230-4152']);
    sessions.navigated(new URL('https://chatgpt.com/c/new-id'));
    expect(sessions.finder()?.find('[PERSONNUMMER 1]').map((f) => f.value)).toEqual(['640823-4174']);
  });

  it("forgets a conversation's values after the policy's time without a masked prompt", () => {
    const t = clock();
    let keep = 10 * MINUTE;
    const sessions = new MaskSessions(new URL('https://claude.ai/chat/1'), () => keep, t.now);
    maskValue(sessions, 'pnr 640823-4174', '640823-4174');
    t.advance(9 * MINUTE);
    expect(sessions.finder()).not.toBeNull();
    maskValue(sessions, 'mer 811230-4152', '811230-4152'); // a new masked prompt: the time starts again
    t.advance(9 * MINUTE);
    expect(sessions.finder()?.size).toBe(2);
    t.advance(2 * MINUTE);
    expect(sessions.finder()).toBeNull();
    // A shorter time from the policy applies at once.
    maskValue(sessions, 'pnr 640823-4174', '640823-4174');
    keep = MINUTE;
    t.advance(MINUTE + 1);
    expect(sessions.finder()).toBeNull();
  });

  it('clear() forgets everything', () => {
    const sessions = new MaskSessions(new URL('https://poe.com/chat/1'), () => 60 * MINUTE);
    maskValue(sessions, 'pnr 640823-4174', '640823-4174');
    sessions.clear();
    expect(sessions.finder()).toBeNull();
  });
});
