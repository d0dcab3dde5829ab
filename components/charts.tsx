/**
 * Small inline-SVG charts for the statistics tab (no chart library).
 *
 * Accessibility: each chart is one `role="img"` SVG whose aria-label
 * summarises it, inside a <figure> with a <figcaption>, followed by a real
 * <table> with the same numbers (in a <details> "Show as table"), so nothing
 * is only in the picture. Every bar has its label and value printed next to
 * it and every row of the day chart is labelled, so colour never carries
 * meaning on its own; all bar colours have at least 3:1 contrast against
 * the page (WCAG 1.4.11), text at least 4.5:1, in light and dark mode: the
 * colours below are the light ones, as presentation attributes; pages.css
 * replaces them by class (pv-chart__text, __muted, __axis, __bar, and the day
 * chart's rows by data-key) with its custom properties, light or dark.
 *
 * The SVGs use a fixed coordinate system (viewBox) and scale to the width
 * of their container.
 */
import type { ReactNode } from 'react';

/** Width of every chart in SVG units. */
export const CHART_WIDTH = 640;
const FONT_SIZE = 13;
const TEXT = '#1b1f24'; // 16.6:1 on white
const MUTED = '#4a5360'; // 7.8:1 on white
const AXIS = '#6b7785'; // 4.6:1 on white
/** The default bar colour: the accent, 7.2:1 on white. */
export const BAR_COLOUR = '#0b57a4';

/** A rough width of `text` at the chart font size, for layout only. */
function textWidth(text: string): number {
  return text.length * FONT_SIZE * 0.56;
}

/** `text` cut to fit `width` SVG units, with an ellipsis. The full text is in the table. */
export function fitText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  const max = Math.max(1, Math.floor(width / (FONT_SIZE * 0.56)) - 1);
  return `${text.slice(0, max).trimEnd()}…`;
}

export interface BarItem {
  /** Stable id (a catalogue value); becomes data-key on the bar. */
  key: string;
  label: string;
  value: number;
}

/** The frame every chart shares: an image for screen readers (named by `summary`), scaled to the width. */
function ChartSvg(props: { summary: string; height: number; className?: string; children: ReactNode }) {
  return (
    <svg
      className={props.className ? `pv-chart ${props.className}` : 'pv-chart'}
      role="img"
      aria-label={props.summary}
      viewBox={`0 0 ${CHART_WIDTH} ${props.height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      focusable="false"
      fontSize={FONT_SIZE}
    >
      {props.children}
    </svg>
  );
}

/** Horizontal bars, largest first as given, each with its label on the left and its value on the right. */
export function HBarChart(props: { items: readonly BarItem[]; summary: string; colour?: string }) {
  const { items } = props;
  const rowHeight = 26;
  const barHeight = 16;
  const labelWidth = Math.min(310, Math.max(80, ...items.map((i) => textWidth(i.label) + 8)));
  const valueWidth = Math.max(32, ...items.map((i) => textWidth(String(i.value)) + 8));
  const plotWidth = CHART_WIDTH - labelWidth - valueWidth - 8;
  const max = Math.max(1, ...items.map((i) => i.value));
  const height = items.length * rowHeight + 4;
  return (
    <ChartSvg summary={props.summary} height={height}>
      <line className="pv-chart__axis" x1={labelWidth} x2={labelWidth} y1={0} y2={height} stroke={AXIS} strokeWidth={1} />
      {items.map((item, i) => {
        const y = i * rowHeight + 2;
        const width = item.value > 0 ? Math.max(2, (item.value / max) * plotWidth) : 0;
        const middle = y + rowHeight / 2;
        return (
          <g key={item.key} data-key={item.key}>
            <text className="pv-chart__text" x={labelWidth - 6} y={middle} textAnchor="end" dominantBaseline="middle" fill={TEXT}>
              {fitText(item.label, labelWidth - 8)}
            </text>
            <rect
              className={props.colour ? undefined : 'pv-chart__bar'}
              x={labelWidth}
              y={middle - barHeight / 2}
              width={width}
              height={barHeight}
              fill={props.colour ?? BAR_COLOUR}
            />
            <text className="pv-chart__text" x={labelWidth + width + 4} y={middle} dominantBaseline="middle" fill={TEXT} fontWeight={600}>
              {item.value}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}

export interface DayRow {
  key: string;
  label: string;
  /** At least 3:1 against white. */
  colour: string;
  /** One value per day, in the order of `days`. */
  values: readonly number[];
  total: number;
}

/**
 * Days along the x axis, one labelled row per series (small multiples): a
 * bar per day, all rows on one scale, the row's total on the right. The
 * first and last day are printed under the rows.
 */
export function DayRowsChart(props: { days: readonly string[]; rows: readonly DayRow[]; summary: string }) {
  const { days, rows } = props;
  const rowHeight = 34;
  const barMax = 24;
  const labelWidth = Math.min(220, Math.max(80, ...rows.map((r) => textWidth(r.label) + 8)));
  const totalWidth = Math.max(36, ...rows.map((r) => textWidth(String(r.total)) + 8));
  const plotWidth = CHART_WIDTH - labelWidth - totalWidth - 8;
  const slot = plotWidth / Math.max(1, days.length);
  const gap = slot >= 4 ? Math.min(3, slot * 0.2) : 0;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const axisY = rows.length * rowHeight + 4;
  const height = axisY + 20;
  return (
    <ChartSvg summary={props.summary} height={height} className="pv-chart--days">
      {rows.map((row, r) => {
        const baseline = (r + 1) * rowHeight;
        return (
          <g key={row.key} data-key={row.key}>
            <text className="pv-chart__text" x={0} y={baseline - barMax / 2} dominantBaseline="middle" fill={TEXT}>
              {fitText(row.label, labelWidth - 8)}
            </text>
            <line
              className="pv-chart__axis"
              x1={labelWidth}
              x2={labelWidth + plotWidth}
              y1={baseline + 0.5}
              y2={baseline + 0.5}
              stroke={AXIS}
              strokeWidth={1}
            />
            {row.values.map((value, d) =>
              value > 0 ? (
                <rect
                  key={days[d]}
                  x={labelWidth + d * slot + gap / 2}
                  y={baseline - Math.max(2, (value / max) * barMax)}
                  width={Math.max(1, slot - gap)}
                  height={Math.max(2, (value / max) * barMax)}
                  fill={row.colour}
                />
              ) : null,
            )}
            <text
              className="pv-chart__text"
              x={CHART_WIDTH}
              y={baseline - barMax / 2}
              textAnchor="end"
              dominantBaseline="middle"
              fill={TEXT}
              fontWeight={600}
            >
              {row.total}
            </text>
          </g>
        );
      })}
      {days.length > 0 && (
        <g className="pv-chart__muted" fill={MUTED}>
          <text x={labelWidth} y={axisY + 12}>
            {days[0]}
          </text>
          {days.length > 1 && (
            <text x={labelWidth + plotWidth} y={axisY + 12} textAnchor="end">
              {days[days.length - 1]}
            </text>
          )}
        </g>
      )}
    </ChartSvg>
  );
}

/**
 * A chart with its caption and the same numbers as a table: <figure>,
 * <figcaption> (title and an optional note), the chart, then the table in a
 * <details> ("Show as table"). The table is in the DOM whether or not the
 * details are open, and screen-reader users can open it like any control.
 */
export function ChartFigure(props: {
  id: string;
  title: string;
  note?: string;
  chart: ReactNode;
  table: ReactNode;
  showAsTable: string;
}) {
  return (
    <figure className="pv-figure" aria-labelledby={`${props.id}-title`} data-chart={props.id}>
      <figcaption>
        <h3 id={`${props.id}-title`} className="pv-figure__title">
          {props.title}
        </h3>
        {props.note && <p className="pv-muted pv-figure__note">{props.note}</p>}
      </figcaption>
      {props.chart}
      <details className="pv-details">
        <summary>{props.showAsTable}</summary>
        <div className="pv-table-wrap">{props.table}</div>
      </details>
    </figure>
  );
}
