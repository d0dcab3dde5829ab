import { defineConfig } from 'wxt';

// Sites Promptvakt protects out of the box. Kept in lib/ so the engine, the
// manifest and the content-script matcher share one list.
import { BUILT_IN_SITE_MATCHES } from './lib/sites/built-in-sites';
import { GECKO_EXTENSION_ID, MANIFEST_KEY } from './lib/extension-id';
import { checkBuiltInData } from './lib/rules/zod-data-check';
import { rulesData } from './scripts/rules-data-plugin';

// The extension trusts the data in rules/ at run time: a build with invalid data fails here.
checkBuiltInData();

// Test builds only (tests/e2e/global-setup.ts): Playwright cannot answer Chrome's
// permission prompt, so the policy e2e build is granted its "organisation-added"
// test host at install instead. Product builds never set these.
const extraHosts = process.env.PROMPTVAKT_E2E_HOSTS?.split(',').filter(Boolean) ?? [];

/**
 * Content-Security-Policy of the extension's own pages (popup, options) and its
 * background: Chrome applies `extension_pages` to the MV3 service worker too,
 * Firefox MV2 to the background page (WXT writes the same policy as MV2's
 * string). Only the extension's own scripts run; nothing is embedded, framed,
 * or loaded from elsewhere, and no page can frame ours. connect-src must stay
 * open to https: and localhost: the counter report (entrypoints/background/
 * counters.ts, the only request Promptvakt makes) goes to the endpoint the
 * organisation's policy names, which the schema allows to be any https URL or
 * http://localhost / http://127.0.0.1 (tests). No 'unsafe-inline' styles: the
 * pages use their bundled CSS files, and React/Preact set `style` props
 * through the CSSOM, which CSP does not restrict. Content scripts are not
 * covered: they run under the AI site's own CSP. tests/e2e/manifest.spec.ts
 * checks the built policy; docs/PERMISSIONS.md explains it.
 */
function extensionCsp(command: 'build' | 'serve'): string {
  // `wxt` (dev): the dev server's HMR websocket and the styles Vite injects; WXT adds the dev server to script-src itself.
  const dev = command === 'serve';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
    `connect-src 'self' https: http://localhost:* http://127.0.0.1:*${dev ? ' ws://localhost:*' : ''}`,
    "img-src 'self'",
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
  ].join('; ');
}

export default defineConfig({
  outDir: process.env.PROMPTVAKT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    // rules/*.json ship without their $comment notes, packed together (lib/rules/packed-data.ts).
    plugins: [rulesData()],
    // scripts/content-size.ts builds with source maps to attribute content.js's bytes.
    ...(process.env.PROMPTVAKT_SOURCEMAP ? { build: { sourcemap: true } } : {}),
  }),
  hooks: {
    // The content script uses the browser's own API, without webextension-polyfill (10 KB of its
    // size budget, tests/e2e/manifest.spec.ts); the background and the pages keep it. What the
    // content script calls: runtime.id, getURL, connect and sendMessage, and storage through
    // @wxt-dev/storage, which never used the polyfill. Firefox's own `browser` is what the
    // polyfill returned there anyway. In Chrome MV3 the polyfill only wraps sendMessage, whose
    // promise the browser gives itself: a reply, undefined when the background sends none, a
    // rejection when it is unreachable. Only when a background handler rejects does the reply
    // differ, the polyfill's `{ __mozWebExtensionPolyfillReject__ }` object instead of an error;
    // every caller treats a reply without `ok: true` as the failure it is (prompt-checker.ts).
    // The content script has no runtime.onMessage listener, the one API that needs the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) config.resolve!.alias = alias.filter((a: { find: unknown }) => a.find !== 'wxt/browser');
      else if (alias) delete (alias as Record<string, string>)['wxt/browser'];
    },
    // The dialog's CSS is fetched by the content script; sites an organisation adds
    // (optional host permissions) need to reach it too. use_dynamic_url keeps the
    // URL unguessable, so pages cannot probe for the extension with it.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const entry of manifest.web_accessible_resources ?? []) {
        if (typeof entry === 'object' && 'matches' in entry && entry.resources.some((r) => r.endsWith('content.css'))) {
          entry.matches = [...new Set([...(entry.matches ?? []), 'https://*/*'])];
        }
      }
    },
  },
  manifest: ({ browser, command }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'sv',
    // activeTab: when the employee opens the popup, it may read that one tab's address, to say
    // "not protected: <host>" or "this organisation site waits for access" (docs/PERMISSIONS.md).
    permissions: ['storage', 'alarms', 'scripting', 'activeTab'],
    host_permissions: [...BUILT_IN_SITE_MATCHES, ...extraHosts],
    // Sites an organisation adds through policy; granted one by one, never all at once.
    optional_host_permissions: ['https://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    // Also for Firefox MV2: WXT turns extension_pages into MV2's content_security_policy string.
    content_security_policy: { extension_pages: extensionCsp(command) },
    ...(browser === 'firefox'
      ? {
          // MV2 has no optional_host_permissions (WXT drops it there): Firefox asks for hosts this way.
          optional_permissions: ['https://*/*'],
          browser_specific_settings: {
            gecko: {
              id: GECKO_EXTENSION_ID,
              strict_min_version: '142.0',
              // Nothing a user types is collected or sent anywhere.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : // A fixed id for managed policies keyed by extension id (lib/extension-id.ts).
        { key: MANIFEST_KEY }),
  }),
});
