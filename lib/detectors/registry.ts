/**
 * The built-in detectors, in the order they run. Identity numbers come first:
 * the sensitive-category detector uses them as person anchors.
 */
import type { Detector } from './detector';
import { identityNumberDetector } from './identity-numbers';
import { markingsDetector } from './markings';
import { sensitiveDetector } from './sensitive';

export const BUILT_IN_DETECTORS: readonly Detector[] = [identityNumberDetector, markingsDetector, sensitiveDetector];
