/**
 * Why an employee sends anyway: a closed list, so each reason can be counted
 * (lib/counters/catalogue.ts, label `reason`) without any free text leaving
 * the browser. The dialog may also take a few words of free text; those are
 * never stored, counted or sent.
 *
 * `false-alarm` is the reason of "This is wrong" (the employee reports a false
 * alarm) when the policy lets that prompt through.
 */
export const JUSTIFICATION_REASONS = ['false-alarm', 'fictitious', 'public', 'own-data', 'approved', 'other'] as const;
export type JustificationReason = (typeof JUSTIFICATION_REASONS)[number];

/** The reasons the justification form offers (false-alarm has its own button). */
export const OFFERED_REASONS = JUSTIFICATION_REASONS.filter((r) => r !== 'false-alarm');

/** Free text, when given with reason `other`, must be at least this long: a few words, not a key press. */
export const MIN_JUSTIFICATION_CHARS = 5;

export function isJustificationReason(value: unknown): value is JustificationReason {
  return typeof value === 'string' && (JUSTIFICATION_REASONS as readonly string[]).includes(value);
}
