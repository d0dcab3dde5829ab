/**
 * The built-in detectors, in the order they run. Identity numbers come first:
 * the sensitive-category detector uses them as person anchors, and phone and
 * bank-account findings are checked against them.
 */
import { bankAccountDetector } from './bank-account';
import { credentialDetector } from './credentials';
import type { Detector } from './detector';
import { emailDetector } from './email';
import { ibanDetector } from './iban';
import { identityNumberDetector } from './identity-numbers';
import { markingsDetector } from './markings';
import { paymentCardDetector } from './payment-card';
import { phoneDetector } from './phone';
import { sensitiveDetector } from './sensitive';

export const BUILT_IN_DETECTORS: readonly Detector[] = [
  identityNumberDetector,
  markingsDetector,
  sensitiveDetector,
  emailDetector,
  phoneDetector,
  ibanDetector,
  bankAccountDetector,
  paymentCardDetector,
  credentialDetector,
];
