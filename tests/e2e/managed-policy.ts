/**
 * Where Debian's Chromium reads managed (organisation) policies, for the
 * specs that install one. Writing there needs root, as CI has; elsewhere
 * those specs are skipped with a message saying why.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';

export const POLICY_DIR = '/etc/chromium/policies/managed';

export function policyDirWritable(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
