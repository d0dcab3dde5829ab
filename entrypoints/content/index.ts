/**
 * Content script on protected AI chat sites (built-in, or added by the
 * organisation's policy): installs the send guard at document start, before
 * the page can send anything, then follows the effective policy.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import './ui/dialog.css';
import { uiLanguage } from '../../lib/i18n/language';
import { resolveLanguage } from '../../platform/settings';
import { builtInEffectivePolicy } from '../../lib/policy/built-in-effective';
import type { JustificationReason } from '../../lib/policy/justification';
import { siteModeFor, type EffectivePolicy } from '../../lib/policy/effective';
import { answerSelectors, BUILT_IN_SITE_MATCHES, siteForUrl } from '../../lib/sites/built-in-sites';
import type { Finding } from '../../lib/types';
import { KEEP_WARM_MS, type CountRequest, type KeepWarm } from '../../platform/messages';
import { loadEffectivePolicy, watchEffectivePolicy } from '../../platform/policy-store';
import type { TabStatusReport } from '../../platform/tab-status';
import { ComposerLocator, realTarget } from './composer';
import type { Editable } from './editable';
import { DialogHost } from './ui/dialog-host';
import { whenDocumentReplaced } from './document-watch';
import { isTopFrame, pageUrlOfFrame } from './frame-url';
import { AnswerRestorer } from './answer-restorer';
import { PromptGuard, type GuardOutcome } from './guard';
import { MaskSessions } from './mask-session';
import { Highlighter } from './highlighter';
import type { IndicatorState } from './ui/indicator';
import { PromptChecker } from './prompt-checker';
import { replaceRunningCopy, shieldFromForgedRestart, type IsolatedGlobal } from './single-instance';
import { watchComposer } from './watchdog';

export default defineContentScript({
  matches: BUILT_IN_SITE_MATCHES,
  runAt: 'document_start',
  // Every frame of a protected page: a composer can live in an iframe, also in an
  // about:blank or srcdoc frame that the page fills itself.
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'ui',
  main(ctx) {
    // Only a copy of ours may replace this one, never a page script (single-instance.ts).
    const restartEvent =
      (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: string }).SCRIPT_STARTED_MESSAGE_TYPE ??
      `${browser.runtime.id}:content:wxt:content-script-started`;
    ctx.onInvalidated(shieldFromForgedRestart(window, restartEvent));
    replaceRunningCopy(globalThis as IsolatedGlobal, {
      stop: () => ctx.abort('replaced by a newer copy of the content script'),
      // Read by the background before it injects into open tabs (background/open-tabs.ts).
      isLive: () => ctx.isValid,
    });

    // The page's address; the policy's mode for it follows single-page navigation (below).
    let url = pageUrlOfFrame(window);
    const site = siteForUrl(url);
    // The built-in defaults guard the page from the first moment; the organisation's policy follows in milliseconds.
    let policy: EffectivePolicy = builtInEffectivePolicy();
    // The page's mode changes only with the policy (apply() below); checks, the
    // indicator (every scroll frame) and the guard read it many times.
    let siteMode = siteModeFor(policy, url, site !== undefined);
    const mode = () => siteMode;
    const checker = new PromptChecker(() => policy, mode);
    const dialog = new DialogHost(ctx, uiLanguage(), { policy: () => policy, catalogue: () => checker.catalogue() });
    const locator = new ComposerLocator(site);

    // The field the user is in (the composer, or a message being edited), and what was last found in each.
    let composer: Editable | null = null;
    const states = new WeakMap<Editable, IndicatorState>();
    let checking = false;
    const drawIndicator = () => {
      if (!composer?.isConnected || mode() === 'off') return dialog.showIndicator(null);
      const baseline: IndicatorState = mode() === 'monitor' ? { kind: 'monitor' } : { kind: 'protected' };
      const state = states.get(composer);
      const shown = checking ? { kind: 'checking' as const } : state?.kind === 'findings' ? state : baseline;
      dialog.showIndicator(shown, composer.getBoundingClientRect());
    };

    // One count per distinct rule; the background adds the site and the day, and keeps only rule ids it knows.
    const count = (outcome: GuardOutcome | 'degraded', findings: readonly Finding[], reason?: JustificationReason) => {
      const seen = new Set<string>();
      const request: CountRequest = { type: 'promptvakt/count', outcome, findings: [] };
      if (reason && outcome === 'sent-anyway') request.reason = reason;
      for (const f of findings) {
        if (seen.has(f.rule)) continue;
        seen.add(f.rule);
        request.findings.push({ category: f.category, rule: f.rule });
      }
      if (outcome === 'degraded' || request.findings.length) browser.runtime.sendMessage(request).catch(() => {});
    };

    // "Mask and send": what the placeholders stood for, per conversation, in this tab's memory only;
    // the real values are shown again in the AI's answers (answer-restorer.ts).
    const sessions = new MaskSessions(url, () => policy.masking.keepValuesMinutes * 60_000);
    const restorer = new AnswerRestorer(document, answerSelectors(site), () => (policy.masking.restoreAnswers ? sessions.finder() : null));
    let panel: { showingPlaceholders: boolean; degraded: boolean; restored: boolean; copied?: 'done' | 'failed'; closed: boolean } | null = null;
    const drawPanel = () => {
      if (!panel || panel.closed) return dialog.showRestorePanel(null);
      dialog.showRestorePanel(panel, {
        toggle: () => {
          if (!panel) return;
          panel.showingPlaceholders = !panel.showingPlaceholders;
          panel.copied = undefined;
          restorer.setShowPlaceholders(panel.showingPlaceholders);
        },
        copy: () => {
          const text = restorer.latestAnswerText();
          if (!panel) return;
          if (!text) {
            panel.copied = 'failed';
            return drawPanel();
          }
          navigator.clipboard.writeText(text).then(
            () => panel && ((panel.copied = 'done'), drawPanel()),
            () => panel && ((panel.copied = 'failed'), drawPanel()),
          );
        },
        close: () => {
          if (panel) panel.closed = true;
          drawPanel();
        },
      });
    };

    const guard = new PromptGuard(locator, dialog, checker, () => policy, {
      checking: (active) => {
        checking = active;
        drawIndicator();
      },
      outcome: count,
      placeholders: (language) => sessions.book(language),
      masked: (original, replacements, language) => {
        sessions.remember(original, replacements, language);
        if (!policy.masking.restoreAnswers) return;
        restorer.start((state) => {
          // The panel appears once values are restored (or cannot be); it follows the state after that.
          if (!panel && (state.restoredCount > 0 || state.degraded)) panel = { showingPlaceholders: false, degraded: false, restored: false, closed: false };
          if (!panel) return;
          panel.showingPlaceholders = state.showingPlaceholders;
          panel.degraded = state.degraded;
          panel.restored = panel.restored || state.restoredCount > 0;
          drawPanel();
        });
        restorer.refresh();
      },
    });
    const highlighter = new Highlighter(ctx, locator, checker, {
      paint: () => policy.highlightWhileTyping && mode() !== 'off',
      checked: (c, result) => {
        composer = c;
        const shown = result?.findings.filter((f) => f.action === 'warn' || f.action === 'block') ?? [];
        states.set(c, shown.length ? { kind: 'findings', count: shown.length, block: result?.decision === 'block' } : { kind: 'protected' });
        drawIndicator();
      },
    });

    let installed = false;
    let highlighting = false;
    const apply = (next: EffectivePolicy) => {
      policy = next;
      siteMode = siteModeFor(policy, url, site !== undefined);
      const language = resolveLanguage(policy.language);
      dialog.setLanguage(language);
      guard.setLanguage(language);
      const on = mode() !== 'off';
      if (on && !installed) {
        guard.install(window);
        if (!highlighting) highlighter.install(window);
        highlighting = true;
      } else if (!on && installed) {
        guard.uninstall(window);
      }
      installed = on;
      drawIndicator();
    };
    apply(policy);
    ctx.onInvalidated(() => guard.uninstall(window));
    ctx.onInvalidated(() => restorer.stop());
    void loadEffectivePolicy().then(apply);
    const unwatch = watchEffectivePolicy(apply);
    ctx.onInvalidated(unwatch);
    // A single-page site changes its address without a new document (history.pushState): a policy
    // that names paths (`example.se/chat`) applies to the address the page has now. WXT's event
    // carries the new URL in our world only; a page forging the event's name sends none.
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      const next = (event as Event & { newUrl?: unknown }).newUrl;
      if (!(next instanceof URL) || next.href === url.href || !/^https?:$/.test(next.protocol)) return;
      url = next;
      sessions.navigated(next);
      apply(policy);
    });

    // The indicator appears when the user is in the composer, and follows it.
    const onFocus = (e: Event) => {
      const found = locator.composerFor(realTarget(e));
      if (found && found !== composer) {
        composer = found;
        drawIndicator();
      }
    };
    let frame = 0;
    const follow = () => {
      if (!composer || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        drawIndicator();
      });
    };
    const listen = () => {
      window.addEventListener('focusin', onFocus, true);
      window.addEventListener('resize', follow, { passive: true });
      window.addEventListener('scroll', follow, { passive: true, capture: true });
    };
    listen();
    // document.open() erases every listener of the window, ours too: add them again (document-watch.ts).
    ctx.onInvalidated(
      whenDocumentReplaced(document, () => {
        shieldFromForgedRestart(window, restartEvent);
        if (installed) guard.install(window);
        if (highlighting) highlighter.install(window);
        listen();
      }),
    );
    ctx.onInvalidated(() => {
      window.removeEventListener('focusin', onFocus, true);
      window.removeEventListener('resize', follow);
      window.removeEventListener('scroll', follow, true);
    });

    // Only sites with an adapter know where their send control is; elsewhere the generic guard applies.
    // The tab's state is the top frame's: a child frame (an embedded widget, a login frame) has no composer.
    // While the employee is on a protected site, the background's engine stays warm (messages.ts KeepWarm).
    if (isTopFrame(window)) {
      const keepWarm: KeepWarm = { type: 'promptvakt/keep-warm' };
      const ping = () => {
        if (document.visibilityState === 'visible' && mode() !== 'off') browser.runtime.sendMessage(keepWarm).catch(() => {});
      };
      ping(); // at once: the background warms its engine before the first long paste
      ctx.setInterval(ping, KEEP_WARM_MS);
    }

    if (site && isTopFrame(window)) {
      watchComposer(ctx, locator, (degraded) => {
        if (mode() === 'off') return;
        if (degraded) count('degraded', []);
        const report: TabStatusReport = { type: 'promptvakt/tab-status', degraded, site: site.id };
        browser.runtime.sendMessage(report).catch(() => {
          // The background may be restarting; the next change is reported again.
        });
      });
    }
  },
});
