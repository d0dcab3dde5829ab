/**
 * The extension in Debian's Firefox ESR (the MV2 build that `npm run build`
 * makes and `npm run zip` ships) against the offline mock chat pages, served
 * under the real sites' origins: a typed personnummer is stopped on Enter and
 * on the send button, a pasted one before it lands, a dropped text file
 * before the page takes it; a clean prompt goes through unchanged and "Mask
 * and send" sends placeholders. A control run without the extension shows
 * that the same pages do send, paste and take the file, so every "stopped"
 * assertion fails without Promptvakt.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BUILDS,
  DIALOG,
  dialogButton,
  dialogCount,
  dialogText,
  dropFile,
  launchFirefox,
  paste,
  sent,
  SITES,
  typeInto,
  until,
  uploads,
  type FirefoxSession,
} from './firefox';

/** A valid personnummer that is not one of Skatteverket's test numbers (tests/e2e/extension.spec.ts). */
const PNR = '640823-4174';
const PNR_PROMPT = `Skriv ett avslag till Per Nilsson ${PNR} om parkeringstillstånd`;
const MASKED_PROMPT = 'Skriv ett avslag till [PERSON 1] [PERSONAL ID NUMBER 1] om parkeringstillstånd';
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';
const PASTED = `Sökande: Per Nilsson ${PNR}\nAnsökan om parkeringstillstånd`;


const editorText = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '')));

describe('without Promptvakt (control: the pages really send)', () => {
  let ff: FirefoxSession;
  let page: Page | undefined;
  beforeAll(async () => {
    ff = await launchFirefox({ extension: null });
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
  });
  afterAll(async () => {
    await ff?.close();
  });

  test('chatgpt: Enter sends the personnummer', async () => {
    page = await ff.open(SITES.chatgpt);
    await typeInto(page, SITES.chatgpt, PNR_PROMPT);
    await page.keyboard.press('Enter');
    await until(() => sent(page!), [PNR_PROMPT]);
    expect(await dialogCount(page)).toBe(0);
  });

  test('claude: a pasted personnummer lands in the composer', async () => {
    page = await ff.open(SITES.claude);
    await page.click(SITES.claude.editor);
    await paste(page, SITES.claude, PASTED);
    await until(async () => (await editorText(page!, SITES.claude.editor)).includes(PNR), true);
  });

  test('upload: a dropped text file is taken by the page', async () => {
    page = await ff.open(SITES.upload);
    await dropFile(page, SITES.upload, 'anteckning.txt', `Pnr ${PNR}\n`);
    await until(() => uploads(page!), ['anteckning.txt']);
  });

  test('no page request left the mocked origins, and no page logged an error', () => {
    expect(ff.outsideRequests).toEqual([]);
    expect(ff.pageProblems).toEqual([]);
  });
});

describe('Promptvakt in Firefox ESR (MV2 build)', () => {
  let ff: FirefoxSession;
  let page: Page | undefined;
  beforeAll(async () => {
    ff = await launchFirefox({ extension: BUILDS.mv2 });
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
  });
  afterAll(async () => {
    await ff?.close();
  });

  test('the add-on is installed under its gecko id', () => {
    expect(ff.extensionId).toBe('promptvakt@promptvakt.se');
  });

  for (const name of ['chatgpt', 'claude', 'gemini', 'lexical', 'textarea'] as const) {
    test(`${name}: a typed personnummer is stopped on Enter, the page sends nothing`, async () => {
      const site = SITES[name];
      page = await ff.open(site);
      await typeInto(page, site, PNR_PROMPT);
      await page.keyboard.press('Enter');
      const text = await dialogText(page);
      expect(text).toContain('Promptvakt stopped this message');
      expect(text).toContain('64****-****');
      expect(text).not.toContain(PNR);
      expect(await sent(page)).toEqual([]);
      expect(await page.$$eval('#sent > li', (items) => items.length)).toBe(0);
    });
  }

  for (const name of ['chatgpt', 'textarea'] as const) {
    test(`${name}: a click on the send button is stopped too, Escape closes the dialog`, async () => {
      const site = SITES[name];
      page = await ff.open(site);
      await typeInto(page, site, PNR_PROMPT);
      await page.click(site.send);
      expect(await dialogText(page)).toContain('Promptvakt stopped this message');
      expect(await sent(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.waitForSelector(DIALOG, { hidden: true });
      expect(await sent(page)).toEqual([]);
      // The prompt is still there to be edited.
      expect(await editorText(page, site.editor)).toContain(PNR);
    });
  }

  test('claude: a pasted personnummer is stopped before it lands in the composer', async () => {
    const site = SITES.claude;
    page = await ff.open(site);
    await page.click(site.editor);
    await paste(page, site, PASTED);
    expect(await dialogText(page)).toContain('Promptvakt stopped this paste');
    expect(await editorText(page, site.editor)).not.toContain(PNR);
    expect(await sent(page)).toEqual([]);
  });

  for (const name of ['chatgpt', 'gemini', 'textarea'] as const) {
    test(`${name}: a clean prompt is sent unchanged without a dialog`, async () => {
      const site = SITES[name];
      page = await ff.open(site);
      await typeInto(page, site, CLEAN_PROMPT);
      await page.keyboard.press('Enter');
      await until(() => sent(page!), [CLEAN_PROMPT]);
      expect(await dialogCount(page)).toBe(0);
    });
  }

  for (const name of ['chatgpt', 'claude', 'textarea'] as const) {
    test(`${name}: "Mask and send" sends placeholders, no digit of the number`, async () => {
      const site = SITES[name];
      page = await ff.open(site);
      await typeInto(page, site, PNR_PROMPT);
      await page.keyboard.press('Enter');
      await (await dialogButton(page, 'Mask and send')).click();
      await until(() => sent(page!), [MASKED_PROMPT]);
      // Apart from the placeholders' own numbers, not one digit reached the page, and not the name.
      expect((await sent(page))[0]!.replace(/\[[A-Z ]+ \d+\]/g, '')).not.toMatch(/\d/);
      expect((await sent(page))[0]).not.toContain('Nilsson');
      await page.waitForSelector(DIALOG, { hidden: true });
    });
  }

  test('upload: a dropped text file with a personnummer is held, the page does not get it', async () => {
    const site = SITES.upload;
    page = await ff.open(site);
    await dropFile(page, site, 'anteckning.txt', `Sökande: Per Nilsson ${PNR}\n`);
    expect(await dialogText(page)).toContain('Promptvakt stopped this file');
    // Give a leaked drop time to reach the page before checking that it did not.
    await new Promise((r) => setTimeout(r, 300));
    expect(await uploads(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector(DIALOG, { hidden: true });
    expect(await uploads(page)).toEqual([]);
  });

  test('upload: a dropped clean text file reaches the page', async () => {
    const site = SITES.upload;
    page = await ff.open(site);
    await dropFile(page, site, 'lista.txt', 'Inköpslista: kaffe, mjölk, pepparkakor');
    await until(() => uploads(page!), ['lista.txt']);
    expect(await dialogCount(page)).toBe(0);
  });

  test('upload: a text file with a personnummer chosen in the file picker is stopped; a clean one goes through', async () => {
    const site = SITES.upload;
    page = await ff.open(site);
    const chosen = () => page!.$eval('#file', (el) => (el as HTMLInputElement).files?.length ?? 0);
    await ff.chooseFiles(page, '#file', [{ name: 'elever.csv', text: `namn;pnr\nPer Nilsson;${PNR}\n` }]);
    expect(await dialogText(page)).toContain('Promptvakt stopped this file');
    expect(await chosen()).toBe(0);
    await page.keyboard.press('Escape');
    await page.waitForSelector(DIALOG, { hidden: true });
    await page.click('#upload-button');
    expect(await uploads(page)).toEqual([]);

    await ff.chooseFiles(page, '#file', [{ name: 'inbjudan.txt', text: 'Välkomna på julbord fredag kl. 12!' }]);
    await until(chosen, 1);
    expect(await dialogCount(page)).toBe(0);
    await page.click('#upload-button');
    await until(() => uploads(page!), ['inbjudan.txt']);
  });

  test('no page request left the mocked origins, and no page logged an error', () => {
    expect(ff.outsideRequests).toEqual([]);
    expect(ff.pageProblems).toEqual([]);
  });
});
