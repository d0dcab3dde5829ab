/**
 * README screenshots of the warn/block dialog: loads the built extension in
 * Debian Chromium (headless) and takes docs/screenshots/{block,warn}-{sv,en}.png
 * on the offline ChatGPT mock, served under https://chatgpt.com as in the
 * end-to-end tests (tests/e2e/extension.spec.ts); nothing goes to the network.
 *
 * Builds nothing: run `npx wxt build` (or `npm run build`) and
 * `npx tsx demo/build.ts` first, then
 *
 *   npx tsx scripts/screenshots.ts
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UI_STRINGS } from '../lib/i18n/ui-strings';
import { CHROMIUM, EXTENSION_BUILD, launchChromium, type LaunchedBrowser } from '../tests/e2e/launch';
import { DIST_DIR } from '../demo/build';
import { routeSiteToMock } from '../demo/route';
import { startMockServer } from '../demo/server';

const OUT_DIR = resolve('docs/screenshots');
const ORIGIN = 'https://chatgpt.com';
const EDITOR = 'form #prompt-textarea';
const VIEWPORT = { width: 1100, height: 760 };

const SHOTS = [
  { name: 'block', kind: 'block', prompt: 'Skriv ett avslag till Per Nilsson 640823-4174 om parkeringstillstånd' },
  { name: 'warn', kind: 'warn', prompt: 'min kollega Lena är sjukskriven sedan mars, hjälp mig planera arbetsträning' },
] as const;
const LANGUAGES = [
  { code: 'sv', locale: 'sv-SE' },
  { code: 'en', locale: 'en-US' },
] as const;

function fail(message: string): never {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

if (!existsSync(join(EXTENSION_BUILD, 'manifest.json'))) {
  fail(`no extension build in ${relative('.', EXTENSION_BUILD)}/. Run \`npx wxt build\` (or \`npm run build\`) first.`);
}
if (!existsSync(join(DIST_DIR, 'chatgpt.js'))) {
  fail(`the mock chat pages are not built (${relative('.', DIST_DIR)}/chatgpt.js is missing). Run \`npx tsx demo/build.ts\` first.`);
}
if (!existsSync(CHROMIUM)) {
  fail(`no Chromium at ${CHROMIUM} (Debian: \`apt-get install chromium\`, or set PROMPTVAKT_CHROMIUM).`);
}

mkdirSync(OUT_DIR, { recursive: true });
const server = await startMockServer();
const written: string[] = [];

async function launch(locale: string): Promise<LaunchedBrowser> {
  const browser = await launchChromium({ locale, viewport: VIEWPORT });
  const { context } = browser;
  await routeSiteToMock(context, ORIGIN, server.url, 'demo');
  // Everything else is refused: nothing leaves the machine.
  await context.route(
    (url) => url.origin !== server.url && url.origin !== ORIGIN && url.protocol !== 'chrome-extension:',
    (route) => route.abort(),
  );
  return browser;
}

try {
  for (const { code, locale } of LANGUAGES) {
    const browser = await launch(locale);
    const { context } = browser;
    try {
      for (const shot of SHOTS) {
        const page = await context.newPage();
        await page.goto(`${ORIGIN}/`);
        const editor = page.locator(EDITOR);
        await editor.waitFor();
        await editor.click();
        await page.keyboard.type(shot.prompt);
        await page.keyboard.press('Enter');

        const dialog = page.locator('[role="alertdialog"]');
        await dialog.waitFor({ state: 'visible', timeout: 10_000 });
        const kind = await dialog.getAttribute('data-promptvakt-dialog');
        if (kind !== shot.kind) throw new Error(`${shot.name}-${code}: expected a ${shot.kind} dialog, got ${kind}`);
        const title = UI_STRINGS[code][shot.kind === 'block' ? 'blockTitle' : 'warnTitle'];
        const heading = (await dialog.locator('h2').textContent())?.trim();
        if (heading !== title) throw new Error(`${shot.name}-${code}: expected the title "${title}", got "${heading}"`);
        await page.evaluate(() => document.fonts.ready);

        const file = join(OUT_DIR, `${shot.name}-${code}.png`);
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        written.push(relative('.', file));
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
} catch (error) {
  await server.close();
  fail(error instanceof Error ? error.message : String(error));
}
await server.close();
console.log(`screenshots written:\n  ${written.join('\n  ')}`);
