/**
 * Reserved places in the popup for status that later issues provide. Both
 * render nothing until then: the popup never shows invented data.
 */

import { UI_STRINGS, type UiLanguage } from './i18n';

/**
 * "Protection degraded": the content script could not find this protected
 * site's composer or send control (reported to the background, shown on the
 * toolbar badge). Renders nothing when protection is whole.
 */
export function ProtectionDegradedSlot(props: { degraded: boolean; language: UiLanguage }) {
  if (!props.degraded) return null;
  const t = UI_STRINGS[props.language];
  return (
    <section className="pv-degraded" role="alert" data-degraded="true">
      <strong>{t.degradedTitle}</strong>
      <p>{t.degradedBody}</p>
    </section>
  );
}

/**
 * PLACEHOLDER "today's counts": will show today's warnings and blocks (from the
 * counters). Renders nothing yet.
 */
export function TodayCountsSlot(): null {
  return null;
}
