/**
 * Reserved places in the popup for status that later issues provide. Both
 * render nothing until then: the popup never shows invented data.
 */

/**
 * PLACEHOLDER "protection degraded": will say when protection on this tab is
 * weaker than it should be (e.g. the composer was not found, the organisation
 * policy could not be read). Renders nothing yet.
 */
export function ProtectionDegradedSlot(): null {
  return null;
}

/**
 * PLACEHOLDER "today's counts": will show today's warnings and blocks (from the
 * counters). Renders nothing yet.
 */
export function TodayCountsSlot(): null {
  return null;
}
