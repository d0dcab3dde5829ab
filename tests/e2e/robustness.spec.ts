/**
 * Page robustness, in Debian Chromium with the extension loaded, against the
 * offline robustness mocks (demo/robust-*.html) served under
 * chatgpt.com (the ChatGPT adapter applies) and, with a managed policy, under
 * an organisation-added site (the generic adapter):
 *
 * 1. the page replaces its composer (a React remount): the new one is guarded
 *    on Enter and on the send button, and the indicator follows it;
 * 2. single-page navigation (history.pushState to /c/123 and Back), also when
 *    the page re-renders all of <body>: one Enter gives one dialog, one clean
 *    prompt one send;
 * 3. message-edit boxes besides the composer: a personnummer there is stopped,
 *    a clean edit is sent unchanged, the composer keeps its own state;
 * 4. composers in iframes: same-origin, srcdoc, and about:blank frames the
 *    parent fills with DOM calls or document.write; a child frame without a
 *    composer does not mark the tab degraded, and nothing is counted twice;
 * 5. a hostile page: main-world prototype getters that return '', capture
 *    listeners that swallow events, synthetic clicks and key presses that try
 *    to replay a stopped send or reuse an approval, the forged WXT restart
 *    event, document.open() on its own document.
 *
 * Every test asserts what the page's own send handler recorded (`__sent`),
 * whether Promptvakt's dialog is shown, and what the editor holds.
 */
import { expect, test, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROME_EXTENSION_ID } from '../../lib/extension-id';
import { POLICY_BUILD, POLICY_TEST_HOST } from './global-setup';
import { POLICY_DIR, policyDirWritable } from './managed-policy';
import { launchChromium, type LaunchedBrowser } from './launch';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';

const CHATGPT = 'https://chatgpt.com';
const GENERIC = `https://${POLICY_TEST_HOST}`;
const PNR = '640823-4174';
const PNR_PROMPT = `Skriv ett avslag till Per Nilsson ${PNR} om parkeringstillstånd`;
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';
const WARN_PROMPT = 'min kollega Lena är sjukskriven sedan mars, hjälp mig planera arbetsträning';

const EDITOR = 'form #prompt-textarea';
const SEND = 'form button[data-testid="send-button"]';

let server: MockServer;

// Long scenarios, and the machine may be busy: twice the default time.
test.describe.configure({ timeout: 60_000 });

test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server?.close();
});

/** Serves the robustness mocks at `origin`: robust-frames for `/frames` and `?frame=`, robust-spa for any other path. */
async function routeRobustMocks(context: BrowserContext, origin: string): Promise<void> {
  await context.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname.startsWith('/dist/')
      ? url.pathname
      : url.pathname.startsWith('/frames') || url.searchParams.has('frame')
        ? '/robust-frames.html'
        : '/robust-spa.html';
    await route.fulfill({ response: await route.fetch({ url: `${server.url}${path}` }) });
  });
}

type Scope = Page | Frame;
const sent = (scope: Scope) => scope.evaluate(() => (window as unknown as { __sent: string[] }).__sent);
const dialog = (scope: Page | FrameLocator) => scope.locator('[role="alertdialog"]');
const indicator = (scope: Page | FrameLocator) => scope.locator('[data-promptvakt-indicator]');
/** The composer's own text, from its ProseMirror state (not the DOM). */
const composerText = (page: Page) => page.evaluate(() => (window as unknown as { __app: { text(): string } }).__app.text());
const painted = (page: Page) =>
  page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('promptvakt-finding');
    return h ? [...h].map((r) => r.toString()) : [];
  });

async function open(context: BrowserContext, url: string, ready = EDITOR): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(ready).first().waitFor();
  return page;
}

async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** The indicator sits just above the composer's top right corner (indicator.tsx). */
async function expectIndicatorBy(page: Page | FrameLocator, field: Locator): Promise<void> {
  await expect(indicator(page)).toBeVisible();
  await expect
    .poll(async () => {
      const [box, by] = [await indicator(page).boundingBox(), await field.boundingBox()];
      if (!box || !by) return 'not laid out';
      const right = Math.abs(box.x + box.width - (by.x + by.width));
      const above = by.y - (box.y + box.height);
      return right <= 2 && above >= -box.height && above <= 30 ? 'by the field' : `off by ${right}px, ${above}px above`;
    })
    .toBe('by the field');
}

test.describe('on chatgpt.com (the ChatGPT adapter)', () => {
  let browser: LaunchedBrowser;
  let context: BrowserContext;

  test.beforeAll(async () => {
    browser = await launchChromium({ locale: 'en-US' });
    context = browser.context;
    await routeRobustMocks(context, CHATGPT);
    await routeSiteToMock(context, 'https://poe.com', server.url, 'textarea');
  });
  test.afterAll(async () => {
    await browser?.close();
  });

  test('1. a composer the page replaces is guarded on Enter and on the send button, and the indicator follows it', async () => {
    const page = await open(context, `${CHATGPT}/`);
    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await expect(indicator(page)).toHaveAttribute('data-state', 'block');
    const before = await page.locator(EDITOR).elementHandle();

    // A remount: the whole form, editor and send button are new elements.
    await page.locator('#remount').click();
    await expect(page.locator('#app')).toHaveAttribute('data-render', '2');
    expect(await before!.evaluate((el) => el.isConnected)).toBe(false);
    await expect(page.locator(EDITOR)).toHaveText('');

    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    await expect(dialog(page)).toContainText('Promptvakt stopped this message');
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expectIndicatorBy(page, page.locator(EDITOR));
    await expect(indicator(page)).toHaveAttribute('data-state', 'block');

    await page.locator(SEND).click();
    await expect(dialog(page)).toHaveCount(1);
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // Remounted once more, now with a clean prompt: it goes through unchanged.
    await page.locator('#remount').click();
    await expect(page.locator('#app')).toHaveAttribute('data-render', '3');
    await typeInto(page, page.locator(EDITOR), CLEAN_PROMPT);
    await page.locator(SEND).click();
    await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
    await expect(dialog(page)).toHaveCount(0);
    await page.close();
  });

  test('2. pushState navigation and Back: each new composer is guarded, one Enter gives one dialog, one clean prompt one send', async () => {
    const page = await open(context, `${CHATGPT}/`);
    const newChatTop = (await page.locator(EDITOR).boundingBox())!.y;

    await page.locator('#nav-conversation').click();
    await expect(page).toHaveURL(`${CHATGPT}/c/123`);
    await expect(page.locator('#app')).toHaveAttribute('data-route', 'conversation:123');
    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    // One UI host in the page, however often it re-rendered.
    await expect(page.locator('promptvakt-dialog')).toHaveCount(1);
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    // The conversation's composer is elsewhere on the page: the indicator is by it.
    expect(Math.abs((await page.locator(EDITOR).boundingBox())!.y - newChatTop)).toBeGreaterThan(40);
    await expectIndicatorBy(page, page.locator(EDITOR));

    await typeInto(page, page.locator(EDITOR), CLEAN_PROMPT);
    await page.keyboard.press('Enter');
    await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
    await page.waitForTimeout(300);
    expect(await sent(page)).toEqual([CLEAN_PROMPT]);

    await page.goBack();
    await expect(page).toHaveURL(`${CHATGPT}/`);
    await expect(page.locator('#app')).toHaveAttribute('data-route', 'new');
    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await page.locator(SEND).click();
    await expect(dialog(page)).toHaveCount(1);
    await expect(page.locator('promptvakt-dialog')).toHaveCount(1);
    expect(await sent(page)).toEqual([CLEAN_PROMPT]);
    await page.keyboard.press('Escape');
    await expectIndicatorBy(page, page.locator(EDITOR));

    await page.goForward();
    await expect(page.locator('#app')).toHaveAttribute('data-route', 'conversation:123');
    await typeInto(page, page.locator(EDITOR), 'Tack för hjälpen!');
    await page.keyboard.press('Enter');
    await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT, 'Tack för hjälpen!']);
    await expect(dialog(page)).toHaveCount(0);
    await page.close();
  });

  test('2b. a page that re-renders all of <body> or removes Promptvakt\'s element still gets the dialog, also one that was open', async () => {
    const page = await open(context, `${CHATGPT}/?render=body`);
    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    await page.keyboard.press('Escape');

    // Navigation replaces everything in <body>, Promptvakt's UI host included (it is put back).
    const host = await page.locator('promptvakt-dialog').elementHandle();
    await page.evaluate(() => {
      (window as unknown as { __detached: string[] }).__detached = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.removedNodes) (window as unknown as { __detached: string[] }).__detached.push(n.nodeName);
      }).observe(document.body, { childList: true });
    });
    await page.locator('#nav-conversation').click();
    await expect(page.locator('#app')).toHaveAttribute('data-route', 'conversation:123');
    expect(await page.evaluate(() => (window as unknown as { __detached: string[] }).__detached)).toContain('PROMPTVAKT-DIALOG');
    await expect(page.locator('.mock-banner')).toHaveCount(0);
    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    await expect(page.locator('promptvakt-dialog')).toHaveCount(1);
    expect(await host!.evaluate((el) => el.isConnected)).toBe(true);
    expect(await sent(page)).toEqual([]);

    // The page re-renders while the dialog is open and focuses its new composer: the dialog is put back at once.
    await page.evaluate(() => (window as unknown as { __app: { render(): void } }).__app.render());
    await expect(dialog(page)).toHaveCount(1);
    // Typing goes to the new composer; its Enter waits for the dialog and gives the dialog the focus.
    await page.keyboard.type(CLEAN_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);

    // A page script removes Promptvakt's element while a dialog is open: the next send brings it back.
    await page.locator(EDITOR).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    await page.evaluate(() => document.querySelector('promptvakt-dialog')!.remove());
    await expect(dialog(page)).toHaveCount(0);
    await page.locator(EDITOR).click();
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await typeInto(page, page.locator(EDITOR), CLEAN_PROMPT);
    await page.keyboard.press('Enter');
    await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
    await page.close();
  });

  test('3. message-edit boxes: a personnummer there is stopped (Enter, "Save & submit"), a clean edit is sent unchanged, the composer keeps its own state', async () => {
    const page = await open(context, `${CHATGPT}/c/123`);
    // Something found in the composer, not sent.
    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await expect(indicator(page)).toHaveAttribute('data-state', 'block');
    await expect.poll(() => painted(page)).toEqual([PNR]);

    // Message 1: a textarea in a form (Enter → requestSubmit; "Save & submit" is its submit button).
    await page.locator('#msg-1 .edit-button').click();
    const area = page.locator('#msg-1 textarea.edit-box');
    await typeInto(page, area, `Hur skriver jag ett beslut om bygglov för ${PNR}?`);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    // Back in the edit box with the finding selected.
    expect(await area.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe(PNR);
    await page.locator('#msg-1 .edit-submit').click();
    await expect(dialog(page)).toHaveCount(1);
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(indicator(page)).toHaveAttribute('data-state', 'block');
    await expectIndicatorBy(page, area);

    await area.fill('Hur skriver jag ett kort beslut om bygglov?');
    await area.press('Enter');
    await expect.poll(() => sent(page)).toEqual(['Hur skriver jag ett kort beslut om bygglov?']);
    await expect(page.locator('#msg-1 .message-text')).toHaveText('Hur skriver jag ett kort beslut om bygglov?');
    await expect(dialog(page)).toHaveCount(0);

    // Message 2: a contenteditable without a form (Enter and its own "Save & submit" button send).
    await page.locator('#msg-2 .edit-button').click();
    const box = page.locator('#msg-2 div.edit-box');
    await typeInto(page, box, `Rubriker om ${PNR}`);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    await page.keyboard.press('Escape');
    await page.locator('#msg-2 .edit-submit').click();
    await expect(dialog(page)).toHaveCount(1);
    await page.keyboard.press('Escape');
    expect(await sent(page)).toEqual(['Hur skriver jag ett kort beslut om bygglov?']);
    await typeInto(page, box, 'Ge mig tre rubriker till ett nyhetsbrev om våren.');
    await page.keyboard.press('Enter');
    await expect.poll(() => sent(page)).toEqual(['Hur skriver jag ett kort beslut om bygglov?', 'Ge mig tre rubriker till ett nyhetsbrev om våren.']);

    // The composer: its text untouched, its finding still shown and painted, Enter still stopped.
    expect(await composerText(page)).toBe(PNR_PROMPT);
    await page.locator(EDITOR).click();
    await expect(indicator(page)).toHaveAttribute('data-state', 'block');
    await expectIndicatorBy(page, page.locator(EDITOR));
    expect(await painted(page)).toEqual([PNR]);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    expect(await sent(page)).toHaveLength(2);
    await page.close();
  });

  test.describe('4. composers in frames', () => {
    let page: Page;
    test.beforeAll(async () => {
      page = await open(context, `${CHATGPT}/frames`);
    });
    test.afterAll(async () => {
      await page?.close();
    });

    /** The same-origin child frame with its own composer (and its own `__sent`). */
    const composerFrame = () => page.frames().find((f) => f.url().endsWith('?frame=composer'))!;

    test('a same-origin iframe with its own composer: Enter and the send button are stopped, a clean prompt goes through', async () => {
      const frame = page.frameLocator('#frame-same-origin');
      await frame.locator(EDITOR).click();
      await page.keyboard.type(PNR_PROMPT);
      await page.keyboard.press('Enter');
      await expect(dialog(frame)).toHaveCount(1);
      await expect(dialog(frame)).toContainText('Promptvakt stopped this message');
      await page.keyboard.press('Escape');
      await frame.locator(SEND).click();
      await expect(dialog(frame)).toHaveCount(1);
      await page.keyboard.press('Escape');
      expect(await sent(composerFrame())).toEqual([]);
      await expect(dialog(page)).toHaveCount(0);
      await expectIndicatorBy(frame, frame.locator(EDITOR));

      await typeInto(page, frame.locator(EDITOR), CLEAN_PROMPT);
      await page.keyboard.press('Enter');
      await expect.poll(() => sent(composerFrame())).toEqual([CLEAN_PROMPT]);
    });

    for (const [id, field, label] of [
      ['frame-srcdoc', 'textarea#prompt', 'a srcdoc frame the parent wires'],
      ['frame-blank', '#editor', 'an about:blank frame the parent fills with DOM calls'],
      ['frame-written', 'textarea#prompt', 'an about:blank frame the parent writes with document.open/write'],
    ] as const) {
      test(`${label}: a personnummer is stopped on Enter and on its send button, a clean prompt goes through`, async () => {
        const frame = page.frameLocator(`#${id}`);
        const tag = id.replace('frame-', '');
        const before = (await sent(page)).length;
        await typeInto(page, frame.locator(field), PNR_PROMPT);
        await page.keyboard.press('Enter');
        await expect(dialog(frame)).toHaveCount(1);
        expect(await sent(page)).toHaveLength(before);
        await page.keyboard.press('Escape');
        await expect(dialog(frame)).toHaveCount(0);
        await frame.locator('#send').click();
        await expect(dialog(frame)).toHaveCount(1);
        expect(await sent(page)).toHaveLength(before);
        await page.keyboard.press('Escape');

        await typeInto(page, frame.locator(field), CLEAN_PROMPT);
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await sent(page)).slice(before)).toEqual([CLEAN_PROMPT]);
        expect((await page.evaluate(() => (window as unknown as { __sentBy: string[] }).__sentBy)).slice(before)).toEqual([tag]);
        await expect(dialog(page)).toHaveCount(0);
      });
    }

    test('a child frame without a composer does not mark the tab degraded; each stopped send is counted once', async () => {
      const worker = browser.worker!;
      const countsOf = () =>
        worker.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          const store = (await api.storage.local.get('promptvakt.counters'))['promptvakt.counters'] as { days?: Record<string, Record<string, number>> } | undefined;
          const totals: Record<string, number> = {};
          // Summed over the rule and reason labels: 'category|action|site|source'.
          for (const day of Object.values(store?.days ?? {}))
            for (const [key, n] of Object.entries(day)) {
              const series = key.split('|').slice(0, 4).join('|');
              totals[series] = (totals[series] ?? 0) + n;
            }
          return totals;
        });
      const tabState = () =>
        worker.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          const [tab] = await api.tabs.query({ url: 'https://chatgpt.com/frames*' });
          const key = `tab-status:${tab!.id}`;
          return { badge: await api.action.getBadgeText({ tabId: tab!.id }), status: (await api.storage.session.get(key))[key] };
        });
      const blocked = 'personnummer|blocked|chatgpt.com|built-in';
      // The background counts once it has read the policy (Chromium answers managed storage late after
      // a start), then writes at once: start from a settled total.
      await expect
        .poll(() =>
          worker.evaluate(async () => {
            const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
            return 'promptvakt.policy' in (await api.storage.local.get('promptvakt.policy'));
          }),
        )
        .toBe(true);
      const settled = async () => {
        for (let last = -1; ; ) {
          const now = (await countsOf())[blocked] ?? 0;
          if (now === last) return now;
          last = now;
          await page.waitForTimeout(700);
        }
      };
      const before = await settled();
      await typeInto(page, page.frameLocator('#frame-blank').locator('#editor'), PNR_PROMPT);
      await page.keyboard.press('Enter');
      await expect(dialog(page.frameLocator('#frame-blank'))).toHaveCount(1);
      await page.keyboard.press('Escape');
      await expect.poll(async () => (await countsOf())[blocked] ?? 0).toBe(before + 1);
      expect(await settled()).toBe(before + 1);

      // The widget frame (same origin, no composer) came a second after the page; its watchdog would
      // have reported after the top frame's (4 s after each started).
      await expect(page.locator('#frame-widget')).toBeAttached();
      await page.waitForTimeout(6000);
      expect(await tabState()).toEqual({ badge: '', status: { degraded: false, site: 'chatgpt' } });
      const counts = await countsOf();
      expect(Object.keys(counts).filter((k) => k.includes('|degraded|'))).toEqual([]);
      expect(counts[blocked]).toBe(before + 1);
    });
  });

  test.describe('5. a hostile page', () => {
    test('blanked prototype getters and event-swallowing capture listeners do not get a personnummer past', async () => {
      const page = await open(context, `${CHATGPT}/?hostile=1`);
      await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
      // In the page's world every text getter says '': the page hides the text from scripts there.
      expect(
        await page.evaluate(() => {
          const editor = document.querySelector('#prompt-textarea') as HTMLElement;
          return [editor.innerText, editor.textContent];
        }),
      ).toEqual(['', '']);
      await page.keyboard.press('Enter');
      await expect(dialog(page)).toHaveCount(1);
      await page.keyboard.press('Escape');
      await page.locator(SEND).click();
      await expect(dialog(page)).toHaveCount(1);
      await page.keyboard.press('Escape');
      // Synthetic events from the page are checked the same way.
      for (const action of ['clickSend', 'enter', 'submit'] as const) {
        await page.evaluate((a) => (window as unknown as { __hostile: Record<string, () => void> }).__hostile[a]!(), action);
        await expect(dialog(page)).toHaveCount(1);
        await page.keyboard.press('Escape');
      }
      // A pasted personnummer with DataTransfer.getData blanked in the page's world.
      await page.evaluate((text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        document.querySelector('#prompt-textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, `Elev: Noah Berg ${PNR}`);
      await expect(dialog(page)).toContainText('Promptvakt stopped this paste');
      await page.keyboard.press('Escape');
      expect(await composerText(page)).toBe(PNR_PROMPT);
      expect(await sent(page)).toEqual([]);
      // The page's swallowing listeners never saw any of it.
      expect(await page.evaluate(() => (window as unknown as { __hostileLog: string[] }).__hostileLog)).toEqual([]);

      // A clean prompt passes, and the page's own capture listener sends it: the trap was live.
      await typeInto(page, page.locator(EDITOR), CLEAN_PROMPT);
      await page.keyboard.press('Enter');
      await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
      expect(await page.evaluate(() => (window as unknown as { __hostileLog: string[] }).__hostileLog)).toEqual(['window:keydown']);
      await page.close();
    });

    test('synthetic clicks, Enter and requestSubmit cannot replay a stopped send', async () => {
      const page = await open(context, `${CHATGPT}/`);
      await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
      await page.keyboard.press('Enter');
      await expect(dialog(page)).toHaveCount(1);
      await page.keyboard.press('Escape');
      const replays: [string, () => void][] = [
        ['button.click()', () => document.querySelector<HTMLButtonElement>('form button[data-testid="send-button"]')!.click()],
        ['a dispatched click', () => document.querySelector('form button[data-testid="send-button"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))],
        ['a dispatched Enter', () => document.querySelector('#prompt-textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true, cancelable: true }))],
        ['requestSubmit()', () => document.querySelector('form')!.requestSubmit()],
      ];
      for (const [name, replay] of replays) {
        await page.evaluate(replay);
        await expect(dialog(page), name).toHaveCount(1);
        expect(await sent(page), name).toEqual([]);
        await page.keyboard.press('Escape');
      }
      await page.close();
    });

    test('an approval ("Send anyway") is for that text, once: the page cannot reuse it for other text or a second send', async () => {
      const page = await open(context, `${CHATGPT}/`);
      await typeInto(page, page.locator(EDITOR), WARN_PROMPT);
      await page.keyboard.press('Enter');
      await expect(dialog(page)).toContainText('Promptvakt warning');
      await dialog(page).getByRole('button', { name: 'Send anyway' }).click();
      await expect.poll(() => sent(page)).toEqual([WARN_PROMPT]);
      // At once (well within the approval's second), the page puts other text in and clicks send.
      const stuffAndClick = (text: string) =>
        page.evaluate((t) => {
          const view = (window as unknown as { __app: { view(): import('prosemirror-view').EditorView } }).__app.view();
          view.dispatch(view.state.tr.insertText(t, 1, view.state.doc.content.size - 1));
          document.querySelector<HTMLButtonElement>('form button[data-testid="send-button"]')!.click();
        }, text);
      await stuffAndClick(PNR_PROMPT);
      await expect(dialog(page)).toHaveCount(1);
      expect(await sent(page)).toEqual([WARN_PROMPT]);
      await page.keyboard.press('Escape');
      // The approved text a second time: asked again, not sent twice.
      await stuffAndClick(WARN_PROMPT);
      await expect(dialog(page)).toContainText('Promptvakt warning');
      expect(await sent(page)).toEqual([WARN_PROMPT]);
      await page.close();
    });

    test('"Send anyway" through a submit button sends once: the click and the submit it causes are one approved send', async () => {
      const page = await open(context, 'https://poe.com/', 'form textarea#prompt');
      await page.locator('form textarea#prompt').click();
      await page.keyboard.type(WARN_PROMPT);
      await page.keyboard.press('Enter');
      await dialog(page).getByRole('button', { name: 'Send anyway' }).click();
      await expect.poll(() => sent(page)).toEqual([WARN_PROMPT]);
      await expect(dialog(page)).toHaveCount(0);
      await page.close();
    });

    test("the page cannot switch Promptvakt off with WXT's restart event (the extension id is public)", async () => {
      const page = await open(context, `${CHATGPT}/`);
      await page.evaluate((id) => {
        const name = `${id}:content:wxt:content-script-started`;
        document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'page' } }));
        window.postMessage({ type: name, contentScriptName: 'content', messageId: 'page' }, '*');
      }, browser.extensionId);
      await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
      await page.keyboard.press('Enter');
      await expect(dialog(page)).toHaveCount(1);
      expect(await sent(page)).toEqual([]);
      await page.close();
    });

    test('a page that rewrites its own document with document.open() is still guarded', async () => {
      const page = await open(context, `${CHATGPT}/`);
      // document.open() erases every event listener of the window and the document, extensions' too.
      await page.evaluate(() => {
        document.open();
        document.write('<!doctype html><html><body><form id="f"><textarea id="prompt" rows="3"></textarea><button type="submit" id="send">Send</button></form></body></html>');
        document.close();
        const form = document.querySelector('form')!;
        const area = document.querySelector('textarea')!;
        const record = (window as unknown as { __sent: string[] }).__sent;
        form.addEventListener('submit', (e) => {
          e.preventDefault();
          record.push(area.value);
        });
        area.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            form.requestSubmit();
          }
        });
      });
      await typeInto(page, page.locator('#prompt'), PNR_PROMPT);
      await page.keyboard.press('Enter');
      await expect(dialog(page)).toHaveCount(1);
      await page.keyboard.press('Escape');
      await page.locator('#send').click();
      await expect(dialog(page)).toHaveCount(1);
      expect(await sent(page)).toEqual([]);
      await page.close();
    });
  });
});

// ---------------------------------------------------------------------------
// The generic adapter: a site the organisation adds through a managed policy.

const POLICY_FILE = join(POLICY_DIR, 'promptvakt-e2e-robustness.json');

test.describe('on a site the organisation adds (the generic adapter)', () => {
  test.skip(!policyDirWritable(), `${POLICY_DIR} is not writable (run as root, as CI does): generic-site robustness tests skipped`);
  let browser: LaunchedBrowser;
  let context: BrowserContext;

  test.beforeAll(async () => {
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: { version: 1, sites: [{ pattern: POLICY_TEST_HOST, mode: 'block' }, { pattern: `${POLICY_TEST_HOST}/c/999`, mode: 'warn' }] } } } }));
    browser = await launchChromium({ extension: resolve(POLICY_BUILD), locale: 'en-US' });
    context = browser.context;
    await routeRobustMocks(context, GENERIC);
    // The content script is registered at run time, once the background has read the policy.
    await expect
      .poll(
        () =>
          browser.worker!.evaluate(async () => {
            const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
            const scripts = await api.scripting.getRegisteredContentScripts();
            return scripts.map((s) => ({ id: s.id, matches: s.matches, allFrames: s.allFrames, matchOriginAsFallback: s.matchOriginAsFallback ?? false }));
          }),
        { timeout: 40_000 },
      )
      .toEqual([
        // Every frame; about:blank and srcdoc frames too where the pattern's path allows it (Chrome: only `/*`).
        { id: 'promptvakt-organisation-sites', matches: [`${GENERIC}/*`], allFrames: true, matchOriginAsFallback: true },
        { id: 'promptvakt-organisation-sites-paths', matches: [`${GENERIC}/c/999*`], allFrames: true, matchOriginAsFallback: false },
      ]);
  });
  test.afterAll(async () => {
    await browser?.close();
    rmSync(POLICY_FILE, { force: true });
  });

  test('1. a replaced composer is guarded on Enter and on its send button; a clean prompt goes through', async () => {
    const page = await open(context, `${GENERIC}/`);
    await page.locator('#remount').click();
    await expect(page.locator('#app')).toHaveAttribute('data-render', '2');
    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    await page.keyboard.press('Escape');
    // A type=button send control, known only by its name (aria-label "Send prompt", data-testid "send-button").
    await page.locator(SEND).click();
    await expect(dialog(page)).toHaveCount(1);
    await page.keyboard.press('Escape');
    expect(await sent(page)).toEqual([]);
    await expectIndicatorBy(page, page.locator(EDITOR));

    await page.locator('#nav-conversation').click();
    await expect(page.locator('#app')).toHaveAttribute('data-route', 'conversation:123');
    await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toHaveCount(1);
    await page.keyboard.press('Escape');
    await typeInto(page, page.locator(EDITOR), CLEAN_PROMPT);
    await page.locator(SEND).click();
    await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
    await expect(dialog(page)).toHaveCount(0);
    await page.close();
  });

  test('2. single-page navigation: the policy\'s mode follows the address (a path the organisation set to "warn")', async () => {
    const page = await open(context, `${GENERIC}/c/123`);
    const tryPnr = async (mode: 'block' | 'warn') => {
      await typeInto(page, page.locator(EDITOR), PNR_PROMPT);
      await page.keyboard.press('Enter');
      await expect(dialog(page)).toHaveCount(1);
      await expect(dialog(page)).toHaveAttribute('data-promptvakt-dialog', mode);
      await page.keyboard.press('Escape');
      await expect(dialog(page)).toHaveCount(0);
    };
    await tryPnr('block');
    await page.evaluate(() => {
      history.pushState({}, '', '/c/999');
      (window as unknown as { __app: { render(): void } }).__app.render();
    });
    await expect(page.locator('#app')).toHaveAttribute('data-route', 'conversation:999');
    await tryPnr('warn');
    await page.goBack();
    await expect(page.locator('#app')).toHaveAttribute('data-route', 'conversation:123');
    await tryPnr('block');
    expect(await sent(page)).toEqual([]);
    await page.close();

    // Loaded at /c/999, where both organisation scripts match: one Promptvakt, one dialog per Enter, one send.
    const direct = await open(context, `${GENERIC}/c/999`);
    await typeInto(direct, direct.locator(EDITOR), PNR_PROMPT);
    await direct.keyboard.press('Enter');
    await expect(dialog(direct)).toHaveAttribute('data-promptvakt-dialog', 'warn');
    await direct.waitForTimeout(300);
    await expect(dialog(direct)).toHaveCount(1);
    await expect(direct.locator('promptvakt-dialog')).toHaveCount(1);
    await direct.keyboard.press('Escape');
    await expect(dialog(direct)).toHaveCount(0);
    await typeInto(direct, direct.locator(EDITOR), CLEAN_PROMPT);
    await direct.keyboard.press('Enter');
    await expect.poll(() => sent(direct)).toEqual([CLEAN_PROMPT]);
    await direct.waitForTimeout(300);
    expect(await sent(direct)).toEqual([CLEAN_PROMPT]);
    await direct.close();
  });

  test('4. composers in a same-origin frame and in an about:blank frame are guarded (registered for every frame)', async () => {
    const page = await open(context, `${GENERIC}/frames`);
    const same = page.frameLocator('#frame-same-origin');
    await typeInto(page, same.locator(EDITOR), PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(same)).toHaveCount(1);
    await page.keyboard.press('Escape');
    const blank = page.frameLocator('#frame-blank');
    await typeInto(page, blank.locator('#editor'), PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(blank)).toHaveCount(1);
    await page.keyboard.press('Escape');
    expect(await sent(page)).toEqual([]);
    await typeInto(page, blank.locator('#editor'), CLEAN_PROMPT);
    await page.keyboard.press('Enter');
    await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
    await page.close();
  });
});
