/**
 * PromptChecker (entrypoints/content/prompt-checker.ts) with injected fakes:
 * the policy and the site mode are plain functions, and the background is a
 * function that answers (or fails, or never answers) like the real transport.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: {} }));

const { PromptChecker, SYNC_LIMIT } = await import('../../entrypoints/content/prompt-checker');
const { builtInEffectivePolicy } = await import('../../lib/policy/built-in-effective');
const { resolvePolicy } = await import('../../lib/policy/resolve');
const { scan } = await import('../../lib/scan');
type ScanRequest = import('../../platform/messages').ScanRequest;
type ScanReply = import('../../platform/messages').ScanReply;

const PNR = 'Skriv ett avslag till Per Nilsson 640823-4174';
const CLEAN = 'Skriv en inbjudan till julbordet på fredag';

const withRegexRule = () =>
  resolvePolicy(
    { version: 1, customRules: [{ id: 'diarienummer', kind: 'regex', pattern: 'KS \\d{4}/\\d{1,5}', category: 'classified', message: { sv: 'Diarienummer stannar internt.' } }] },
    undefined,
  );

/** A background that scans with the built-in engine and counts what it was asked. */
function fakeBackground() {
  const asked: ScanRequest[] = [];
  const ask = async (request: ScanRequest): Promise<ScanReply> => {
    asked.push(request);
    return { ok: true, result: scan(request.text) };
  };
  return { asked, ask };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PromptChecker.checkNow', () => {
  it('checks a short prompt in the page, synchronously, with the policy and the site mode it is given', () => {
    const background = fakeBackground();
    let mode: 'block' | 'warn' | 'monitor' = 'block';
    const checker = new PromptChecker(builtInEffectivePolicy, () => mode, background.ask);
    const blocked = checker.checkNow(PNR);
    expect(blocked).toMatchObject({ ok: true, result: { decision: 'block' } });
    expect(checker.checkNow(CLEAN)).toMatchObject({ ok: true, result: { decision: 'allow', findings: [] } });
    mode = 'warn';
    expect(checker.checkNow(PNR)).toMatchObject({ ok: true, result: { decision: 'warn' } });
    expect(background.asked).toEqual([]);
  });

  it('leaves long prompts and prompts under a policy with regex rules to the background (null)', () => {
    const checker = new PromptChecker(builtInEffectivePolicy, () => 'block', fakeBackground().ask);
    expect(checker.checkNow('a'.repeat(SYNC_LIMIT + 1))).toBeNull();
    const regexChecker = new PromptChecker(withRegexRule, () => 'block', fakeBackground().ask);
    expect(regexChecker.checkNow(CLEAN)).toBeNull();
  });

  it('scanHere checks a text the extension wrote itself, whatever its length', () => {
    const checker = new PromptChecker(builtInEffectivePolicy, () => 'block', fakeBackground().ask);
    const long = `${'a '.repeat(SYNC_LIMIT)} ${PNR}`;
    expect(checker.scanHere(long).decision).toBe('block');
  });
});

describe('PromptChecker.checkLater', () => {
  it('asks the background once per text and policy, and answers again from its cache', async () => {
    const background = fakeBackground();
    const policy = builtInEffectivePolicy();
    const checker = new PromptChecker(() => policy, () => 'block', background.ask);
    const long = `${'ord '.repeat(30_000)}${PNR}`;
    const first = await checker.checkLater(long);
    expect(first).toMatchObject({ ok: true, result: { decision: 'block' } });
    expect(await checker.checkLater(long)).toBe(first);
    expect(checker.checkNow(long)).toBe(first); // Enter after the idle check needs no second round trip
    expect(background.asked).toHaveLength(1);
    expect(background.asked[0]).toMatchObject({ type: 'promptvakt/scan', mode: 'block' });
  });

  it('asks again when the policy changes', async () => {
    const background = fakeBackground();
    let policy = builtInEffectivePolicy();
    const checker = new PromptChecker(() => policy, () => 'block', background.ask);
    await checker.checkLater(PNR);
    policy = builtInEffectivePolicy();
    await checker.checkLater(PNR);
    expect(background.asked).toHaveLength(2);
  });

  it('turns a failed or refused check into an error outcome, never a pass', async () => {
    const failing = new PromptChecker(builtInEffectivePolicy, () => 'block', () => Promise.reject(new Error('no background')));
    expect(await failing.checkLater(PNR)).toEqual({ ok: false, reason: 'error' });
    const refusing = new PromptChecker(builtInEffectivePolicy, () => 'block', async () => ({ ok: false, error: 'scan-failed' }) as ScanReply);
    expect(await refusing.checkLater(PNR)).toEqual({ ok: false, reason: 'error' });
  });

  it('gives up with a timeout when the background never answers', async () => {
    vi.useFakeTimers();
    const silent = new PromptChecker(builtInEffectivePolicy, () => 'block', () => new Promise<ScanReply>(() => undefined));
    const outcome = silent.checkLater(PNR);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await outcome).toEqual({ ok: false, reason: 'timeout' });
  });
});

describe('PromptChecker.catalogue', () => {
  it("is the policy's catalogue, with the organisation's own rules", () => {
    const checker = new PromptChecker(withRegexRule, () => 'block', fakeBackground().ask);
    expect(checker.catalogue().rules.has('custom.diarienummer')).toBe(true);
    const builtIn = new PromptChecker(builtInEffectivePolicy, () => 'block', fakeBackground().ask);
    expect(builtIn.catalogue().rules.has('custom.diarienummer')).toBe(false);
  });
});
