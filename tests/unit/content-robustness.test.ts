/**
 * The parts of the content script's page robustness that run without a
 * browser (tests/e2e/robustness.spec.ts drives the rest in Chromium): the
 * one-shot approval of a replayed send, which page a frame belongs to, the
 * shield against a page switching Promptvakt off with WXT's restart event,
 * and the content scripts registered for organisation sites (every frame).
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: {} }));
// The background's stores (platform/policy-store.ts, via site-registration) run their migrations on load.
vi.mock('@wxt-dev/browser', () => ({ browser: fakeBrowser }));

const { SendApproval } = await import('../../entrypoints/content/approval');
const { isTopFrame, pageUrlOfFrame } = await import('../../entrypoints/content/frame-url');
const { replaceRunningCopy, shieldFromForgedRestart } = await import('../../entrypoints/content/single-instance');
const { contentScriptsFor } = await import('../../entrypoints/background/site-registration');

describe('SendApproval', () => {
  const clock = () => {
    let now = 1000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('lets every event of the replay through when it carries the approved text (click, then the submit it causes)', () => {
    const approval = new SendApproval();
    const seen: boolean[] = [];
    approval.replay('hej', () => {
      seen.push(approval.admits('hej'), approval.admits('hej'));
    });
    expect(seen).toEqual([true, true]);
    // The replay reached the guard: nothing is left for a later send.
    expect(approval.admits('hej')).toBe(false);
  });

  it('never admits other text, during the replay or after it', () => {
    const approval = new SendApproval();
    let during = true;
    approval.replay('godkänd text', () => {
      during = approval.admits('640823-4174');
    });
    expect(during).toBe(false);
    expect(approval.admits('640823-4174')).toBe(false);
    expect(approval.admits('godkänd text')).toBe(false);
  });

  it('when the replay did not reach the guard, admits the approved text once, soon after', () => {
    const t = clock();
    const approval = new SendApproval(t.now, 1000);
    approval.replay('hej', () => {});
    t.advance(200);
    expect(approval.admits('hej')).toBe(true);
    expect(approval.admits('hej')).toBe(false);
  });

  it('the approval expires', () => {
    const t = clock();
    const approval = new SendApproval(t.now, 1000);
    approval.replay('hej', () => {});
    t.advance(1001);
    expect(approval.admits('hej')).toBe(false);
  });

  it('a send of other text uses the approval up', () => {
    const approval = new SendApproval();
    approval.replay('hej', () => {});
    expect(approval.admits('något annat')).toBe(false);
    expect(approval.admits('hej')).toBe(false);
  });

  it('admits nothing before any approval', () => {
    expect(new SendApproval().admits('hej')).toBe(false);
  });

  it('ends the replay even when the dispatch throws', () => {
    const approval = new SendApproval();
    expect(() =>
      approval.replay('hej', () => {
        throw new Error('page handler failed');
      }),
    ).toThrow();
    approval.admits('x'); // uses up the pending approval
    expect(approval.admits('hej')).toBe(false);
  });
});

describe('pageUrlOfFrame', () => {
  interface Frame {
    location: { href: string };
    parent: Frame;
    top: Frame;
  }
  const frame = (href: string, parent?: Frame): Frame => {
    const f = { location: { href } } as Frame;
    f.parent = parent ?? f;
    f.top = parent?.top ?? f;
    return f;
  };
  const crossOrigin = (parent: Frame): Frame => {
    const f = frame('about:blank', parent);
    Object.defineProperty(f.parent, 'location', {
      get() {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    });
    return f;
  };

  it('is the frame\'s own address when it has one', () => {
    const top = frame('https://chatgpt.com/c/123');
    expect(pageUrlOfFrame(frame('https://chatgpt.com/embedded?x=1', top)).href).toBe('https://chatgpt.com/embedded?x=1');
  });

  it('is the nearest ancestor\'s for about:blank and about:srcdoc frames, however deep', () => {
    const top = frame('https://chatgpt.com/c/123');
    const blank = frame('about:blank', top);
    expect(pageUrlOfFrame(blank).href).toBe('https://chatgpt.com/c/123');
    expect(pageUrlOfFrame(frame('about:srcdoc', frame('about:blank', blank))).href).toBe('https://chatgpt.com/c/123');
  });

  it('stays the frame\'s own when the ancestor cannot be read (another origin)', () => {
    expect(pageUrlOfFrame(crossOrigin(frame('https://example.org/'))).href).toBe('about:blank');
  });

  it('knows the top frame', () => {
    const top = frame('https://chatgpt.com/');
    expect(isTopFrame(top)).toBe(true);
    expect(isTopFrame(frame('about:blank', top))).toBe(false);
  });
});

describe('single instance per frame', () => {
  const EVENT = 'lbmjolhielahpanganfjglndgmepofmm:content:wxt:content-script-started';

  it('stops the restart event at the window before a listener further on sees it', () => {
    const win = new EventTarget();
    const doc = new EventTarget();
    const reached: string[] = [];
    doc.addEventListener(EVENT, () => reached.push('wxt'));
    // A page-dispatched event reaches the window's capture listeners first (document → window path);
    // modelled here by dispatching at the window, where the shield sits.
    const remove = shieldFromForgedRestart(win, EVENT);
    const forged = new CustomEvent(EVENT, { detail: { contentScriptName: 'content', messageId: 'page' } });
    win.addEventListener(EVENT, () => reached.push('after the shield'), true);
    win.dispatchEvent(forged);
    expect(reached).toEqual([]);
    remove();
    win.dispatchEvent(new CustomEvent(EVENT));
    expect(reached).toEqual(['after the shield']);
  });

  it('adding the shield twice adds it once', () => {
    const win = new EventTarget();
    shieldFromForgedRestart(win, EVENT);
    const remove = shieldFromForgedRestart(win, EVENT);
    remove();
    const reached: string[] = [];
    win.addEventListener(EVENT, () => reached.push('x'), true);
    win.dispatchEvent(new CustomEvent(EVENT));
    expect(reached).toEqual(['x']);
  });

  it('a newer copy stops the older one, once', () => {
    const scope = {};
    const stopped: string[] = [];
    replaceRunningCopy(scope, { stop: () => stopped.push('first'), isLive: () => true });
    const second = { stop: () => stopped.push('second'), isLive: () => true };
    replaceRunningCopy(scope, second);
    replaceRunningCopy(scope, second);
    expect(stopped).toEqual(['first']);
  });
});

describe('content scripts for organisation sites', () => {
  it('run in every frame; whole sites also in about:blank, srcdoc and blob: frames', () => {
    const scripts = contentScriptsFor(['https://ai.example.se/*', 'https://*.kommun.se/*', 'https://example.se/chat*']);
    expect(scripts).toEqual([
      expect.objectContaining({ matches: ['https://ai.example.se/*', 'https://*.kommun.se/*'], allFrames: true, matchOriginAsFallback: true, runAt: 'document_start' }),
      expect.objectContaining({ matches: ['https://example.se/chat*'], allFrames: true, runAt: 'document_start' }),
    ]);
    // Chrome refuses matchOriginAsFallback for a pattern with a path.
    expect(scripts[1]).not.toHaveProperty('matchOriginAsFallback');
    expect(new Set(scripts.map((s) => s.id)).size).toBe(2);
  });

  it('register nothing without granted sites', () => {
    expect(contentScriptsFor([])).toEqual([]);
  });
});
