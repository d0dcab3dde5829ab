#!/usr/bin/env node
// Prints one plain line "N passed, N failed" (plus skipped) from the test
// runners' JSON reports, for CI readers that do not parse Vitest/Playwright.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let flaky = 0;
const seen = [];

/** A Vitest JSON report: the unit tests, and the Firefox end-to-end suite (vitest.firefox.config.ts). */
function addVitest(name, file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  // Failed outside any test (e.g. an unhandled error): not a pass.
  if (r.success === false && !r.numFailedTests && !r.numRuntimeErrorTestSuites) failed += 1;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  seen.push(name);
}

addVitest('unit', 'reports/unit.json');
const e2e = 'reports/e2e.json';
if (existsSync(e2e)) {
  const r = JSON.parse(readFileSync(e2e, 'utf8'));
  // A flaky test failed once and passed on CI's one retry (playwright.config.ts): it is named on a line
  // of its own so nobody mistakes it for a clean pass, and counted as passed.
  flaky = r.stats?.flaky ?? 0;
  passed += (r.stats?.expected ?? 0) + flaky;
  failed += (r.stats?.unexpected ?? 0) + (r.errors?.length ?? 0);
  skipped += r.stats?.skipped ?? 0;
  seen.push('e2e');
}
// Firefox ESR over WebDriver BiDi (tests/firefox/).
addVitest('firefox', 'reports/firefox.json');
const stepFailed = process.argv.includes('--step-failed');
// A step outside the test runners (typecheck, build, lint) failed: count it.
if (stepFailed && failed === 0) failed = 1;
console.log(`suites: ${seen.join(', ') || 'none'}`);
if (flaky) console.log(`flaky: ${flaky} browser test(s) failed once and passed on the retry; see reports/e2e.json`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
