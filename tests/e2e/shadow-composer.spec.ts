/**
 * A composer inside a web component's open shadow root. Key presses, clicks
 * and pastes from inside reach the window retargeted to the component, and
 * the form's submit never leaves the shadow root; Promptvakt reads the real
 * target from the event's composed path. Served under poe.com, whose adapter
 * does not know this page: the generic guard applies.
 */
import { expect, test, type Page } from '@playwright/test';
import { useOneSite } from './one-site';

const EDITOR = 'chat-box textarea#prompt';
const SEND = 'chat-box button[type="submit"]';
const PNR_PROMPT = 'Skriv ett avslag till Per Nilsson 640823-4174 om parkeringstillstånd';
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';

const site = useOneSite('https://poe.com', 'shadow');

async function open(): Promise<Page> {
  const page = await site.browser().context.newPage();
  await page.goto('https://poe.com/');
  await page.locator(EDITOR).waitFor();
  return page;
}

const sent = (page: Page) => page.evaluate(() => (window as unknown as { __sent: string[] }).__sent);
const dialog = (page: Page) => page.locator('[role="alertdialog"]');

test('a personnummer in a shadow-DOM composer is stopped on Enter and on the send button; a clean prompt goes through', async () => {
  const page = await open();
  await page.locator(EDITOR).click();
  await page.keyboard.type(PNR_PROMPT);
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
  expect(await sent(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await page.locator(SEND).click();
  await expect(dialog(page)).toBeVisible();
  expect(await sent(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.locator(EDITOR).fill(CLEAN_PROMPT);
  await page.locator(EDITOR).press('Enter');
  await expect.poll(() => sent(page)).toEqual([CLEAN_PROMPT]);
  await expect(dialog(page)).toHaveCount(0);
  await page.close();
});

test('a paste into a shadow-DOM composer is checked before it lands', async () => {
  const page = await open();
  await page.locator(EDITOR).click();
  await page.locator(EDITOR).evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'HEMLIG\nBeredskapsplan för kommunens ledningscentral');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
  });
  await expect(dialog(page)).toContainText('Promptvakt stopped this paste');
  await expect(page.locator(EDITOR)).toHaveValue('');
  await page.close();
});

test('"Mask and send" from a shadow-DOM composer sends placeholders through its own button', async () => {
  const page = await open();
  await page.locator(EDITOR).click();
  await page.keyboard.type(PNR_PROMPT);
  await page.keyboard.press('Enter');
  await dialog(page).getByRole('button', { name: 'Mask and send' }).click();
  await expect.poll(() => sent(page)).toHaveLength(1);
  const [masked] = await sent(page);
  expect(masked).toContain('[PERSONAL ID NUMBER 1]');
  expect(masked).not.toContain('640823-4174');
  await page.close();
});
