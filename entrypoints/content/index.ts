/**
 * Content script on protected AI chat sites: installs the send guard at
 * document start, before the page can send anything.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { uiLanguage } from '../../components/i18n';
import { getLanguage } from '../../components/settings';
import '../../components/dialog.css';
import { DEFAULT_POLICY } from '../../lib/policy/default-policy';
import { BUILT_IN_SITE_MATCHES, siteForUrl } from '../../lib/sites/built-in-sites';
import { ComposerLocator } from './composer';
import { DialogHost } from './dialog-host';
import { PromptGuard } from './guard';

export default defineContentScript({
  matches: BUILT_IN_SITE_MATCHES,
  runAt: 'document_start',
  cssInjectionMode: 'ui',
  main(ctx) {
    const site = siteForUrl(new URL(location.href));
    const dialog = new DialogHost(ctx, uiLanguage());
    // The guard is installed at once; the user's language choice arrives a moment later.
    const guard = new PromptGuard(new ComposerLocator(site), dialog, () => DEFAULT_POLICY);
    guard.setLanguage(uiLanguage());
    guard.install(window);
    ctx.onInvalidated(() => guard.uninstall(window));
    void getLanguage().then((language) => {
      dialog.setLanguage(language);
      guard.setLanguage(language);
    });
  },
});
