/**
 * Faults injected into the real extension for the fail-closed tests: no test
 * build, no hooks in the product.
 */
import type { Worker } from '@playwright/test';

/** Makes the background's engine throw on every check: its detectors run regular expressions. */
export function breakBackgroundEngine(worker: Worker): Promise<void> {
  return worker.evaluate(() => {
    RegExp.prototype.exec = function () {
      throw new Error('injected engine fault');
    };
  });
}
