/**
 * Starts Debian's headless Chromium with the built extension in a throwaway
 * profile, the way every browser test, the keystroke benchmark and the
 * screenshot script need it. Playwright adds --disable-extensions by default;
 * without --disable-extensions-except nothing would load, silently.
 */
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Debian's Chromium; PROMPTVAKT_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.PROMPTVAKT_CHROMIUM || '/usr/bin/chromium';
export const EXTENSION_BUILD = resolve('.output/chrome-mv3');

export interface LaunchOptions {
  /** A profile folder to use and keep (a browser restarted on a profile used before); default a throwaway one. */
  profile?: string;
  /** The unpacked extension to load; null runs Chromium without any extension. */
  extension?: string | null;
  /** Browser locale; also passed as --lang so the extension's UI language follows it. */
  locale?: string;
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /**
   * Let Chromium install extensions that a managed policy force-installs
   * (ExtensionInstallForcelist): without --disable-extensions and
   * --disable-background-networking, which Playwright and this launcher pass
   * otherwise. Either one stops those installs (tried on Chromium 156: no
   * update request is ever made); the second also lets Chromium's own
   * background requests through, so use it only where that is fine. Use with
   * `extension: null`; the caller waits for the extension's worker.
   */
  policyInstalls?: boolean;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** The extension's service worker, and its id (null without an extension). */
  worker: Worker | null;
  extensionId: string | null;
  /** Closes the browser and removes the profile. */
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const extension = options.extension === undefined ? EXTENSION_BUILD : options.extension;
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'promptvakt-chromium-'));
  const args = ['--disable-gpu', ...(options.policyInstalls ? [] : ['--disable-background-networking']), '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  else if (!options.policyInstalls) args.push('--disable-extensions');
  if (options.locale) args.push(`--lang=${options.locale}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    ...(options.policyInstalls ? { ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'] } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const worker = extension ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))) : null;
  return {
    context,
    worker,
    extensionId: worker ? new URL(worker.url()).host : null,
    async close() {
      await context.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
