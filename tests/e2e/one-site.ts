/**
 * For specs that need one browser with the extension and one mock page
 * served under a protected site's origin: registers the beforeAll/afterAll
 * that start and stop them, and returns what the tests use.
 */
import { test } from '@playwright/test';
import { launchChromium, type LaunchedBrowser } from './launch';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';

export interface OneSite {
  /** The running browser (its worker may be replaced after an extension reload). */
  browser(): LaunchedBrowser;
}

export function useOneSite(origin: string, mock: string, locale = 'en-US'): OneSite {
  let server: MockServer | undefined;
  let browser: LaunchedBrowser | undefined;
  test.beforeAll(async () => {
    server = await startMockServer();
    browser = await launchChromium({ locale });
    await routeSiteToMock(browser.context, origin, server.url, mock);
  });
  test.afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { browser: () => browser! };
}
