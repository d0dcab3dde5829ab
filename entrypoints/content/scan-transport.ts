/**
 * Hands a prompt to the background to be checked. Short texts go in one
 * message. Long ones (a pasted report, a 5 MB log) go over a port in parts,
 * each in its own task, so the page never stops for the copy of the whole
 * text; the send stays held meanwhile (guard.ts).
 */
import { browser } from 'wxt/browser';
import { SCAN_PART_CHARS, SCAN_PORT, type ScanPortMessage, type ScanReply, type ScanRequest } from '../../platform/messages';

/** What this module needs of runtime.Port (the real one, or a test double). */
export interface ScanPort {
  postMessage(message: ScanPortMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface ScanTransport {
  send(request: ScanRequest): Promise<unknown>;
  connect(): ScanPort;
  /** Lets the page run between parts. */
  yieldToPage(): Promise<void>;
}

const browserTransport: ScanTransport = {
  send: (request) => browser.runtime.sendMessage(request),
  connect: () => browser.runtime.connect({ name: SCAN_PORT }) as unknown as ScanPort,
  yieldToPage: () => new Promise((resolve) => setTimeout(resolve, 0)),
};

/** One message to the background and its reply (a short request, not a long text to check). */
export async function askBackgroundOnce<Reply>(request: object): Promise<Reply> {
  return (await browser.runtime.sendMessage(request)) as Reply;
}

export async function askBackground(request: ScanRequest, transport: ScanTransport = browserTransport): Promise<ScanReply> {
  if (request.text.length <= SCAN_PART_CHARS) return (await transport.send(request)) as ScanReply;
  // Not in the event handler's task: the paste or send event is already stopped.
  await transport.yieldToPage();
  const port = transport.connect();
  let closed = false;
  const reply = new Promise<ScanReply>((resolve) => {
    port.onMessage.addListener((message) => {
      closed = true;
      resolve(message as ScanReply);
      port.disconnect();
    });
    // The background went away (restarted, updated): an error, never a silent pass.
    port.onDisconnect.addListener(() => {
      closed = true;
      resolve({ ok: false, error: 'disconnected' });
    });
  });
  const { text, mode } = request;
  for (let at = 0; at < text.length && !closed; ) {
    if (at > 0) await transport.yieldToPage();
    const end = partEnd(text, at);
    if (!closed) port.postMessage({ part: text.slice(at, end) });
    at = end;
  }
  if (!closed) port.postMessage({ done: true, mode });
  return reply;
}

/** Where the part starting at `at` ends: never between the two halves of a surrogate pair (emoji). */
export function partEnd(text: string, at: number): number {
  const end = Math.min(at + SCAN_PART_CHARS, text.length);
  const last = text.charCodeAt(end - 1);
  return end < text.length && last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}
