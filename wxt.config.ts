import { defineConfig } from 'wxt';

// Sites Promptvakt protects out of the box. Kept in lib/ so the engine, the
// manifest and the content-script matcher share one list.
import { BUILT_IN_SITE_MATCHES } from './lib/sites/built-in-sites';
import { GECKO_EXTENSION_ID, MANIFEST_KEY } from './lib/extension-id';
import { checkBuiltInData } from './lib/rules/zod-data-check';

// The extension trusts the data in rules/ at run time: a build with invalid data fails here.
checkBuiltInData();

// Test builds only (tests/e2e/global-setup.ts): Playwright cannot answer Chrome's
// permission prompt, so the policy e2e build is granted its "organisation-added"
// test host at install instead. Product builds never set these.
const extraHosts = process.env.PROMPTVAKT_E2E_HOSTS?.split(',').filter(Boolean) ?? [];

export default defineConfig({
  outDir: process.env.PROMPTVAKT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  hooks: {
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
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'sv',
    permissions: ['storage', 'alarms', 'scripting'],
    host_permissions: [...BUILT_IN_SITE_MATCHES, ...extraHosts],
    // Sites an organisation adds through policy; granted one by one, never all at once.
    optional_host_permissions: ['https://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    ...(browser === 'firefox'
      ? {
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
