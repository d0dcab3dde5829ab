/**
 * `npm start`: opens Chromium with the freshly built extension and an offline
 * demo chat page, so a newcomer can type a personnummer and see Promptvakt
 * stop it. The demo page is served from this machine under chatgpt.com's
 * address (requests are answered locally; nothing goes to the internet),
 * because the extension only runs on AI chat sites.
 *
 * Without a display (CI, SSH) it says so and shows the engine on sample
 * prompts instead; `npm run scan` checks your own text.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { buildMockSites } from '../demo/build';
import { routeSiteToMock } from '../demo/route';
import { startMockServer } from '../demo/server';
import { envLanguage } from './env-language';

const sv = envLanguage() === 'sv';
const say = (svText: string, enText: string) => console.log(sv ? svText : enText);

const CHROMIUM = [process.env.PROMPTVAKT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p): p is string => !!p && existsSync(p),
);
const hasDisplay = process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (!hasDisplay || !CHROMIUM) {
  say(
    !CHROMIUM
      ? 'Hittar ingen Chromium (sätt PROMPTVAKT_CHROMIUM eller installera paketet chromium). Så här arbetar motorn:'
      : 'Ingen skärm hittades (DISPLAY saknas), så webbläsaren kan inte öppnas här. Så här arbetar motorn:',
    !CHROMIUM
      ? 'No Chromium found (set PROMPTVAKT_CHROMIUM or install the chromium package). This is what the engine does:'
      : 'No display found (DISPLAY is not set), so the browser cannot open here. This is what the engine does:',
  );
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/demo.ts'], { stdio: 'inherit' });
  process.exit(0);
}

const extension = resolve('.output/chrome-mv3');
await buildMockSites();
const server = await startMockServer();
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'promptvakt-demo-')), {
  executablePath: CHROMIUM,
  headless: false,
  viewport: null,
  args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--no-first-run', '--disable-background-networking', '--disable-sync'],
});
await routeSiteToMock(context, 'https://chatgpt.com', server.url, 'demo');
await context.route((url) => url.origin !== 'https://chatgpt.com' && url.origin !== server.url && url.protocol !== 'chrome-extension:', (r) => r.abort());
const page = context.pages()[0] ?? (await context.newPage());
await page.goto('https://chatgpt.com/');
say(
  'Promptvakt är igång i Chromium med en demosida. Skriv t.ex. "Beslut för Per Nilsson 640823-4174" och tryck Enter. Stäng fönstret för att avsluta.',
  'Promptvakt is running in Chromium with a demo page. Type e.g. "Decision for Per Nilsson 640823-4174" and press Enter. Close the window to quit.',
);
context.on('close', () => {
  void server.close().then(() => process.exit(0));
});
