/**
 * Proves the offline mock chat pages work in Debian Chromium without the
 * extension: typing into each composer with the real editor libraries, Enter
 * and the send button send the exact text (read from the editor's own state),
 * Shift+Enter breaks the line, an IME Enter does not send, decoys on the
 * chatgpt page are not the composer, uploads and drops are recorded, and no
 * page touches the network.
 */
import { chromium, expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { startMockServer, type MockServer } from '../../demo/server';
import { routeSiteToMock } from '../../demo/route';
import type { MockUpload, MockWindow } from '../../demo/src/shared/common';

interface Composer {
  site: string;
  /** The composer's editable element. */
  editor: string;
  /** The send control. */
  send: string;
}

/** How each page's composer and send control are found (the contract for the content script). */
const COMPOSERS: Composer[] = [
  { site: 'chatgpt', editor: 'form div#prompt-textarea.ProseMirror[contenteditable="true"]', send: 'form button[data-testid="send-button"]' },
  { site: 'claude', editor: 'fieldset div.ProseMirror[contenteditable="true"]', send: 'fieldset button[aria-label="Send message"]' },
  { site: 'gemini', editor: 'rich-textarea .ql-editor[contenteditable="true"]', send: 'button.send-button[aria-label="Send message"]' },
  { site: 'lexical', editor: '[contenteditable="true"][data-lexical-editor="true"]', send: 'button[aria-label="Submit"]' },
  { site: 'textarea', editor: 'form textarea#prompt', send: 'form button[type="submit"]' },
  { site: 'upload', editor: 'form textarea#prompt', send: 'form button[type="submit"]' },
  { site: 'demo', editor: 'form div#prompt-textarea.ProseMirror[contenteditable="true"]', send: 'form button[data-testid="send-button"]' },
];

let browser: Browser;
let server: MockServer;
let page: Page;
let problems: string[];

test.beforeAll(async () => {
  server = await startMockServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test.beforeEach(async () => {
  problems = [];
  const context = await browser.newContext();
  // Offline: any request not for the mock server is recorded as a failure and aborted.
  await context.route(
    (url) => url.origin !== server.url,
    (route) => {
      problems.push(`network request outside the mock server: ${route.request().url()}`);
      return route.abort();
    },
  );
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
});

test.afterEach(async () => {
  await page.context().close();
  expect(problems).toEqual([]);
});

async function open(site: string, query = ''): Promise<void> {
  await page.goto(`${server.url}/${site}.html${query}`);
  await page.waitForFunction(() => (window as unknown as MockWindow).__ready === true);
}

const sent = () => page.evaluate(() => (window as unknown as MockWindow).__sent);
const uploads = () => page.evaluate(() => (window as unknown as MockWindow).__uploads);

/** What the composer holds right now, from the DOM. */
function domText(editor: Locator): Promise<string> {
  return editor.evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '')));
}

type ImeVariant = 'isComposing' | 'keyCode229' | 'safari-order';

/**
 * An IME commit with Enter: compositionstart, keydown Enter flagged as
 * composing (Chromium: isComposing; Safari/older IMEs: keyCode 229), keyup,
 * compositionend. 'safari-order' sends compositionend before the keydown 229,
 * as Safari does, so only the keyCode tells the editor it is an IME Enter.
 */
function imeEnter(editor: Locator, variant: ImeVariant) {
  return editor.evaluate((el, variant) => {
    const init: KeyboardEventInit = { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true, composed: true };
    const keyInit: KeyboardEventInit = variant === 'isComposing' ? { ...init, isComposing: true, keyCode: 13 } : { ...init, keyCode: 229 };
    const start = () => el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
    const end = () => el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '' }));
    const keydown = new KeyboardEvent('keydown', keyInit);
    start();
    if (variant === 'safari-order') end();
    el.dispatchEvent(keydown);
    el.dispatchEvent(new KeyboardEvent('keyup', keyInit));
    if (variant !== 'safari-order') end();
    return { isComposing: keydown.isComposing, keyCode: keydown.keyCode };
  }, variant);
}

const TEXT = 'Hej från testet: Per Nilsson, 640823-4174 – åäö ÅÄÖ <b>&amp;</b>  två mellanslag.';

for (const c of COMPOSERS) {
  test.describe(c.site, () => {
    test('Enter and the send control send the exact text, then the composer is empty', async () => {
      await open(c.site);
      const editor = page.locator(c.editor);
      await expect(editor).toHaveCount(1);
      await editor.click();
      await page.keyboard.type(TEXT);
      await expect.poll(() => domText(editor)).toBe(TEXT);
      await page.keyboard.press('Enter');
      expect(await sent()).toEqual([TEXT]);
      await expect.poll(() => domText(editor)).toBe('');

      // Enter on an empty composer sends nothing.
      await page.keyboard.press('Enter');
      await page.keyboard.type('   ');
      await page.keyboard.press('Enter');
      expect(await sent()).toEqual([TEXT]);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');

      await editor.pressSequentially('andra prompten');
      await page.locator(c.send).click();
      expect(await sent()).toEqual([TEXT, 'andra prompten']);
      await expect.poll(() => domText(editor)).toBe('');
      await expect(page.locator('#sent > li')).toHaveText([TEXT, 'andra prompten'], { useInnerText: false });
    });

    test('Shift+Enter makes a line break, not a send', async () => {
      await open(c.site);
      const editor = page.locator(c.editor);
      await editor.click();
      await editor.pressSequentially('rad ett');
      await page.keyboard.press('Shift+Enter');
      await editor.pressSequentially('rad två');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.press('Shift+Enter');
      await editor.pressSequentially('rad fyra');
      expect(await sent()).toEqual([]);
      await page.locator(c.send).click();
      expect(await sent()).toEqual(['rad ett\nrad två\n\nrad fyra']);
    });

    for (const variant of ['isComposing', 'keyCode229', 'safari-order'] as const) {
      test(`an IME Enter (${variant}) does not send`, async () => {
        await open(c.site);
        const editor = page.locator(c.editor);
        await editor.click();
        await editor.pressSequentially('かんじ kanji');
        const event = await imeEnter(editor, variant);
        // The synthetic event really carries the flag under test.
        expect(variant === 'isComposing' ? event.isComposing : event.keyCode === 229).toBe(true);
        await page.waitForTimeout(50); // let the editors settle after compositionend
        expect(await sent()).toEqual([]);
        await expect.poll(() => domText(editor)).toBe('かんじ kanji');
        // A plain Enter afterwards sends the text unchanged.
        await editor.focus();
        await page.keyboard.press('Enter');
        expect(await sent()).toEqual(['かんじ kanji']);
      });
    }
  });
}

test.describe('chatgpt specifics', () => {
  test('the send button is a new element after every send and disabled while empty', async () => {
    await open('chatgpt');
    const button = page.locator('button[data-testid="send-button"]');
    await expect(button).toHaveCount(1);
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('type', 'button');
    await expect(button).toHaveAttribute('aria-label', 'Send prompt');
    await expect(button.locator('svg')).toHaveCount(1);
    expect(await button.evaluate((b) => b.closest('form') !== null)).toBe(true);

    const first = await button.elementHandle();
    await page.locator('#prompt-textarea').click();
    await page.keyboard.type('första');
    await expect(button).toBeEnabled();
    await button.click();
    expect(await sent()).toEqual(['första']);
    expect(await first!.evaluate((b) => b.isConnected)).toBe(false);
    await expect(button).toHaveCount(1);
    await expect(button).toBeDisabled();

    const second = await button.elementHandle();
    await page.keyboard.type('andra');
    await page.keyboard.press('Enter');
    expect(await sent()).toEqual(['första', 'andra']);
    expect(await second!.evaluate((b) => b.isConnected)).toBe(false);
    expect(await button.getAttribute('data-generation')).toBe('3');
  });

  test('the canvas editor, message-edit box and hidden textarea are not the composer', async () => {
    await open('chatgpt');
    await expect(page.locator('[contenteditable="true"]')).toHaveCount(3);
    await expect(page.locator('div.ProseMirror[contenteditable="true"]')).toHaveCount(2);
    await expect(page.locator('textarea[name="prompt-textarea"]')).toBeHidden();

    const canvas = page.locator('#canvas .ProseMirror');
    await canvas.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Canvastext');
    await page.keyboard.press('Enter');
    await expect(canvas.locator('p')).toHaveCount(4);
    await expect(canvas).toContainText('Canvastext');

    const edit = page.locator('#message-edit');
    await edit.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' (ändrad)');
    await page.keyboard.press('Enter');
    await page.locator('#message-edit-save').click();
    await expect(page.locator('#message-text')).toContainText('(ändrad)');

    expect(await sent()).toEqual([]);
    await expect(page.locator('#sent > li')).toHaveCount(0);
    await expect(page.locator('#prompt-textarea')).toHaveText('');
  });

  test('?delay= mounts the composer late, like SPA hydration', async () => {
    await page.goto(`${server.url}/chatgpt.html?delay=2000`, { waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => (window as unknown as MockWindow).__ready ?? false)).toBe(false);
    await expect(page.locator('#prompt-textarea')).toHaveCount(0);
    await expect(page.locator('#prompt-textarea')).toHaveCount(1, { timeout: 10_000 });
    await page.locator('#prompt-textarea').click();
    await page.keyboard.type('sent hydrering');
    await page.keyboard.press('Enter');
    expect(await sent()).toEqual(['sent hydrering']);
  });

  test('routeSiteToMock serves the mock under https://chatgpt.com offline', async () => {
    await routeSiteToMock(page, 'https://chatgpt.com', server.url, 'chatgpt');
    await page.goto('https://chatgpt.com/c/abc-123');
    await page.waitForFunction(() => (window as unknown as MockWindow).__ready === true);
    expect(await page.evaluate(() => location.hostname)).toBe('chatgpt.com');
    await page.locator('#prompt-textarea').click();
    await page.keyboard.type('via chatgpt.com');
    await page.keyboard.press('Enter');
    expect(await sent()).toEqual(['via chatgpt.com']);
  });
});

test.describe('other page specifics', () => {
  test('claude: Shift+Enter is a <br> hard break inside one paragraph', async () => {
    await open('claude');
    const editor = page.locator('fieldset div.ProseMirror');
    await expect(page.locator('button[aria-label="Send message"]')).toBeDisabled();
    await editor.click();
    await page.keyboard.type('a');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('b');
    await expect(editor.locator('p')).toHaveCount(1);
    await expect(editor.locator('br:not(.ProseMirror-trailingBreak)')).toHaveCount(1);
    await page.keyboard.press('Enter');
    expect(await sent()).toEqual(['a\nb']);
  });

  test('gemini: the Quill editor sits in rich-textarea and the button uses aria-disabled', async () => {
    await open('gemini');
    const button = page.locator('button.send-button[aria-label="Send message"]');
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await page.locator('rich-textarea .ql-editor').click();
    await page.keyboard.type('x');
    await expect(button).toHaveAttribute('aria-disabled', 'false');
    // Quill's stylesheet is bundled offline.
    expect(await page.locator('.ql-editor').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
  });

  test('lexical: data-lexical-editor root, <br> line breaks, placeholder and button follow the state', async () => {
    await open('lexical');
    const editor = page.locator('#lexical-editor');
    await expect(editor).toHaveAttribute('data-lexical-editor', 'true');
    await expect(page.locator('#lexical-placeholder')).toBeVisible();
    await expect(page.locator('button[aria-label="Submit"]')).toBeDisabled();
    await editor.click();
    await page.keyboard.type('a');
    await expect(page.locator('#lexical-placeholder')).toBeHidden();
    await expect(page.locator('button[aria-label="Submit"]')).toBeEnabled();
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('b');
    await expect(editor.locator('p')).toHaveCount(1);
    await expect(editor.locator('p > br')).toHaveCount(1);
    await page.keyboard.press('Enter');
    expect(await sent()).toEqual(['a\nb']);
    await expect(page.locator('#lexical-placeholder')).toBeVisible();
  });

  test('textarea: the value is read at send time (programmatic fill, no key events)', async () => {
    await open('textarea');
    await page.locator('#prompt').fill('ifyllt utan tangenter');
    await page.getByRole('button', { name: 'Skicka' }).click();
    expect(await sent()).toEqual(['ifyllt utan tangenter']);
    await expect(page.locator('#prompt')).toHaveValue('');
  });

  test('upload: the file input + button and a drop on the composer record files', async () => {
    await open('upload');
    await page.locator('#file').setInputFiles([
      { name: 'anteckning.txt', mimeType: 'text/plain', buffer: Buffer.from('Pnr 640823-4174\n') },
      { name: 'två.txt', mimeType: 'text/plain', buffer: Buffer.from('BEGRÄNSAT HEMLIG') },
    ]);
    expect(await uploads()).toEqual([]);
    await page.locator('#upload-button').click();
    const viaInput: MockUpload[] = [
      { name: 'anteckning.txt', text: 'Pnr 640823-4174\n', via: 'input' },
      { name: 'två.txt', text: 'BEGRÄNSAT HEMLIG', via: 'input' },
    ];
    await expect.poll(uploads).toEqual(viaInput);

    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['släppt text'], 'släppt.txt', { type: 'text/plain' }));
      return dt;
    });
    const composer = page.locator('#prompt');
    await composer.dispatchEvent('dragenter', { dataTransfer });
    await composer.dispatchEvent('dragover', { dataTransfer });
    await composer.dispatchEvent('drop', { dataTransfer });
    await expect.poll(uploads).toEqual([...viaInput, { name: 'släppt.txt', text: 'släppt text', via: 'drop' }]);
    await expect(page.locator('#uploads > li')).toHaveCount(3);
    expect(await sent()).toEqual([]);
  });

  test('no-composer: nothing to type into', async () => {
    await open('no-composer');
    await expect(page.locator('textarea, input, [contenteditable]:not([contenteditable="false"])')).toHaveCount(0);
    expect(await sent()).toEqual([]);
    expect(await uploads()).toEqual([]);
  });

  test('demo: Swedish page, example chips fill the composer, sent prompts appear in the chat', async () => {
    await open('demo');
    await expect(page).toHaveTitle('Promptvakt demo – skriv en prompt');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Promptvakt demo – skriv en prompt');
    await expect(page.locator('button[data-testid="send-button"]')).toHaveAttribute('aria-label', 'Skicka prompt');
    await page.getByRole('button', { name: 'Personnummer' }).click();
    const expected = 'Skriv ett vänligt avslag till Per Nilsson, 640823-4174, på hans ansökan om parkeringstillstånd.';
    await expect(page.locator('#prompt-textarea')).toHaveText(expected);
    await page.keyboard.press('Enter');
    expect(await sent()).toEqual([expected]);
    await expect(page.locator('#sent > li')).toHaveText([expected]);
    await expect(page.locator('#status')).toContainText('Inget lämnade datorn');

    await page.getByRole('button', { name: 'Sekretessmarkering' }).click();
    await page.locator('button[data-testid="send-button"]').click();
    expect((await sent())[1]).toBe('Sammanfatta i tre punkter:\n\nKONFIDENTIELL\nBeredskapsplan för vattenförsörjning vid höjd beredskap …');
  });
});
