/**
 * Checks now and then that a protected site's composer and send control can
 * still be found (sites change their markup). A cheap poll, not a
 * MutationObserver doing work on every change of the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ComposerLocator } from './composer';

const FIRST_CHECK_MS = 4000;
const CHECK_EVERY_MS = 5000;

export function watchComposer(ctx: ContentScriptContext, locator: ComposerLocator, report: (degraded: boolean) => void): void {
  let last: boolean | undefined;
  const check = () => {
    const composer = locator.find();
    const degraded = !composer || !locator.sendControl(composer, true);
    if (degraded !== last) {
      last = degraded;
      report(degraded);
    }
  };
  ctx.setTimeout(() => {
    check();
    ctx.setInterval(check, CHECK_EVERY_MS);
  }, FIRST_CHECK_MS);
}
