/**
 * "Statistik" / "Statistics": the anonymous counters of this browser for the
 * security team and for anyone who wants to check what is collected
 * (docs/COUNTERS.md). A period (7/30/90 UTC days), findings per category,
 * outcomes per day, findings per site (each a small SVG chart with the same
 * numbers as a table), false alarms per rule and "sent anyway" per reason (two
 * small tables), CSV/JSON export of everything stored, and "What does my
 * organisation see?": where reports go, how often, what else the receiver
 * sees, and the last report's exact body, or that nothing is sent at all.
 *
 * Read-only: the background is the only writer of the counters.
 */
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { COUNTER_ACTIONS, NONE, type CounterAction, type CounterReason } from '../lib/counters/catalogue';
import {
  DEFAULT_PERIOD,
  exportFile,
  pendingReport,
  PERIODS,
  prettyJson,
  reportUrl,
  statsFor,
  type ExportFile,
  type ExportKind,
  type PeriodDays,
  type StatsData,
} from '../lib/counters/dashboard';
import { utcDay, type CounterStore } from '../lib/counters/store';
import type { EffectivePolicy } from '../lib/policy/effective';
import type { ReportNowReply, ReportNowRequest } from '../platform/messages';
import { ChartFigure, DayRowsChart, HBarChart, type BarItem, type DayRow } from './charts';
import { UI_STRINGS, type UiStrings } from '../lib/i18n/ui-strings';
import { fill, type UiLanguage } from '../lib/i18n/language';
import { builtInCatalogue } from '../lib/rules/catalogue';
import { counterActionLabel, counterCategoryLabel, counterSiteLabel } from './labels';
import { useCounters } from './useCounters';

/** Bar colour per outcome: each at least 3:1 against white (5.8:1 to 8.5:1). */
export const ACTION_COLOURS: Readonly<Record<CounterAction, string>> = {
  warned: '#8f5a00',
  blocked: '#b42318',
  masked: '#1d6b3a',
  'sent-anyway': '#7a2e8e',
  edited: '#4a5360',
  logged: '#0b57a4',
  degraded: '#6b4500',
  'false-alarm': '#00696b',
};

/** Saves `file` through a temporary <a download> on an object URL. */
export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the browser reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type SendState = 'idle' | 'sending' | ReportNowReply | 'error';

export function sendStateText(t: UiStrings, state: SendState): string {
  return {
    idle: '',
    sending: t.sendNowSending,
    sent: t.sendNowSent,
    nothing: t.sendNowNothing,
    failed: t.sendNowFailed,
    off: t.sendNowOff,
    error: t.sendNowError,
  }[state];
}

const REPLIES: readonly string[] = ['sent', 'nothing', 'failed', 'off'] satisfies ReportNowReply[];

/** Asks the background to send the report now. */
export async function requestReportNow(): Promise<SendState> {
  const request: ReportNowRequest = { type: 'promptvakt/report-now' };
  try {
    const reply: unknown = await browser.runtime.sendMessage(request);
    return typeof reply === 'string' && REPLIES.includes(reply) ? (reply as ReportNowReply) : 'error';
  } catch {
    return 'error';
  }
}

function formatDateTime(iso: string, language: UiLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** The tab: loads the counters and owns the period and the "send now" state. */
export function OptionsStats(props: { language: UiLanguage; policy: EffectivePolicy }) {
  const store = useCounters();
  const [period, setPeriod] = useState<PeriodDays>(DEFAULT_PERIOD);
  const [send, setSend] = useState<SendState>('idle');
  if (!store) return null;

  const onSendNow = () => {
    if (send === 'sending') return;
    setSend('sending');
    void requestReportNow().then(setSend);
  };

  return (
    <StatsView
      language={props.language}
      policy={props.policy}
      store={store}
      today={utcDay(new Date())}
      period={period}
      onPeriod={setPeriod}
      onExport={(kind) => downloadFile(exportFile(store, kind))}
      sendState={send}
      onSendNow={onSendNow}
    />
  );
}

export interface StatsViewProps {
  language: UiLanguage;
  policy: EffectivePolicy;
  store: CounterStore;
  /** Today's UTC day. */
  today: string;
  period: PeriodDays;
  onPeriod(period: PeriodDays): void;
  onExport(kind: ExportKind): void;
  sendState: SendState;
  onSendNow(): void;
}

export function StatsView(props: StatsViewProps) {
  const { language, policy, store, period } = props;
  const t = UI_STRINGS[language];
  const ids = useId();
  const data = statsFor(store, props.today, period);
  const range = fill(t.statsRange, { from: data.from, to: data.to });

  return (
    <div className="pv-stats" data-period={period}>
      <h2>{t.statsHeading}</h2>
      <p>{t.statsIntro}</p>
      {!policy.counters.enabled && (
        <p className="pv-notice" data-counters-enabled="false">
          {t.statsCountersOff}
        </p>
      )}

      <fieldset className="pv-fieldset pv-period">
        <legend>{t.statsPeriodLegend}</legend>
        {PERIODS.map((days) => (
          <label key={days} className="pv-radio">
            <input
              type="radio"
              name={`${ids}-period`}
              value={days}
              checked={period === days}
              onChange={() => props.onPeriod(days)}
            />
            {t.statsPeriodDays(days)}
          </label>
        ))}
      </fieldset>

      <p role="status" className="pv-stats__summary" data-total={data.total}>
        {t.statsEventCount(data.total)}, {range}
      </p>

      {data.total === 0 ? (
        <div className="pv-empty" data-empty="true">
          <p>{t.statsEmpty}</p>
          <p className="pv-muted">{t.statsEmptyHint}</p>
        </div>
      ) : (
        <div className="pv-charts">
          <CategoryFigure id={`${ids}-category`} t={t} data={data} range={range} />
          <OutcomeFigure id={`${ids}-outcome`} t={t} data={data} range={range} />
          <SiteFigure id={`${ids}-site`} t={t} data={data} range={range} />
          <FalseAlarmTable id={`${ids}-false-alarms`} t={t} data={data} range={range} language={language} />
          <ReasonTable id={`${ids}-reasons`} t={t} data={data} range={range} />
        </div>
      )}

      <section aria-labelledby={`${ids}-export`} className="pv-export">
        <h3 id={`${ids}-export`}>{t.exportHeading}</h3>
        <p className="pv-muted">{fill(t.exportHint, { days: String(policy.counters.retentionDays) })}</p>
        <div className="pv-buttons">
          <button type="button" className="pv-button" data-export="csv" onClick={() => props.onExport('csv')}>
            {t.exportCsv}
          </button>
          <button type="button" className="pv-button" data-export="json" onClick={() => props.onExport('json')}>
            {t.exportJson}
          </button>
        </div>
      </section>

      <OrganisationView id={`${ids}-org`} {...props} t={t} />

      <section aria-labelledby={`${ids}-privacy`} className="pv-privacy">
        <h3 id={`${ids}-privacy`}>{t.statsPrivacyHeading}</h3>
        <p>{t.statsPrivacyNote}</p>
      </section>
    </div>
  );
}

interface FigureProps {
  id: string;
  t: UiStrings;
  data: StatsData;
  range: string;
}

function summary(title: string, range: string, items: readonly { label: string; value: number }[], extra?: string): string {
  const list = items.map((i) => `${i.label} ${i.value}`).join(', ');
  return `${title}, ${range}: ${list}${extra ? `; ${extra}` : ''}.`;
}

function CategoryFigure({ id, t, data, range }: FigureProps) {
  const items: BarItem[] = data.byCategory.map((row) => ({ key: row.value, label: counterCategoryLabel(t, row.value), value: row.total }));
  return (
    <CountFigure
      id={id}
      t={t}
      title={t.chartCategoryTitle}
      note={t.chartCategoryNote}
      range={range}
      items={items}
      column={t.policyColumnCategory}
      rowAttribute="data-category"
    />
  );
}

function SiteFigure({ id, t, data, range }: FigureProps) {
  const items: BarItem[] = data.bySite.map((row) => ({ key: row.value, label: counterSiteLabel(t, row.value), value: row.total }));
  return <CountFigure id={id} t={t} title={t.chartSiteTitle} range={range} items={items} column={t.sitesColumnSite} rowAttribute="data-site" />;
}

/** A bar chart of findings and its two-column table (label, count) with a total row. */
function CountFigure(props: {
  id: string;
  t: UiStrings;
  title: string;
  note?: string;
  range: string;
  items: BarItem[];
  column: string;
  rowAttribute: 'data-category' | 'data-site';
}) {
  const { t, items } = props;
  if (!items.length) {
    return (
      <figure className="pv-figure" aria-labelledby={`${props.id}-title`}>
        <figcaption>
          <h3 id={`${props.id}-title`} className="pv-figure__title">
            {props.title}
          </h3>
        </figcaption>
        <p className="pv-muted">{t.chartNoData}</p>
      </figure>
    );
  }
  const total = items.reduce((sum, i) => sum + i.value, 0);
  const table = (
    <table className="pv-table pv-table--numbers">
      <caption className="pv-visually-hidden">{`${props.title}, ${props.range}`}</caption>
      <thead>
        <tr>
          <th scope="col">{props.column}</th>
          <th scope="col">{t.statsColumnCount}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.key} {...{ [props.rowAttribute]: item.key }}>
            <th scope="row">{item.label}</th>
            <td>{item.value}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-total="true">
          <th scope="row">{t.statsTotalRow}</th>
          <td>{total}</td>
        </tr>
      </tfoot>
    </table>
  );
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      note={props.note}
      showAsTable={t.statsShowAsTable}
      chart={<HBarChart items={items} summary={summary(props.title, props.range, items)} />}
      table={table}
    />
  );
}

function OutcomeFigure({ id, t, data, range }: FigureProps) {
  const actions = COUNTER_ACTIONS.filter((a) => data.byAction[a] > 0);
  const perDay = new Map(data.byDay.map((row) => [row.day, row]));
  const rows: DayRow[] = actions.map((action) => ({
    key: action,
    label: counterActionLabel(t, action),
    colour: ACTION_COLOURS[action],
    values: data.days.map((day) => perDay.get(day)?.byAction[action] ?? 0),
    total: data.byAction[action],
  }));
  const busiest = data.byDay.reduce<(typeof data.byDay)[number] | undefined>((best, row) => (!best || row.total > best.total ? row : best), undefined);
  const extra = busiest ? fill(t.chartBusiestDay, { day: busiest.day, count: String(busiest.total) }) : undefined;
  const chartSummary = summary(
    t.chartOutcomeTitle,
    range,
    rows.map((r) => ({ label: r.label, value: r.total })),
    extra,
  );
  const table = (
    <table className="pv-table pv-table--numbers">
      <caption className="pv-visually-hidden">{`${t.chartOutcomeTitle}, ${range}`}</caption>
      <thead>
        <tr>
          <th scope="col">{t.statsColumnDay}</th>
          {actions.map((a) => (
            <th scope="col" key={a} data-action={a}>
              {counterActionLabel(t, a)}
            </th>
          ))}
          <th scope="col">{t.statsColumnTotal}</th>
        </tr>
      </thead>
      <tbody>
        {data.byDay.map((row) => (
          <tr key={row.day} data-day={row.day}>
            <th scope="row">{row.day}</th>
            {actions.map((a) => (
              <td key={a} data-action={a}>
                {row.byAction[a]}
              </td>
            ))}
            <td data-action="total">{row.total}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-total="true">
          <th scope="row">{t.statsTotalRow}</th>
          {actions.map((a) => (
            <td key={a} data-action={a}>
              {data.byAction[a]}
            </td>
          ))}
          <td data-action="total">{data.total}</td>
        </tr>
      </tfoot>
    </table>
  );
  return (
    <ChartFigure
      id={id}
      title={t.chartOutcomeTitle}
      note={t.chartOutcomeNote}
      showAsTable={t.statsShowAsTable}
      chart={<DayRowsChart days={data.days} rows={rows} summary={chartSummary} />}
      table={table}
    />
  );
}

/** A rule's name for people: a built-in rule's title, an organisation rule's own id, or "unknown rule". */
export function ruleTitle(t: UiStrings, language: UiLanguage, rule: string): string {
  if (rule === NONE) return t.statsRuleUnknown;
  if (rule.startsWith('custom.')) return rule.slice('custom.'.length);
  return builtInCatalogue().rules.get(rule)?.title[language] ?? rule;
}

export function reasonText(t: UiStrings, reason: CounterReason): string {
  return reason === NONE ? t.statsReasonNone : t.reasonLabel[reason];
}

/** False alarms ("This is wrong") per rule, with the rule's category: a small table, or a line saying there were none. */
function FalseAlarmTable({ id, t, data, range, language }: FigureProps & { language: UiLanguage }) {
  const rows = data.falseAlarmsByRule;
  if (!rows.length) return <p className="pv-muted" data-false-alarms="none">{t.falseAlarmsNone}</p>;
  return (
    <div className="pv-table-wrap" data-false-alarms="table">
      <table className="pv-table" aria-describedby={`${id}-note`}>
        <caption>
          {t.falseAlarmsTitle}
          <span className="pv-visually-hidden">{`, ${range}`}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.statsColumnRule}</th>
            <th scope="col">{t.policyColumnCategory}</th>
            <th scope="col">{t.statsColumnCount}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.rule}|${row.category}`} data-rule={row.rule} data-rule-category={row.category}>
              <th scope="row">{ruleTitle(t, language, row.rule)}</th>
              <td>{counterCategoryLabel(t, row.category)}</td>
              <td data-count="true">{row.total}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-total="true">
            <th scope="row" colSpan={2}>
              {t.statsTotalRow}
            </th>
            <td data-count="true">{data.byAction['false-alarm']}</td>
          </tr>
        </tfoot>
      </table>
      <p id={`${id}-note`} className="pv-muted">
        {t.falseAlarmsNote}
      </p>
    </div>
  );
}

/** "Sent anyway" per reason chosen: a small table, or a line saying nothing was sent anyway. */
function ReasonTable({ id, t, data, range }: FigureProps) {
  const rows = data.sentAnywayByReason;
  if (!rows.length) return <p className="pv-muted" data-reasons="none">{t.reasonsNone}</p>;
  return (
    <div className="pv-table-wrap" data-reasons="table">
      <table className="pv-table pv-table--numbers" aria-describedby={`${id}-note`}>
        <caption>
          {t.reasonsTitle}
          <span className="pv-visually-hidden">{`, ${range}`}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.statsColumnReason}</th>
            <th scope="col">{t.statsColumnCount}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.reason} data-reason={row.reason}>
              <th scope="row">{reasonText(t, row.reason)}</th>
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-total="true">
            <th scope="row">{t.statsTotalRow}</th>
            <td>{data.byAction['sent-anyway']}</td>
          </tr>
        </tfoot>
      </table>
      <p id={`${id}-note`} className="pv-muted">
        {t.reasonsNote}
      </p>
    </div>
  );
}

/** "What does my organisation see?" */
function OrganisationView(props: StatsViewProps & { id: string; t: UiStrings }) {
  const { t, policy, store, language } = props;
  const counters = policy.counters;
  const sending = counters.enabled && !!counters.endpoint;
  const url = counters.endpoint ? reportUrl(counters.endpoint) : null;
  const pending = sending && url ? pendingReport(store, props.today) : null;
  const last = store.lastReport;
  const bodyId = `${props.id}-body`;

  return (
    <section aria-labelledby={props.id} className="pv-org" data-reporting={sending ? 'on' : 'off'}>
      <h3 id={props.id}>{t.orgHeading}</h3>
      {!sending ? (
        <p data-org-nothing-sent="true">{fill(t.orgNothingSent, { days: String(counters.retentionDays) })}</p>
      ) : (
        <>
          <p>{t.orgSent}</p>
          <p data-org-address="true">{t.orgSentAddress}</p>
          <dl className="pv-facts pv-facts--stacked">
            <div>
              <dt>{t.orgEndpoint}</dt>
              <dd data-org-endpoint="true">
                <code>{url ?? counters.endpoint}</code>
                {!url && <> {t.orgEndpointInvalid}</>}
              </dd>
            </div>
            <div>
              <dt>{t.orgInterval}</dt>
              <dd>{t.orgIntervalValue(counters.intervalMinutes)}</dd>
            </div>
            {counters.headerName && (
              <div>
                <dt>{t.orgHeader}</dt>
                <dd>{fill(t.orgHeaderValue, { name: counters.headerName })}</dd>
              </div>
            )}
            {pending && (
              <>
                <div>
                  <dt>{t.orgPendingDays}</dt>
                  <dd data-org-pending-days={pending.days}>{pending.days}</dd>
                </div>
                <div>
                  <dt>{t.orgPendingPoints}</dt>
                  <dd data-org-pending-points={pending.dataPoints}>{pending.dataPoints}</dd>
                </div>
              </>
            )}
          </dl>
        </>
      )}

      {(sending || last) && <h4 className="pv-org__last">{t.orgLastSent}</h4>}
      {last ? (
        <div data-last-report="true">
          <dl className="pv-facts pv-facts--stacked">
            <div>
              <dt>{t.orgSentAt}</dt>
              <dd>
                <time dateTime={last.sentAt}>{formatDateTime(last.sentAt, language)}</time>
              </dd>
            </div>
            <div>
              <dt>{t.orgSentTo}</dt>
              <dd>
                <code>{last.endpoint}</code>
              </dd>
            </div>
          </dl>
          <p id={bodyId}>{t.orgBodyLabel}</p>
          {/* Focusable so keyboard users can scroll it. */}
          <pre className="pv-json" tabIndex={0} aria-labelledby={bodyId} data-last-report-body="true">
            <code>{prettyJson(last.body)}</code>
          </pre>
        </div>
      ) : (
        sending && <p data-last-report="none">{t.orgNothingSentYet}</p>
      )}

      {sending && (
        <>
          <button
            type="button"
            className="pv-button"
            aria-disabled={props.sendState === 'sending'}
            onClick={props.onSendNow}
            data-send-now="true"
          >
            {t.sendNow}
          </button>
          <p role="status" className="pv-live" data-send-state={props.sendState}>
            {sendStateText(t, props.sendState)}
          </p>
        </>
      )}
    </section>
  );
}
