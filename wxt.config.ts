import { defineConfig } from 'wxt';

// Sites Promptvakt protects out of the box. Kept in lib/ so the engine, the
// manifest and the content-script matcher share one list.
import { BUILT_IN_SITE_MATCHES } from './lib/sites/built-in-sites';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'sv',
    permissions: ['storage'],
    host_permissions: BUILT_IN_SITE_MATCHES,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'promptvakt@promptvakt.se',
              strict_min_version: '142.0',
              // Nothing a user types is collected or sent anywhere.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
