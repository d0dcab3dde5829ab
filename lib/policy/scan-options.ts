/**
 * One way from a policy to a scan: the options scan() needs for a policy on a
 * site, built once per policy object and reused by the page, the background
 * and the options page's sandbox.
 *
 * `where` says what the caller can run: the page has no regex engine (RE2JS is
 * kept out of the content script, so a policy with regex rules is checked in
 * the background); the background and the options page pass theirs.
 */
import type { RuleCatalogue } from '../rules/catalogue';
import type { ScanOptions } from '../scan';
import { catalogueFor, detectionPolicyFor, detectorsFor, type EffectivePolicy } from './effective';
import type { RegexEngine } from './regex-engine';
import type { SiteMode } from './schema';

export interface ScanPlace {
  /** What the policy does on this site: 'block', 'warn' or 'monitor'. */
  mode: SiteMode;
  /** The organisation's regex rules need an engine; null where none is loaded (the page). */
  regex: RegexEngine | null;
}

/** Scan options with every part filled in (the dialog needs the catalogue too). */
export type PolicyScanOptions = Required<Pick<ScanOptions, 'policy' | 'detectors' | 'catalogue'>>;

interface Prepared {
  detectors: PolicyScanOptions['detectors'];
  catalogue: RuleCatalogue;
  byMode: Map<SiteMode, PolicyScanOptions>;
}

const NO_ENGINE = {};
/** Per policy object, then per regex engine: the detectors and the catalogue are the costly parts. */
const prepared = new WeakMap<EffectivePolicy, WeakMap<object, Prepared>>();

function preparedFor(policy: EffectivePolicy, regex: RegexEngine | null): Prepared {
  let byEngine = prepared.get(policy);
  if (!byEngine) prepared.set(policy, (byEngine = new WeakMap()));
  const key = regex ?? NO_ENGINE;
  let ready = byEngine.get(key);
  if (!ready) {
    ready = { detectors: detectorsFor(policy, regex), catalogue: catalogueFor(policy), byMode: new Map() };
    byEngine.set(key, ready);
  }
  return ready;
}

/** The scan options for `policy` at `where`; the same object for the same policy, mode and engine. */
export function scanOptionsFor(policy: EffectivePolicy, where: ScanPlace): PolicyScanOptions {
  const ready = preparedFor(policy, where.regex);
  let options = ready.byMode.get(where.mode);
  if (!options) {
    options = { policy: detectionPolicyFor(policy, where.mode), detectors: ready.detectors, catalogue: ready.catalogue };
    ready.byMode.set(where.mode, options);
  }
  return options;
}
