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
import { watchComposer } from './watchdog';
import { Highlighter } from './highlighter';
import { browser } from 'wxt/browser';
import type { TabStatusReport } from '../shared/tab-status';

export default defineContentScript({
  matches: BUILT_IN_SITE_MATCHES,
  runAt: 'document_start',
  cssInjectionMode: 'ui',
  main(ctx) {
    const site = siteForUrl(new URL(location.href));
    const dialog = new DialogHost(ctx, uiLanguage());
    // The guard is installed at once; the user's language choice arrives a moment later.
    const locator = new ComposerLocator(site);
    const guard = new PromptGuard(locator, dialog, () => DEFAULT_POLICY);
    guard.setLanguage(uiLanguage());
    guard.install(window);
    ctx.onInvalidated(() => guard.uninstall(window));
    new Highlighter(ctx, locator, () => DEFAULT_POLICY).install(window);
    if (site) {
      watchComposer(ctx, locator, (degraded) => {
        const report: TabStatusReport = { type: 'promptvakt/tab-status', degraded, site: site.id };
        browser.runtime.sendMessage(report).catch(() => {
          // The background may be restarting; the next change is reported again.
        });
      });
    }
    void getLanguage().then((language) => {
      dialog.setLanguage(language);
      guard.setLanguage(language);
    });
  },
});
