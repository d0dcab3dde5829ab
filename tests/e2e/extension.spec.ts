/**
 * The extension in Debian Chromium against the offline mock sites, served
 * under the real sites' origins (so the content script's host matches apply)
 * with no network: a personnummer is stopped on Enter and on the send button,
 * a clean prompt goes through unchanged, "mask and send" sends placeholders,
 * "send anyway" is offered only for warnings, and pastes are checked before
 * they land.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { launchChromium, type LaunchedBrowser } from './launch';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';


interface Site {
  origin: string;
  mock: string;
  editor: string;
  send: string;
}

const SITES: Record<string, Site> = {
  chatgpt: { origin: 'https://chatgpt.com', mock: 'chatgpt', editor: 'form #prompt-textarea', send: 'form button[data-testid="send-button"]' },
  claude: { origin: 'https://claude.ai', mock: 'claude', editor: 'fieldset div.ProseMirror', send: 'fieldset button[aria-label="Send message"]' },
  gemini: { origin: 'https://gemini.google.com', mock: 'gemini', editor: 'rich-textarea .ql-editor', send: 'button.send-button' },
  lexical: { origin: 'https://www.meta.ai', mock: 'lexical', editor: '[data-lexical-editor="true"]', send: 'button[aria-label="Submit"]' },
  textarea: { origin: 'https://poe.com', mock: 'textarea', editor: 'form textarea#prompt', send: 'form button[type="submit"]' },
  upload: { origin: 'https://huggingface.co', mock: 'upload', editor: 'form textarea#prompt', send: 'form button[type="submit"]' },
};

const PNR_PROMPT = 'Skriv ett avslag till Per Nilsson 640823-4174 om parkeringstillstånd';
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';
const WARN_PROMPT = 'min kollega Lena är sjukskriven sedan mars, hjälp mig planera arbetsträning';

let server: MockServer;
let context: BrowserContext;
let browser: LaunchedBrowser;
let outsideRequests: string[];

async function launch(lang: string): Promise<void> {
  browser = await launchChromium({ locale: lang });
  context = browser.context;
  outsideRequests = [];
  for (const site of Object.values(SITES)) await routeSiteToMock(context, site.origin, server.url, site.mock);
  // Everything else is recorded and refused: nothing may leave the machine.
  await context.route(
    (url) => url.origin !== server.url && !Object.values(SITES).some((s) => url.origin === s.origin) && url.protocol !== 'chrome-extension:',
    (route) => {
      outsideRequests.push(route.request().url());
      return route.abort();
    },
  );
}

async function open(site: Site): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${site.origin}/${site.mock === 'upload' ? 'chat/' : ''}`);
  await page.locator(site.editor).waitFor();
  return page;
}

const sent = (page: Page) => page.evaluate(() => (window as unknown as { __sent: string[] }).__sent);
const dialog = (page: Page) => page.locator('[role="alertdialog"]');

test.beforeAll(async () => {
  server = await startMockServer();
});

test.afterAll(async () => {
  await server?.close();
});

test.describe('in English', () => {
  test.beforeAll(async () => launch('en-US'));
  test.afterAll(async () => {
    await browser?.close();
  });

  for (const [name, site] of Object.entries(SITES).filter(([n]) => n !== 'upload')) {
    test(`${name}: a typed personnummer is stopped on Enter, the page's send handler is not called`, async () => {
      const page = await open(site);
      await page.locator(site.editor).click();
      await page.keyboard.type(PNR_PROMPT);
      await page.keyboard.press('Enter');
      await expect(dialog(page)).toBeVisible();
      await expect(dialog(page)).toContainText('Promptvakt stopped this message');
      await expect(dialog(page)).toContainText('64****-****');
      await expect(dialog(page)).not.toContainText('640823-4174');
      expect(await sent(page)).toEqual([]);
      await page.close();
    });
  }

  test('chatgpt: a click on the send button is stopped too, and Escape returns to the editor', async () => {
    const site = SITES.chatgpt!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type(PNR_PROMPT);
    await page.locator(site.send).click();
    await expect(dialog(page)).toBeVisible();
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    // The finding is selected in the editor, ready to be changed.
    expect(await page.evaluate(() => getSelection()?.toString())).toBe('640823-4174');
    expect(await sent(page)).toEqual([]);
    await page.close();
  });

  for (const name of ['chatgpt', 'textarea', 'gemini']) {
    test(`${name}: a clean prompt is sent unchanged without a dialog`, async () => {
      const site = SITES[name]!;
      const page = await open(site);
      await page.locator(site.editor).click();
      await page.keyboard.type(CLEAN_PROMPT);
      await page.keyboard.press('Enter');
      await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
      await expect(dialog(page)).toHaveCount(0);
      await page.close();
    });
  }

  for (const name of ['chatgpt', 'claude', 'textarea']) {
    test(`${name}: "Mask and send" sends placeholders through the editor`, async () => {
      const site = SITES[name]!;
      const page = await open(site);
      await page.locator(site.editor).click();
      await page.keyboard.type(PNR_PROMPT);
      await page.keyboard.press('Enter');
      await dialog(page).getByRole('button', { name: 'Mask and send' }).click();
      await expect.poll(() => sent(page)).toEqual(['Skriv ett avslag till [PERSON 1] [PERSONAL ID NUMBER 1] om parkeringstillstånd']);
      await expect(dialog(page)).toHaveCount(0);
      await page.close();
    });
  }

  // Several lines: the editor's own paste path must replace the whole text, not add the masked copy to it.
  for (const name of ['chatgpt', 'claude', 'lexical', 'gemini', 'textarea']) {
    test(`${name}: "Mask and send" of a prompt on several lines sends exactly the masked lines`, async () => {
      const site = SITES[name]!;
      const page = await open(site);
      await page.locator(site.editor).click();
      const lines = ['Sammanfatta ärendet:', `Sökande: Per Nilsson ${PNR_PROMPT.match(/\d{6}-\d{4}/)![0]}`, 'Beslut: avslag'];
      for (const [i, line] of lines.entries()) {
        if (i > 0) await page.keyboard.press('Shift+Enter');
        await page.keyboard.type(line);
      }
      await page.keyboard.press('Enter');
      await dialog(page).getByRole('button', { name: 'Mask and send' }).click();
      await expect.poll(() => sent(page)).toHaveLength(1);
      const [masked] = await sent(page);
      const sentLines = masked!.split('\n').map((l) => l.trim()).filter(Boolean);
      expect(sentLines).toEqual(['Sammanfatta ärendet:', 'Sökande: [PERSON 1] [PERSONAL ID NUMBER 1]', 'Beslut: avslag']);
      expect(masked).not.toMatch(/\d{4}/);
      await expect(dialog(page)).toHaveCount(0);
      await page.close();
    });
  }

  test('a page that ignores the replayed send: the dialog says it was not sent, and the employee\'s own send then goes through', async () => {
    const site = SITES.chatgpt!;
    const page = await context.newPage();
    await page.goto(`${site.origin}/?trusted-only`);
    await page.locator(site.editor).click();
    await page.keyboard.type(WARN_PROMPT);
    await page.keyboard.press('Enter');
    await dialog(page).getByRole('button', { name: 'Send anyway' }).click();
    await expect(dialog(page)).toContainText('could not send the text for you');
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await page.locator(site.editor).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => sent(page)).toEqual([WARN_PROMPT]);
    await expect(dialog(page)).toHaveCount(0);
    await page.close();
  });

  test('classified text: no "Mask and send", and the dialog says why', async () => {
    const site = SITES.chatgpt!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type('HEMLIG');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Sammanfatta underlaget om förbandets övning i vår');
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toContainText('cannot be masked');
    await expect(dialog(page).getByRole('button', { name: 'Mask and send' })).toHaveCount(0);
    expect(await sent(page)).toEqual([]);
    await page.close();
  });

  test('a block offers no "Send anyway"; a warning does, and then the original is sent', async () => {
    const site = SITES.chatgpt!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type(PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeVisible();
    await expect(dialog(page).getByRole('button', { name: 'Send anyway' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type(WARN_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toContainText('Promptvakt warning');
    // A page script cannot press the button for the user: its click is not trusted.
    await page.evaluate(() => {
      for (const host of document.querySelectorAll('*')) {
        (host.shadowRoot?.querySelector('[data-action="proceed"]') as HTMLButtonElement | null)?.click();
      }
    });
    await page.waitForTimeout(300);
    expect(await sent(page)).toEqual([]);
    await dialog(page).getByRole('button', { name: 'Send anyway' }).click();
    await expect.poll(() => sent(page)).toEqual([WARN_PROMPT]);
    await page.close();
  });

  test('a pasted classified document is stopped before it lands in the composer', async () => {
    const site = SITES.claude!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.evaluate((selector) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'KONFIDENTIELL\nBeredskapsplan för läkemedelsförsörjning\nLagret ligger i bergrummet.');
      document.querySelector(selector)!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, site.editor);
    await expect(dialog(page)).toContainText('Promptvakt stopped this paste');
    await expect(page.locator(site.editor)).not.toContainText('Beredskapsplan');
    await page.close();
  });

  test('a 1 MB paste is checked in the background with a visible "checking" state, and stopped before it lands', async () => {
    const site = SITES.claude!;
    const page = await open(site);
    await page.locator(site.editor).click();
    // ~1 MB of ordinary text with one personnummer at the very end.
    const started = await page.evaluate((selector) => {
      const text = 'Protokoll från verksamhetsmöte, punkt för punkt. '.repeat(21_000) + '\nSökande: Per Nilsson 640823-4174';
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.querySelector(selector)!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      return { length: text.length };
    }, site.editor);
    // (How long the page's main thread is busy is measured in `npm run bench`, not here.)
    expect(started.length).toBeGreaterThan(1_000_000);
    await expect(page.locator('[data-promptvakt-indicator="checking"]')).toBeAttached();
    await expect(dialog(page)).toContainText('Promptvakt stopped this paste', { timeout: 15_000 });
    await expect(page.locator(site.editor)).not.toContainText('Protokoll');
    await page.close();
  });

  test('a file Promptvakt cannot read gets the reminder, and the upload goes on', async () => {
    const site = SITES.upload!;
    const page = await open(site);
    await page.locator('#file').setInputFiles({ name: 'beslut.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 binary') });
    await expect(dialog(page)).toContainText('Promptvakt: check the file before you upload it');
    await expect(dialog(page)).toContainText('beslut.pdf');
    await expect.poll(() => page.locator('#file').evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(1);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await page.close();
  });

  test('deepseek: a send control that is a div[role=button] is guarded too', async () => {
    const site: Site = { origin: 'https://chat.deepseek.com', mock: 'deepseek', editor: 'textarea#chat-input', send: '#ds-send' };
    await routeSiteToMock(context, site.origin, server.url, site.mock);
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type(PNR_PROMPT);
    await page.locator(site.send).click();
    await expect(dialog(page)).toBeVisible();
    expect(await sent(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator(site.editor).fill(CLEAN_PROMPT);
    await page.locator(site.send).click();
    await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
    await page.close();
  });

  test('chatgpt: Ctrl/Cmd+Enter is checked like Enter', async () => {
    const site = SITES.chatgpt!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type(PNR_PROMPT);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(dialog(page)).toBeVisible();
    expect(await sent(page)).toEqual([]);
    await page.close();
  });

  test('chatgpt: the send button the page re-renders after a send is still guarded', async () => {
    const site = SITES.chatgpt!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type(CLEAN_PROMPT);
    await page.locator(site.send).click();
    await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
    // The mock replaces the button element after every send, as React sites do.
    await page.locator(site.editor).click();
    await page.keyboard.type(PNR_PROMPT);
    await page.locator(site.send).click();
    await expect(dialog(page)).toBeVisible();
    expect(await sent(page)).toEqual([CLEAN_PROMPT]);
    await page.close();
  });

  test('a text file with a personnummer is stopped before the upload goes on; a clean one goes through', async () => {
    const site = SITES.upload!;
    const page = await open(site);
    const uploads = () => page.evaluate(() => (window as unknown as { __uploads: { name: string }[] }).__uploads.map((u) => u.name));
    await page.locator('#file').setInputFiles({ name: 'elever.csv', mimeType: 'text/csv', buffer: Buffer.from('namn;pnr\nPer Nilsson;640823-4174\n') });
    await expect(dialog(page)).toContainText('Promptvakt stopped this file');
    expect(await page.locator('#file').evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('#upload-button').click();
    expect(await uploads()).toEqual([]);

    await page.locator('#file').setInputFiles({ name: 'inbjudan.txt', mimeType: 'text/plain', buffer: Buffer.from('Välkomna på julbord fredag kl. 12!') });
    await expect(dialog(page)).toHaveCount(0);
    await expect.poll(() => page.locator('#file').evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(1);
    await page.locator('#upload-button').click();
    await expect.poll(uploads).toEqual(['inbjudan.txt']);
    await page.close();
  });

  test('a text file dropped on the composer is checked before the page takes it', async () => {
    const site = SITES.upload!;
    const page = await open(site);
    const uploads = () => page.evaluate(() => (window as unknown as { __uploads: { name: string }[] }).__uploads.map((u) => u.name));
    const drop = (name: string, content: string) =>
      page.evaluate(
        ([selector, fileName, text]) => {
          const data = new DataTransfer();
          data.items.add(new File([text!], fileName!, { type: 'text/plain' }));
          document.querySelector(selector!)!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        },
        [site.editor, name, content],
      );
    await drop('anteckning.txt', 'KONFIDENTIELL\nBeredskapsplan för vattenverket');
    await expect(dialog(page)).toContainText('Promptvakt stopped this file');
    await page.keyboard.press('Escape');
    expect(await uploads()).toEqual([]);
    await drop('lista.txt', 'Inköpslista: kaffe, mjölk, pepparkakor');
    await expect.poll(uploads).toEqual(['lista.txt']);
    await page.close();
  });

  for (const name of ['chatgpt', 'gemini', 'lexical']) {
    test(`${name}: findings are painted while typing, without touching the editor's DOM`, async () => {
      const site = SITES[name]!;
      const page = await open(site);
      await page.locator(site.editor).click();
      await page.keyboard.type(PNR_PROMPT);
      const painted = () =>
        page.evaluate(() => {
          const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('promptvakt-finding');
          return h ? [...h].map((r) => r.toString()) : [];
        });
      await expect.poll(painted, { timeout: 5000 }).toEqual(['640823-4174']);
      // No element was added inside the editor.
      expect(await page.locator(`${site.editor} mark, ${site.editor} [data-promptvakt]`).count()).toBe(0);
      expect(await sent(page)).toEqual([]);
      await page.close();
    });
  }

  test('Enter while an IME is composing is left alone', async () => {
    const site = SITES.chatgpt!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type(PNR_PROMPT);
    await page.locator(site.editor).dispatchEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true });
    await expect(dialog(page)).toHaveCount(0);
    expect(await sent(page)).toEqual([]);
    await page.close();
  });

  test('the extension makes no network request of its own', async () => {
    expect(outsideRequests).toEqual([]);
  });
});

test.describe('på svenska', () => {
  test.beforeAll(async () => launch('sv-SE'));
  test.afterAll(async () => {
    await browser?.close();
  });

  test('the dialog speaks Swedish and links to Digg\'s guideline', async () => {
    const site = SITES.chatgpt!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type(PNR_PROMPT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toContainText('Promptvakt stoppade meddelandet');
    await expect(dialog(page).getByRole('link').first()).toHaveAttribute('href', /^https:\/\/www\.digg\.se\//);
    // The link says it opens a new tab; the dialog carries its language; no organisation policy, no "organisation's rules".
    await expect(dialog(page).getByRole('link').first()).toHaveAccessibleName(/öppnas i en ny flik/);
    await expect(dialog(page)).toHaveAttribute('lang', 'sv');
    await expect(dialog(page)).toContainText('Promptvakts grundinställning tillåter inte att detta skickas.');
    await expect(dialog(page)).not.toContainText('Organisationens regler');
    await expect(dialog(page).getByRole('button', { name: 'Maskera och skicka' })).toBeVisible();
    await expect(dialog(page).getByRole('button', { name: 'Det här är fel' })).toBeVisible();
    expect(await sent(page)).toEqual([]);
    await page.close();
  });

  test('the dialog says where a marking was found: in the subject line', async () => {
    const site = SITES.chatgpt!;
    const page = await open(site);
    await page.locator(site.editor).click();
    await page.keyboard.type('Ämne: VB: Konfidentiell - utkast säkerhetsskyddsanalys. Sammanfatta bilagan i tre punkter.');
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toContainText('Promptvakt stoppade meddelandet');
    await expect(dialog(page)).toContainText('Hittad i ämnesraden.');
    expect(await sent(page)).toEqual([]);
    await page.close();
  });
});
