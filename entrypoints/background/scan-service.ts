/**
 * Checks a prompt for a page that cannot check it at once: very long text
 * (the page stays responsive while the background works) or a policy with
 * organisation regex rules (RE2JS, kept out of the content script).
 */
import { catalogueFor, detectionPolicyFor, detectorsFor, type EffectivePolicy } from '../../lib/policy/effective';
import { re2Engine } from '../../lib/policy/regex-engine';
import { scan } from '../../lib/scan';
import type { ScanReply, ScanRequest } from '../shared/messages';

export function scanForPage(policy: EffectivePolicy, request: ScanRequest): ScanReply {
  try {
    const result = scan(request.text, {
      policy: detectionPolicyFor(policy, request.mode),
      detectors: detectorsFor(policy, re2Engine),
      catalogue: catalogueFor(policy),
    });
    return { ok: true, result };
  } catch (error) {
    console.error('Promptvakt: the check failed', error);
    return { ok: false, error: 'scan-failed' };
  }
}
