import { defineContentScript } from 'wxt/utils/define-content-script';
import { BUILT_IN_SITE_MATCHES } from '../lib/sites/built-in-sites';

// Placeholder: the browser issue adds composer adapters, send interception and dialogs.
export default defineContentScript({
  matches: BUILT_IN_SITE_MATCHES,
  main() {},
});
