/**
 * "Guard by content, not by name": the paths through which a prompt's text
 * reaches a page's send handler besides the composer's Enter and send button,
 * in Debian Chromium, on offline mocks served under the real sites' origins
 * (demo/README.md, "send-paths"):
 *
 * 1. an earlier message edited in its inline box and saved with the box's own
 *    "Save" / "Spara" / "Update" button;
 * 2. custom instructions saved in a settings dialog;
 * 3. a second composer whose control is named "Reply" or "Ask", is an
 *    `<a href="#">`, or is an `<svg>` in a `div[title]` without a role;
 * 4. a send control that acts on pointerdown / mousedown;
 * 5. a `div[role=button][tabindex=0]` pressed with Enter or Space;
 * 6. a file dropped anywhere on the window, a file pasted with the focus
 *    outside the composer, a file input read on `input` (not `change`);
 * 7. DeepSeek's layout: upload and send are both `div[role=button]` with
 *    `aria-disabled`, upload first: an approved send ("Send anyway",
 *    "Mask and send") must be replayed on the send control, not the upload;
 * 8. text files named .sql, .yaml, .rtf, .ps1, .py, picked in a file input
 *    (the type Chromium gives them) or dropped on the composer with no type.
 *
 * For every path: without the extension the page really sends the
 * personnummer (the test can fail); with the extension it must not reach the
 * page's handler and Promptvakt's dialog must be shown; a clean text still
 * goes through that path unchanged.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { launchChromium, type LaunchedBrowser } from './launch';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';
import type { MockUpload } from '../../demo/src/shared/common';

/** send-paths.html is served for every path of chatgpt.com (the ChatGPT adapter applies). */
const CHATGPT = 'https://chatgpt.com';
const DEEPSEEK = 'https://chat.deepseek.com';
/** upload.html under HuggingChat (matches https://huggingface.co/chat/*). */
const HUGGINGFACE = 'https://huggingface.co';
const ORIGINS: [string, string][] = [
  [CHATGPT, 'send-paths'],
  [DEEPSEEK, 'deepseek'],
  [HUGGINGFACE, 'upload'],
];

// A valid personnummer that is not one of Skatteverket's test numbers (those are only logged).
const PNR = '640823-4174';
const PNR_TEXT = `Skriv ett avslag till Per Nilsson ${PNR} om parkeringstillstånd`;
const CLEAN_TEXT = 'Skriv en inbjudan till julbordet på fredag';
/** A health finding: the built-in policy warns (lib/policy/default-policy.ts). */
const WARN_TEXT = 'min kollega Lena är sjukskriven sedan mars, hjälp mig planera arbetsträning';
const MASKED_TEXT = 'Skriv ett avslag till [PERSON 1] [PERSONAL ID NUMBER 1] om parkeringstillstånd';
const PNR_FILE = `Anteckning från mötet\nPer Nilsson ${PNR} ansöker om parkeringstillstånd.\n`;
const CLEAN_FILE = 'Inköpslista: kaffe, mjölk, pepparkakor\n';

let server: MockServer;

test.describe.configure({ timeout: 45_000 });

test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server?.close();
});

/** A browser with (default) or without the extension, the mocks routed, anything else refused. */
async function launch(extension: boolean): Promise<LaunchedBrowser> {
  const browser = await launchChromium({ locale: 'en-US', ...(extension ? {} : { extension: null }) });
  for (const [origin, mock] of ORIGINS) await routeSiteToMock(browser.context, origin, server.url, mock);
  await browser.context.route(
    (url) => url.origin !== server.url && !ORIGINS.some(([o]) => url.origin === o) && url.protocol !== 'chrome-extension:',
    (route) => route.abort(),
  );
  return browser;
}

/** Promptvakt's dialog: in its own shadow-root host (entrypoints/content/ui/dialog-host.tsx). */
const dialog = (page: Page) => page.locator('promptvakt-dialog [role="alertdialog"]');

interface Sent {
  via: string;
  text: string;
}
/** Every send the page recorded, with the path it came through (`__sentBy`). */
const sends = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __sent: string[]; __sentBy?: string[] };
    return w.__sent.map((text, i) => ({ via: w.__sentBy?.[i] ?? 'composer', text }));
  });
const uploads = (page: Page) => page.evaluate(() => (window as unknown as { __uploads: MockUpload[] }).__uploads);

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  return page;
}

/** Replaces a field's text the way a user would: select all, delete, type. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** Drops files (built in the page) on an element: dragenter, dragover, drop. */
async function dropFiles(page: Page, selector: string, files: { name: string; text: string; type: string }[]): Promise<void> {
  const data = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type }));
    return dt;
  }, files);
  const target = page.locator(selector);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer: data });
}

interface SendPath {
  title: string;
  /** What the page opens at. */
  url: string;
  /** Puts `payload` on the path and sends it. */
  run(page: Page, payload: string): Promise<void>;
  /** What the page recorded (all of it: a send through another path shows too). */
  recorded(page: Page): Promise<unknown[]>;
  /** What it records when `payload` went through. */
  expected(payload: string): unknown[];
  pnr: string;
  clean: string;
}

/** A text path on send-paths.html: recorded in `__sent` with `via`. */
function textPath(title: string, via: string, run: SendPath['run']): SendPath {
  return { title, url: `${CHATGPT}/c/send-paths`, run, recorded: sends, expected: (text) => [{ via, text }], pnr: PNR_TEXT, clean: CLEAN_TEXT };
}

/** A file path on send-paths.html: recorded in `__uploads` with `via`. */
function filePath(title: string, via: MockUpload['via'], run: SendPath['run']): SendPath {
  return {
    title,
    url: `${CHATGPT}/c/send-paths`,
    run,
    recorded: uploads,
    expected: (text) => [{ name: 'anteckning.txt', text, via }],
    pnr: PNR_FILE,
    clean: CLEAN_FILE,
  };
}

const editMessage = (id: string) => async (page: Page, text: string) => {
  await page.locator(`#${id} .edit-open`).click();
  await typeInto(page, `#${id} .edit-box`, text);
  await page.locator(`#${id} .edit-save`).click();
};

const miniComposer = (id: string, control = '.mini-send') => async (page: Page, text: string) => {
  await typeInto(page, `#${id} textarea, #${id} [contenteditable="true"]`, text);
  await page.locator(`#${id} ${control}`).click();
};

const keyboardSend = (key: 'Enter' | 'Space') => async (page: Page, text: string) => {
  await typeInto(page, '#keyboard-send textarea', text);
  await page.locator('#keyboard-send [role="button"]').focus();
  await page.keyboard.press(key);
};

const PATHS: SendPath[] = [
  textPath('1a. edit box (textarea) saved with "Save"', 'edit-1', editMessage('edit-1')),
  textPath('1b. edit box (contenteditable) saved with "Spara"', 'edit-2', editMessage('edit-2')),
  textPath('1c. edit box (textarea) saved with "Update"', 'edit-3', editMessage('edit-3')),
  textPath('2. custom instructions saved with the dialog\'s "Save"', 'instructions', async (page, text) => {
    await page.locator('#instructions-open').click();
    await typeInto(page, '#instructions', text);
    await page.locator('#instructions-save').click();
  }),
  textPath('3a. second composer, button "Reply"', 'reply', miniComposer('second-reply')),
  textPath('3b. second composer (contenteditable), icon button aria-label "Ask"', 'ask', miniComposer('second-ask')),
  textPath('3c. second composer, <a href="#">Send</a>', 'link', miniComposer('second-link')),
  textPath('3d. second composer, <svg> in a <div title="Send message"> without a role', 'svg', miniComposer('second-svg', 'svg')),
  textPath('4a. send control that fires on pointerdown', 'pointerdown', miniComposer('press-pointerdown')),
  textPath('4b. send control that fires on mousedown', 'mousedown', miniComposer('press-mousedown')),
  textPath('5a. div[role=button][tabindex=0] pressed with Enter', 'keyboard', keyboardSend('Enter')),
  textPath('5b. div[role=button][tabindex=0] pressed with Space', 'keyboard', keyboardSend('Space')),
  filePath('6a. file dropped anywhere on the window', 'drop', (page, text) =>
    dropFiles(page, '#drop-anywhere', [{ name: 'anteckning.txt', text, type: 'text/plain' }]),
  ),
  filePath('6b. file pasted with the focus outside the composer', 'paste', async (page, text) => {
    await page.locator('#files-heading').click();
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'anteckning.txt', { type: 'text/plain' }));
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    }, text);
  }),
  filePath('6c. file input read on "input" (not "change")', 'input', (page, text) =>
    page.locator('#file-on-input').setInputFiles({ name: 'anteckning.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }),
  ),
];

/** 8. Text files by extension: what each holds with and without a personnummer. */
const TEXT_FILES: { ext: string; pnr: string; clean: string }[] = [
  {
    ext: 'sql',
    pnr: `INSERT INTO elever (namn, personnummer) VALUES ('Per Nilsson', '${PNR}');\n`,
    clean: "SELECT id, titel FROM kurser WHERE termin = 'HT25';\n",
  },
  { ext: 'yaml', pnr: `elev:\n  namn: Per Nilsson\n  personnummer: "${PNR}"\n`, clean: 'kurs:\n  titel: Svenska 1\n  termin: HT25\n' },
  {
    ext: 'rtf',
    pnr: `{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Calibri;}}\\f0\\fs22 Beslut f\\'f6r Per Nilsson, ${PNR}.\\par}\n`,
    clean: "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Calibri;}}\\f0\\fs22 Inbjudan till julbord p\\'e5 fredag.\\par}\n",
  },
  {
    ext: 'ps1',
    pnr: `$elev = @{ Namn = 'Per Nilsson'; Personnummer = '${PNR}' }\nWrite-Output $elev\n`,
    clean: "$kurs = @{ Titel = 'Svenska 1'; Termin = 'HT25' }\nWrite-Output $kurs\n",
  },
  { ext: 'py', pnr: `elev = {"namn": "Per Nilsson", "personnummer": "${PNR}"}\nprint(elev)\n`, clean: 'kurs = {"titel": "Svenska 1", "termin": "HT25"}\nprint(kurs)\n' },
];

type FileDelivery = 'picked' | 'dropped';
const DELIVERIES: Record<FileDelivery, string> = {
  picked: 'picked in the file input (the type Chromium gives it)',
  dropped: 'dropped on the composer with no MIME type',
};

/** Writes the fixture to the test's output folder and uploads it on upload.html; returns its name. */
async function uploadTextFile(page: Page, delivery: FileDelivery, ext: string, content: string): Promise<string> {
  const name = `elever.${ext}`;
  if (delivery === 'picked') {
    // A real file on disk, so Chromium assigns the type it would for a user's pick.
    const path = test.info().outputPath(name);
    writeFileSync(path, content);
    await page.locator('#file').setInputFiles(path);
    // The page uploads once its button is pressed. The guard empties the input while it checks the
    // files and puts them back if they may go: wait for that (a file it holds back does not come back).
    await page
      .waitForFunction(() => ((document.getElementById('file') as HTMLInputElement).files?.length ?? 0) > 0, undefined, { timeout: 3000 })
      .catch(() => {});
    // The page's own button, pressed by the page's code path: a Promptvakt dialog may cover the page.
    await page.locator('#upload-button').dispatchEvent('click');
  } else {
    await dropFiles(page, '#prompt', [{ name, text: content, type: '' }]);
  }
  return name;
}

// ---------------------------------------------------------------------------------------------

test.describe('without the extension: each path really sends (the tests can fail)', () => {
  let browser: LaunchedBrowser;
  test.beforeAll(async () => {
    browser = await launch(false);
  });
  test.afterAll(async () => {
    await browser?.close();
  });

  test('no extension is loaded', async () => {
    expect(browser.extensionId).toBeNull();
    const page = await open(browser.context, `${CHATGPT}/c/send-paths`);
    await page.locator('#prompt-textarea').click();
    await page.keyboard.type(PNR_TEXT);
    await page.keyboard.press('Enter');
    await expect.poll(() => sends(page)).toEqual([{ via: 'composer', text: PNR_TEXT }]);
    await expect(page.locator('promptvakt-dialog')).toHaveCount(0);
    await page.close();
  });

  for (const path of PATHS) {
    test(`${path.title}: the personnummer reaches the page`, async () => {
      const page = await open(browser.context, path.url);
      await path.run(page, path.pnr);
      await expect.poll(() => path.recorded(page)).toEqual(path.expected(path.pnr));
      await page.close();
    });
  }

  for (const [delivery, how] of Object.entries(DELIVERIES) as [FileDelivery, string][]) {
    test(`8. text files ${how}: .sql .yaml .rtf .ps1 .py with a personnummer are uploaded`, async () => {
      const page = await open(browser.context, `${HUGGINGFACE}/chat/`);
      const expected: Pick<MockUpload, 'name' | 'text'>[] = [];
      for (const file of TEXT_FILES) {
        expected.push({ name: await uploadTextFile(page, delivery, file.ext, file.pnr), text: file.pnr });
        await expect.poll(async () => (await uploads(page)).map(({ name, text }) => ({ name, text }))).toEqual(expected);
      }
      await page.close();
    });
  }

  test('7. DeepSeek layout: upload comes first, both are div[role=button] with aria-disabled; send sends, upload does not', async () => {
    const page = await open(browser.context, `${DEEPSEEK}/`);
    const order = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('div[role="button"][aria-disabled]')].map((el) => el.id);
      return controls;
    });
    expect(order).toEqual(['ds-upload', 'ds-send']);
    await expect(page.locator('#ds-send')).toHaveAttribute('aria-disabled', 'true');
    await expect(page.locator('#ds-upload')).toHaveAttribute('aria-disabled', 'false');
    await page.locator('#chat-input').click();
    await page.keyboard.type(PNR_TEXT);
    await expect(page.locator('#ds-send')).toHaveAttribute('aria-disabled', 'false');
    await page.locator('#ds-upload').click();
    expect(await page.evaluate(() => (window as unknown as { __uploadClicks: number }).__uploadClicks)).toBe(1);
    await expect(page.locator('#upload-clicks > li')).toHaveCount(1);
    expect(await sends(page)).toEqual([]);
    await page.locator('#ds-send').click();
    expect(await sends(page)).toEqual([{ via: 'composer', text: PNR_TEXT }]);
    await expect(page.locator('#ds-send')).toHaveAttribute('aria-disabled', 'true');
    await page.close();
  });
});

// ---------------------------------------------------------------------------------------------

test.describe('with the extension', () => {
  let browser: LaunchedBrowser;
  test.beforeAll(async () => {
    browser = await launch(true);
  });
  test.afterAll(async () => {
    await browser?.close();
  });

  /**
   * The personnummer must not reach the page, and the dialog must say it was
   * stopped. Both are reported: what the page recorded (soft), then the dialog.
   */
  async function expectStopped(page: Page, recorded: () => Promise<unknown[]>): Promise<void> {
    // A send is synchronous; an upload reads its file first, and so does the guard.
    await dialog(page)
      .waitFor({ state: 'visible', timeout: 3000 })
      .catch(() => {});
    await page.waitForTimeout(500);
    expect.soft(await recorded(), "the personnummer reached the page's send handler").toEqual([]);
    await expect(dialog(page), "Promptvakt's dialog").toBeVisible({ timeout: 1000 });
    await expect(dialog(page)).toContainText(/Promptvakt stopped/);
  }

  test('control: the page\'s own composer is guarded on chatgpt.com (the extension runs on send-paths)', async () => {
    const page = await open(browser.context, `${CHATGPT}/c/send-paths`);
    await page.locator('#prompt-textarea').click();
    await page.keyboard.type(PNR_TEXT);
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toContainText('Promptvakt stopped this message');
    expect(await sends(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await typeInto(page, '#prompt-textarea', CLEAN_TEXT);
    await page.keyboard.press('Enter');
    await expect.poll(() => sends(page)).toEqual([{ via: 'composer', text: CLEAN_TEXT }]);
    await page.close();
  });

  for (const path of PATHS) {
    test(`${path.title}: the personnummer is stopped and the dialog shown`, async () => {
      const page = await open(browser.context, path.url);
      await path.run(page, path.pnr);
      await expectStopped(page, () => path.recorded(page));
      await page.close();
    });

    test(`${path.title}: a clean text goes through unchanged`, async () => {
      const page = await open(browser.context, path.url);
      await path.run(page, path.clean);
      await expect.poll(() => path.recorded(page)).toEqual(path.expected(path.clean));
      await page.waitForTimeout(300);
      expect(await path.recorded(page)).toEqual(path.expected(path.clean));
      await expect(dialog(page)).toHaveCount(0);
      await page.close();
    });
  }

  for (const [delivery, how] of Object.entries(DELIVERIES) as [FileDelivery, string][]) {
    for (const file of TEXT_FILES) {
      test(`8. a .${file.ext} file ${how}: the personnummer is stopped and the dialog shown`, async () => {
        const page = await open(browser.context, `${HUGGINGFACE}/chat/`);
        await uploadTextFile(page, delivery, file.ext, file.pnr);
        await expectStopped(page, () => uploads(page));
        await page.close();
      });

      test(`8. a clean .${file.ext} file ${how}: uploaded unchanged`, async () => {
        const page = await open(browser.context, `${HUGGINGFACE}/chat/`);
        const name = await uploadTextFile(page, delivery, file.ext, file.clean);
        await expect.poll(async () => (await uploads(page)).map(({ name, text }) => ({ name, text }))).toEqual([{ name, text: file.clean }]);
        // No stop and no warning (today a file Promptvakt does not read gets a reminder notice; that is allowed here).
        await expect(dialog(page).filter({ hasText: /stopped|warning/ })).toHaveCount(0);
        await page.close();
      });
    }
  }

  test.describe('7. DeepSeek layout: an approved send is replayed on the send control, never on upload', () => {
    const uploadClicks = (page: Page) => page.evaluate(() => (window as unknown as { __uploadClicks: number }).__uploadClicks);

    for (const trigger of ['a click on send', 'Enter'] as const) {
      for (const [answer, typed, expected, title] of [
        ['Send anyway', WARN_TEXT, WARN_TEXT, /Promptvakt warning/],
        ['Mask and send', PNR_TEXT, MASKED_TEXT, /Promptvakt stopped this message/],
      ] as const) {
        test(`"${answer}" after ${trigger}: the page records the send and no upload click`, async () => {
          const page = await open(browser.context, `${DEEPSEEK}/`);
          await page.locator('#chat-input').click();
          await page.keyboard.type(typed);
          if (trigger === 'Enter') await page.keyboard.press('Enter');
          else await page.locator('#ds-send').click();
          await expect(dialog(page)).toContainText(title);
          expect(await sends(page)).toEqual([]);
          await dialog(page).getByRole('button', { name: answer }).click();
          // The replay either sends or clicks something else: wait for one of them.
          await page
            .waitForFunction(
              () => {
                const w = window as unknown as { __sent: string[]; __uploadClicks: number };
                return w.__sent.length > 0 || w.__uploadClicks > 0;
              },
              undefined,
              { timeout: 3000 },
            )
            .catch(() => {});
          await page.waitForTimeout(300);
          expect.soft(await uploadClicks(page), 'the replay clicked the upload control').toBe(0);
          expect(await sends(page)).toEqual([{ via: 'composer', text: expected }]);
          await expect(dialog(page)).toHaveCount(0);
          await page.close();
        });
      }
    }

    test('a clean prompt is sent unchanged with the send control, without a dialog', async () => {
      const page = await open(browser.context, `${DEEPSEEK}/`);
      await page.locator('#chat-input').click();
      await page.keyboard.type(CLEAN_TEXT);
      await page.locator('#ds-send').click();
      await expect.poll(() => sends(page)).toEqual([{ via: 'composer', text: CLEAN_TEXT }]);
      expect(await uploadClicks(page)).toBe(0);
      await expect(dialog(page)).toHaveCount(0);
      await page.close();
    });
  });
});
