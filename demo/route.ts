/**
 * Serves a mock page under a real site's origin in Playwright, e.g.
 * `await routeSiteToMock(context, 'https://chatgpt.com', server.url, 'chatgpt')`:
 * every request to that origin is answered from the mock server (`/dist/*` as
 * is, any other path with `<site>.html`), so `location.hostname` is the real
 * host and the extension's host-matched content script runs, with no network.
 * The Firefox suite (tests/firefox/firefox.ts) maps requests with `mockPath` too.
 */
import type { BrowserContext, Page } from '@playwright/test';

/** The mock server path that answers `pathname` on a site mocked by `<site>.html`. */
export function mockPath(pathname: string, site: string): string {
  return pathname.startsWith('/dist/') ? pathname : `/${site}.html`;
}

export async function routeSiteToMock(
  target: BrowserContext | Page,
  origin: string,
  serverUrl: string,
  site: string,
): Promise<void> {
  const base = origin.replace(/\/+$/, '');
  await target.route(`${base}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const response = await route.fetch({ url: `${serverUrl}${mockPath(pathname, site)}` });
    await route.fulfill({ response });
  });
}
