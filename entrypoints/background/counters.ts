/**
 * Anonymous counters in the background: the one CounterWriter (so increments
 * from many tabs are never lost), and the optional report to the
 * organisation's OpenTelemetry endpoint (policy: counters.endpoint).
 *
 * A content script sends only an outcome, a category and rule id per finding,
 * and (on "send anyway") a reason from a closed list. The rule is counted only
 * if it is a built-in rule or one of the organisation's own (anything else is
 * "none"); the site label is the tab's hostname from the sender (and only if
 * it is a protected site: anything else is "other"); the day comes from the
 * clock. The report is the ONLY network request Promptvakt makes.
 */
import { browser } from 'wxt/browser';
import {
  NONE,
  builtInSiteHosts,
  knownRuleIds,
  reasonLabel,
  ruleLabel,
  ruleSource,
  siteHostsFromPatterns,
  siteLabel,
  type CounterEvent,
} from '../../lib/counters/catalogue';
import { toOtlpRequest, OTLP_CONTENT_TYPE } from '../../lib/counters/otlp';
import { backoffDelayMs, daysToReport, jitteredDelayMs, markReported, metricsUrl, responseOutcome } from '../../lib/counters/report-plan';
import { utcDay } from '../../lib/counters/store';
import { CounterWriter } from '../../lib/counters/writer';
import type { EffectivePolicy } from '../../lib/policy/effective';
import { countersItem } from '../../platform/counter-store';
import type { CountRequest } from '../../platform/messages';

export const REPORT_ALARM = 'promptvakt.report';
const FAILURES_KEY = 'promptvakt.reportFailures';

export class Counters {
  private policy: EffectivePolicy | null = null;
  /** Site labels the catalogue accepts: built-in hosts plus the policy's; changes only with the policy. */
  private hosts: string[] = builtInSiteHosts();
  /** Rule labels the catalogue accepts: built-in rules plus the policy's own; changes only with the policy. */
  private rules: string[] = knownRuleIds([]);
  readonly writer = new CounterWriter({
    storage: { get: () => countersItem.getValue(), set: (value) => countersItem.setValue(value) },
    knownHosts: () => this.hosts,
    knownRules: () => this.rules,
    retentionDays: () => this.policy?.counters.retentionDays ?? 90,
    onDiagnostic: (message) => console.warn('Promptvakt: the counters were repaired:', message),
  });

  start(): void {
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === REPORT_ALARM) void this.report();
    });
  }

  setPolicy(policy: EffectivePolicy): void {
    const before = this.policy?.counters;
    this.policy = policy;
    this.hosts = [...builtInSiteHosts(), ...siteHostsFromPatterns(policy.sites.map((s) => s.pattern))];
    this.rules = knownRuleIds(policy.customRules.map((r) => r.id));
    const after = policy.counters;
    if (!before) {
      // A service worker that just woke up: keep the report already planned, or the
      // interval would start over on every wake-up and the report never come.
      void browser.alarms.get(REPORT_ALARM).then((planned) => (planned ? undefined : this.schedule(0)));
    } else if (before.endpoint !== after.endpoint || before.intervalMinutes !== after.intervalMinutes || before.enabled !== after.enabled) {
      void this.schedule(0);
    }
  }

  /** Counts one outcome from a tab. Anything outside the catalogue is dropped, never stored. */
  async count(request: CountRequest, tabUrl: string | undefined): Promise<void> {
    if (!this.policy?.counters.enabled) return;
    let host = '';
    try {
      host = tabUrl ? new URL(tabUrl).hostname : '';
    } catch {
      // no hostname: "other"
    }
    const events = this.eventsOf(request, siteLabel(host, this.hosts));
    // The writer checks every event against the catalogue and rejects what is not in it;
    // queued together, the events are written in one batch.
    const results = await Promise.allSettled(events.map((event) => this.writer.increment(event as CounterEvent)));
    const refused = results.find((r) => r.status === 'rejected');
    if (refused) console.warn('Promptvakt: a count outside the catalogue was dropped', refused.reason);
  }

  /**
   * The events of one request: one per distinct (category, rule) finding. The source follows
   * from the rule id; a rule id the policy does not know (a typo, a rule removed since, or text
   * a page managed to pass) becomes 'none' rather than a label. Category and outcome are left
   * as sent: the writer rejects them if they are outside the catalogue.
   */
  private eventsOf(request: CountRequest, site: string): CounterEvent[] {
    if (request.outcome === 'degraded') return [{ category: NONE, action: 'degraded', site, source: NONE, rule: NONE, reason: NONE }];
    const action = request.outcome;
    const reason = reasonLabel(action, request.reason);
    const seen = new Set<string>();
    const events: CounterEvent[] = [];
    for (const finding of request.findings) {
      if (typeof finding !== 'object' || finding === null) continue;
      const rule = typeof finding.rule === 'string' ? finding.rule : '';
      const key = `${String(finding.category)}\u0000${rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.push({ category: finding.category, action, site, source: ruleSource(rule), rule: ruleLabel(rule, this.rules), reason } as CounterEvent);
    }
    return events;
  }

  /** Plans the next report: after the policy's interval, with jitter (or a backoff after failures). */
  private async schedule(failures: number): Promise<void> {
    await browser.alarms.clear(REPORT_ALARM);
    const settings = this.policy?.counters;
    if (!settings?.endpoint || !settings.enabled) return;
    const delay = failures > 0 ? backoffDelayMs(failures, Math.random) : jitteredDelayMs(settings.intervalMinutes, Math.random);
    await browser.alarms.create(REPORT_ALARM, { when: Date.now() + delay });
  }

  /** Sends the completed days not yet reported; marks them only after the receiver accepted them. */
  async report(): Promise<'sent' | 'nothing' | 'failed' | 'off'> {
    const settings = this.policy?.counters;
    if (!settings?.endpoint || !settings.enabled) return 'off';
    const failures = ((await browser.storage.local.get(FAILURES_KEY))[FAILURES_KEY] as number | undefined) ?? 0;
    const store = await this.writer.read();
    const days = daysToReport(store, utcDay(new Date()));
    if (!days.length) {
      await this.schedule(0);
      return 'nothing';
    }
    const lastDay = days[days.length - 1]!;
    // Every count is sent, however small: organisation totals must add up (lib/counters/otlp.ts).
    const { request, dataPoints } = toOtlpRequest(store, { days, serviceVersion: browser.runtime.getManifest().version });
    if (dataPoints === 0) {
      // Pending days without counts (not normally stored): nothing to send, and these days are done.
      await this.writer.update((s) => markReported(s, lastDay));
      await this.schedule(0);
      return 'nothing';
    }
    const url = metricsUrl(settings.endpoint);
    const body = JSON.stringify(request);
    let outcome: 'accepted' | 'rejected' | 'retry' = 'retry';
    try {
      const headers: Record<string, string> = { 'Content-Type': OTLP_CONTENT_TYPE };
      if (settings.headerName && settings.headerValue) headers[settings.headerName] = settings.headerValue;
      const response = await fetch(url, { method: 'POST', headers, body, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
      outcome = responseOutcome(response.status);
    } catch (error) {
      console.warn('Promptvakt: the counter report could not be sent; it will be retried', error);
    }
    if (outcome === 'retry') {
      await browser.storage.local.set({ [FAILURES_KEY]: failures + 1 });
      await this.schedule(failures + 1);
      return 'failed';
    }
    await this.writer.update((s) => markReported(s, lastDay, { sentAt: new Date().toISOString(), endpoint: url, body }));
    await browser.storage.local.set({ [FAILURES_KEY]: 0 });
    await this.schedule(0);
    return 'sent';
  }
}
