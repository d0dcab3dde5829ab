/**
 * Long prompts go from the page to the background in parts over a port
 * (entrypoints/content/scan-transport.ts ↔ background/scan-service.ts).
 * Both ends are connected here through an in-memory port pair that behaves
 * like runtime.Port: messages arrive later and as JSON copies, and
 * disconnect() tells only the other end.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: {} }));

const { askBackground, partEnd } = await import('../../entrypoints/content/scan-transport');
const { receiveScanParts } = await import('../../entrypoints/background/scan-service');
const { SCAN_MAX_CHARS, SCAN_PART_CHARS } = await import('../../platform/messages');
const { builtInEffectivePolicy } = await import('../../lib/policy/built-in-effective');

type Listener<T> = (value: T) => void;

class End {
  other!: End;
  readonly messages: Listener<unknown>[] = [];
  readonly disconnects: (() => void)[] = [];
  readonly received: unknown[] = [];
  connected = true;
  onMessage = { addListener: (l: Listener<unknown>) => this.messages.push(l) };
  onDisconnect = { addListener: (l: () => void) => this.disconnects.push(l) };
  postMessage(message: unknown): void {
    if (!this.connected) throw new Error('Attempting to use a disconnected port object');
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    const to = this.other;
    setTimeout(() => {
      if (!to.connected) return;
      to.received.push(copy);
      for (const l of to.messages) l(copy);
    }, 0);
  }
  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    const to = this.other;
    setTimeout(() => {
      to.connected = false;
      for (const l of to.disconnects) l();
    }, 0);
  }
}

function portPair(): [End, End] {
  const a = new End();
  const b = new End();
  a.other = b;
  b.other = a;
  return [a, b];
}

/** A transport whose port is served by the background's receiver, with a built-in policy. */
function connectedTransport(policy = builtInEffectivePolicy()) {
  const pages: End[] = [];
  const backgrounds: End[] = [];
  let yields = 0;
  const transport = {
    send: vi.fn(async () => ({ ok: false, error: 'one message was not expected' })),
    connect: () => {
      const [page, background] = portPair();
      receiveScanParts(background, async () => policy);
      pages.push(page);
      backgrounds.push(background);
      return page;
    },
    yieldToPage: async () => {
      yields++;
      await new Promise((r) => setTimeout(r, 0));
    },
  };
  return { transport, pages, backgrounds, yields: () => yields };
}

const LONG = 'Protokoll från verksamhetsmöte, punkt för punkt. '.repeat(12_000) + '\nSökande: Per Nilsson 640823-4174';

describe('long prompts checked by the background, in parts', () => {
  it('sends a long text in parts, one per task, and gets the check of the whole text', async () => {
    const { transport, backgrounds, yields } = connectedTransport();
    const reply = await askBackground({ type: 'promptvakt/scan', text: LONG, mode: 'warn' }, transport);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.result.decision).toBe('warn');
    const pnr = reply.result.findings.find((f) => f.category === 'personnummer');
    expect(pnr?.text).toBe('640823-4174');
    expect(LONG.slice(pnr!.start, pnr!.end)).toBe('640823-4174');
    const parts = backgrounds[0]!.received.filter((m): m is { part: string } => typeof (m as { part?: unknown }).part === 'string');
    expect(parts.length).toBe(Math.ceil(LONG.length / SCAN_PART_CHARS));
    expect(parts.every((p) => p.part.length <= SCAN_PART_CHARS)).toBe(true);
    expect(parts.map((p) => p.part).join('')).toBe(LONG);
    // The first part waits for the event handler to finish, and every later part for its own task.
    expect(yields()).toBe(parts.length);
    expect(transport.send).not.toHaveBeenCalled();
  });

  it('a personnummer split across two parts is still found', async () => {
    const text = 'a'.repeat(SCAN_PART_CHARS - 5) + ' 640823-4174 ' + 'b'.repeat(SCAN_PART_CHARS);
    const { transport } = connectedTransport();
    const reply = await askBackground({ type: 'promptvakt/scan', text, mode: 'warn' }, transport);
    expect(reply.ok && reply.result.findings.map((f) => f.text)).toEqual(['640823-4174']);
  });

  it('never cuts an emoji (a surrogate pair) in two', () => {
    const text = 'x'.repeat(SCAN_PART_CHARS - 1) + '😀' + 'y'.repeat(10);
    expect(partEnd(text, 0)).toBe(SCAN_PART_CHARS - 1);
    expect(partEnd('x'.repeat(SCAN_PART_CHARS + 10), 0)).toBe(SCAN_PART_CHARS);
    expect(partEnd('short', 0)).toBe(5);
  });

  it('a short text goes in one message, as before', async () => {
    const { transport } = connectedTransport();
    transport.send.mockResolvedValueOnce({ ok: true, result: { decision: 'allow', findings: [] } } as never);
    const reply = await askBackground({ type: 'promptvakt/scan', text: 'hej', mode: 'warn' }, transport);
    expect(reply.ok).toBe(true);
    expect(transport.send).toHaveBeenCalledWith({ type: 'promptvakt/scan', text: 'hej', mode: 'warn' });
  });

  it('a background that goes away mid-transfer is an error, never a clean result', async () => {
    const { transport, backgrounds } = connectedTransport();
    const asked = askBackground({ type: 'promptvakt/scan', text: LONG, mode: 'warn' }, transport);
    await new Promise((r) => setTimeout(r, 0));
    backgrounds[0]!.disconnect();
    expect(await asked).toEqual({ ok: false, error: 'disconnected' });
  });

  it('the background refuses more than it accepts in parts, and forgets what it had', async () => {
    const [page, background] = portPair();
    receiveScanParts(background, async () => builtInEffectivePolicy());
    const part = 'x'.repeat(4 * 1024 * 1024);
    for (let sent = 0; sent <= SCAN_MAX_CHARS; sent += part.length) page.postMessage({ part });
    await new Promise((r) => setTimeout(r, 20));
    expect(page.received).toEqual([{ ok: false, error: 'too-long' }]);
    page.postMessage({ done: true, mode: 'warn' });
    await new Promise((r) => setTimeout(r, 20));
    expect(page.received).toHaveLength(1);
  });

  it('the background answers a malformed message with an error', async () => {
    const [page, background] = portPair();
    receiveScanParts(background, async () => builtInEffectivePolicy());
    page.postMessage({ done: true, mode: 'everything-allowed' });
    await new Promise((r) => setTimeout(r, 20));
    expect(page.received).toEqual([{ ok: false, error: 'bad-message' }]);
  });
});
