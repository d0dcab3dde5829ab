/**
 * Did the browser deliver the whole policy? Chrome and Edge check the managed
 * policy against public/managed_schema.json before the extension sees it, and
 * drop a whole top-level field when one value in it breaks the schema (one
 * `"allowOverride": "no"` removes every category setting). The extension then
 * reads a policy without that field, which looks just like a policy that never
 * set it. A policy that lists its own top-level fields (`policyFields`, filled
 * in by `npm run policy -- export`) makes the loss visible: every listed field
 * that did not arrive is a diagnostic of its own kind.
 *
 * A policy without `policyFields` (or one whose `policyFields` was itself
 * dropped) cannot be checked, and is not: nothing is reported. Firefox does no
 * schema check, so there everything listed arrives.
 *
 * Browser-free; runs in the background with resolve.ts. The pages tell these
 * diagnostics apart with isDeliveryDiagnostic (effective.ts), without zod.
 */
import { POLICY_FIELDS, type PolicyField } from './schema';

/** A field the policy lists in `policyFields` but the browser did not deliver. */
export interface DeliveryDiagnostic {
  kind: 'not-delivered';
  /** The top-level field, e.g. `categories`. */
  field: PolicyField;
  /** The field again, so lists of diagnostics can show every entry by its path. */
  path: string;
  /** For the admin, in English (the pages show their own sv/en text for this kind). */
  message: string;
}

/** Chromium shows the policy it received, with the rejected value flagged, at chrome://policy; Firefox at about:policies. */
export const NOT_DELIVERED_MESSAGE =
  'was in the policy but the browser did not deliver it: Chrome drops a whole field when one value in it fails its schema check; ' +
  'see chrome://policy (Firefox: about:policies) for the value it rejected. The built-in defaults apply there.';

const KNOWN = new Set<string>(POLICY_FIELDS);

/**
 * The fields `delivered` lists in `policyFields` but does not hold. Entries
 * that are not policy fields (a typo in the list, reported by checkPolicy as
 * such) are skipped, as is a `policyFields` that is missing or not a list.
 */
export function undeliveredFields(delivered: unknown): PolicyField[] {
  if (typeof delivered !== 'object' || delivered === null || Array.isArray(delivered)) return [];
  const listed = (delivered as Record<string, unknown>).policyFields;
  if (!Array.isArray(listed)) return [];
  const missing = new Set<PolicyField>();
  for (const field of listed) {
    if (typeof field !== 'string' || !KNOWN.has(field)) continue;
    if (!Object.hasOwn(delivered, field)) missing.add(field as PolicyField);
  }
  return [...missing];
}

/** One diagnostic per listed field that did not arrive, in the order `policyFields` lists them. */
export function deliveryDiagnostics(delivered: unknown): DeliveryDiagnostic[] {
  return undeliveredFields(delivered).map((field) => ({ kind: 'not-delivered', field, path: field, message: NOT_DELIVERED_MESSAGE }));
}
