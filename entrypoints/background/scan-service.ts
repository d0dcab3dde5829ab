/**
 * Checks a prompt for a page that cannot check it at once: very long text
 * (the page stays responsive while the background works) or a policy with
 * organisation regex rules (RE2JS, kept out of the content script).
 */
import { catalogueFor, detectionPolicyFor, detectorsFor, type EffectivePolicy } from '../../lib/policy/effective';
import { re2Engine } from '../../lib/policy/regex-engine';
import { scan, type ScanOptions } from '../../lib/scan';
import type { ScanReply, ScanRequest } from '../shared/messages';

/**
 * Detectors and catalogue per policy object: the custom-rule lexicon and the
 * merged catalogue are built once per policy, not on every request.
 */
const prepared = new WeakMap<EffectivePolicy, Pick<ScanOptions, 'detectors' | 'catalogue'>>();

function preparedFor(policy: EffectivePolicy) {
  let ready = prepared.get(policy);
  if (!ready) {
    ready = { detectors: detectorsFor(policy, re2Engine), catalogue: catalogueFor(policy) };
    prepared.set(policy, ready);
  }
  return ready;
}

export function scanForPage(policy: EffectivePolicy, request: ScanRequest): ScanReply {
  try {
    const result = scan(request.text, { policy: detectionPolicyFor(policy, request.mode), ...preparedFor(policy) });
    return { ok: true, result };
  } catch (error) {
    console.error('Promptvakt: the check failed', error);
    return { ok: false, error: 'scan-failed' };
  }
}
