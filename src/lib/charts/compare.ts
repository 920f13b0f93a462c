import * as Plot from '@observablehq/plot';
import { t, type Lang } from '../i18n.ts';
import { regionColors } from '../palette.ts';
import { displayUnit, formatValue, qualifierMark } from '../units.ts';
import { formatAttainment, type TargetLink } from '../targets.ts';
import { caveatNotes, hasRange, isUncertain, periodLabel, periodMark } from './caveats.ts';

/** A figure as the compare chart draws it. */
export interface ChartRow {
  figure_id: string;
  region: string;
  year: number;
  /** `year` or `as_of` for one year's value; `h1`, `unknown` (part of a year) and `multi_year` are marked. */
  period: string;
  stance: string;
  value: number;
  unit: string;
  qualifier: string;
  quote: string;
  measure: string;
  confidence: number;
  year_inferred: boolean;
  /** A point of the series stands for several figures: how many, from how many documents, with how many values, and their range. */
  n_figures?: number;
  n_documents?: number;
  n_values?: number;
  value_min?: number;
  value_max?: number;
  /** How many of the point's figures a reviewer confirmed, fixed or added (corrections/): marked ✓. */
  n_reviewed?: number;
}

/** What the chart needs besides its rows. */
export interface CompareOptions {
  lang: Lang;
  unit: string;
  measure: string;
  /** Every region selected, in the colour domain shared by all panels. */
  regions: string[];
  regionName: (region: string) => string;
  /** A title used for the chart's accessible name. */
  title: string;
  width?: number;
  height?: number;
  /** A DOM document, for rendering outside the browser. */
  document?: Document;
  /** Plot's HTML legend above the chart (the dashboard); false when a frame draws its own (exports, embeds). */
  legend?: boolean;
  /** Targets joined to their actuals (`targetLinks`): a dotted arrow from each target to the same year's actual, labelled with the attainment. */
  links?: TargetLink<ChartRow>[];
  /** National figures drawn as a grey dashed reference line (never coloured, summed or stacked with the regions). */
  reference?: { rows: ChartRow[]; label: string };
  theme?: Theme;
}

/** The colours of a chart's ground and ink; the region colours read on both. */
export interface ThemeColors {
  ink: string;
  muted: string;
  ground: string;
  rule: string;
}
export type Theme = 'light' | 'dark';
export const THEMES: Record<Theme, ThemeColors> = {
  light: { ink: '#1d2430', muted: '#5b6b7c', ground: 'white', rule: '#bbb' },
  dark: { ink: '#e6e9ee', muted: '#a4afbb', ground: '#16191d', rule: '#555d66' },
};

/** The font stack of every chart: the system's, then Noto CJK, which the CLI's PNG renderer loads by name. */
export const FONT_FAMILY = 'system-ui, "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

interface Point extends ChartRow {
  v: number;
}

// As DuckDB and Arquero order VARCHARs: by code unit.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Per region and year, the actual the line passes through: the most confident
 * one (several documents may report the same year), the lower figure id on a
 * tie. A half-year or a span is not the year's value, so the line never passes
 * through one. Plain JavaScript: the site's Content-Security-Policy refuses the
 * `new Function` that a library compiling string expressions would need.
 */
function linePoints(points: Point[]): Point[] {
  const best = new Map<string, Point>();
  for (const p of points) {
    if (p.stance !== 'actual' || periodMark(p.period)) continue;
    const key = `${p.region}\u0000${p.year}`;
    const held = best.get(key);
    if (!held || p.confidence > held.confidence || (p.confidence === held.confidence && byText(p.figure_id, held.figure_id) < 0)) best.set(key, p);
  }
  return [...best.values()].sort((a, b) => byText(a.region, b.region) || a.year - b.year);
}

function yearTicks(points: Point[]): number[] | undefined {
  if (!points.length) return undefined;
  const years = points.map((p) => p.year);
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  const step = Math.max(1, Math.ceil((hi - lo + 1) / 10));
  const out: number[] = [];
  for (let y = lo; y <= hi; y += step) out.push(y);
  return out;
}

/**
 * Draws one indicator for several regions over the years: actuals as solid
 * points joined by lines, targets and expected values as hollow markers,
 * qualifiers (≈ > ≥ ≤) beside their points, a label under those of part of a
 * year or several years (上半年, 非全年, 多年), and a dashed ring around those
 * whose year was inferred or whose confidence is low. Every point carries its
 * figure id, is focusable, and names its value and caveats in its tooltip and
 * for screen readers.
 */
export function compareChart(rows: ChartRow[], o: CompareOptions): SVGSVGElement | HTMLElement {
  const unit = displayUnit(o.unit, o.measure);
  const points: Point[] = rows.map((r) => ({ ...r, v: r.value / unit.scale }));
  const colors = regionColors(o.regions);
  const domain = [...colors.keys()];
  const value = (v: number, p: Point) => formatValue(v, p.unit, 'exact', o.lang, p.measure);
  // What stands behind a point of the series: the documents that report it, and the values they give when they disagree.
  const sources = (p: Point) => [
    ...(p.n_documents !== undefined && p.n_documents > 1 ? [t(o.lang, 'reportedBy').replace('{n}', String(p.n_documents))] : []),
    ...(hasRange(p) ? [t(o.lang, 'valuesRange').replace('{lo}', value(p.value_min!, p)).replace('{hi}', value(p.value_max!, p))] : []),
  ];
  const describe = (p: Point) =>
    [`${o.regionName(p.region)} ${p.year} ${t(o.lang, p.stance as 'actual')}: ${formatValue(p.value, p.unit, p.qualifier, o.lang, p.measure)} (${p.quote})`,
      ...caveatNotes(p, o.lang), ...sources(p), ...(p.n_reviewed ? [o.lang === 'en' ? '✓ reviewed' : '✓ 已审核'] : [])].join(' · ');
  const label = (p: Point) => periodLabel(periodMark(p.period)!, o.lang);
  // Tags each drawn point with its figure so a click or Enter can open it.
  const tag = (data: Point[], extra = ''): Plot.RenderFunction => (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context) as SVGGElement;
    const marks = g.querySelectorAll('circle, path');
    index.forEach((i, k) => {
      const el = marks[k];
      if (!el) return;
      const p = data[i];
      el.setAttribute('data-figure-id', p.figure_id);
      el.setAttribute('data-region', p.region);
      el.setAttribute('data-year', String(p.year));
      el.setAttribute('data-stance', p.stance);
      el.setAttribute('data-period', p.period);
      el.setAttribute('data-value', String(p.value));
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', describe(p));
      const mark = periodMark(p.period);
      el.setAttribute('class', `point ${p.stance}${mark ? ` period-${mark}` : ''}${isUncertain(p) ? ' uncertain' : ''}${extra}`);
      if (p.n_reviewed) el.setAttribute('data-reviewed', String(p.n_reviewed));
    });
    return g;
  };
  const links = o.links ?? [];
  const reference: Point[] = (o.reference?.rows ?? []).map((r) => ({ ...r, v: r.value / unit.scale }));
  const referenceLine = linePoints(reference);
  const refName = o.reference?.label ?? '';
  const describeRef = (p: Point) => `${refName} · ${describe(p)}`;
  const linkText = (l: TargetLink<ChartRow>) => `${formatAttainment(l.attainment, o.lang)}${l.met ? '✓' : '✗'}`;
  const describeLink = (l: TargetLink<ChartRow>) => `${o.regionName(l.region)} ${l.year}: ${t(o.lang, 'target')} ${formatValue(l.target.value, l.target.unit, l.target.qualifier, o.lang, l.target.measure)} → ${t(o.lang, 'actual')} ${formatValue(l.actual.value, l.actual.unit, l.actual.qualifier, o.lang, l.actual.measure)} · ${t(o.lang, 'attainment')} ${formatAttainment(l.attainment, o.lang)} · ${t(o.lang, l.met ? 'targetMet' : 'targetUnmet')}`;
  // Tags each arrow with the pair it joins, for tests and screen readers.
  const tagLinks: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context) as SVGGElement;
    const marks = g.querySelectorAll('path');
    index.forEach((i, k) => {
      const el = marks[k];
      const l = links[i];
      if (!el || !l) return;
      el.setAttribute('data-target-id', l.target.figure_id);
      el.setAttribute('data-actual-id', l.actual.figure_id);
      el.setAttribute('data-attainment', l.attainment === null ? '' : String(l.attainment));
      el.setAttribute('data-met', String(l.met));
      el.setAttribute('aria-label', describeLink(l));
    });
    return g;
  };
  const actual = points.filter((p) => p.stance === 'actual');
  const planned = points.filter((p) => p.stance !== 'actual');
  const qualified = points.filter((p) => qualifierMark(p.qualifier));
  const partial = points.filter((p) => periodMark(p.period));
  const uncertain = points.filter(isUncertain);
  const ranged = points.filter(hasRange);
  const rank = o.measure === 'rank';
  const axisLabel = o.lang === 'zh' ? unit.zh : unit.en;
  const theme = THEMES[o.theme ?? 'light'];
  const say = (p: Point) =>
    `${p.year} ${formatValue(p.value, p.unit, p.qualifier, o.lang, p.measure)} ${t(o.lang, p.stance as 'actual')}${periodMark(p.period) ? ` ${label(p)}` : ''}`;
  const summary = domain
    .map((r) => {
      const mine = points.filter((p) => p.region === r);
      return mine.length ? `${o.regionName(r)}: ${mine.map(say).join('; ')}` : '';
    })
    .filter(Boolean)
    .join('. ');

  return Plot.plot({
    document: o.document,
    width: o.width ?? 720,
    height: o.height ?? 380,
    marginLeft: 56,
    marginRight: 28,
    marginBottom: 44,
    ariaLabel: `${t(o.lang, 'chartOf')} ${o.title}`,
    ariaDescription: summary,
    style: { fontFamily: FONT_FAMILY, fontSize: '12px', overflow: 'visible', color: o.theme ? theme.ink : undefined, background: o.theme ? theme.ground : undefined },
    // The axis label sits below the tick labels, so it never runs into the last year.
    x: { label: t(o.lang, 'year'), labelOffset: 38, tickFormat: 'd', ticks: yearTicks([...points, ...reference]), nice: false, inset: 16 },
    y: { label: axisLabel, grid: true, reverse: rank, nice: true, zero: !rank && o.unit !== 'percent' },
    color: { type: 'categorical', domain, range: domain.map((r) => colors.get(r)!), legend: o.legend ?? true, tickFormat: o.regionName },
    marks: [
      rank ? null : Plot.ruleY([0], { stroke: theme.rule }),
      // The nation is a reference, not one of the regions: grey, dashed, under them, with a label at its last year.
      referenceLine.length ? Plot.line(referenceLine, {
        x: 'year', y: 'v', stroke: theme.muted, strokeWidth: 1.5, strokeDasharray: '6,4', className: 'national-line', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      reference.length ? Plot.dot(reference, {
        x: 'year', y: 'v', stroke: theme.muted, fill: theme.ground, strokeWidth: 1.5, r: 4, symbol: 'square', title: describeRef, render: tag(reference, ' national'),
      }) : null,
      referenceLine.length ? Plot.text(referenceLine.slice(-1), {
        x: 'year', y: 'v', text: () => refName, fill: theme.muted, dx: 8, dy: -10, textAnchor: 'start', fontSize: 10, className: 'national-label', ariaHidden: 'true',
      }) : null,
      // Each target to the same year's actual: a dotted arc (the range line through a point is straight), its attainment beside it.
      links.length ? Plot.arrow(links, {
        x1: 'year', x2: 'year', y1: (l: TargetLink<ChartRow>) => l.target.value / unit.scale, y2: (l: TargetLink<ChartRow>) => l.actual.value / unit.scale,
        stroke: 'region', strokeWidth: 1.25, strokeDasharray: '2,3', bend: true, inset: 7, headLength: 7,
        className: 'target-link', title: describeLink, render: tagLinks,
      }) : null,
      links.length ? Plot.text(links, {
        x: 'year', y: (l: TargetLink<ChartRow>) => (l.target.value + l.actual.value) / 2 / unit.scale, text: linkText, fill: 'region',
        dx: 14, textAnchor: 'start', fontSize: 10, fontWeight: 'bold', className: 'attainment-label', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      Plot.line(linePoints(points), { x: 'year', y: 'v', z: 'region', stroke: 'region', strokeWidth: 2 }),
      ranged.length ? Plot.ruleX(ranged, {
        x: 'year', y1: (p: Point) => p.value_min! / unit.scale, y2: (p: Point) => p.value_max! / unit.scale, stroke: 'region',
        strokeWidth: 1.5, strokeOpacity: 0.7, className: 'value-range', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      // Rings and labels are drawn for the eye; the point they belong to says the same in words.
      Plot.dot(uncertain, {
        x: 'year', y: 'v', stroke: 'region', fill: 'none', strokeWidth: 1.25, strokeDasharray: '3,2', r: 11,
        className: 'uncertain-ring', ariaHidden: 'true', pointerEvents: 'none',
      }),
      Plot.dot(actual, { x: 'year', y: 'v', fill: 'region', stroke: 'region', r: 5, symbol: 'circle', title: describe, render: tag(actual) }),
      Plot.dot(planned, {
        x: 'year', y: 'v', stroke: 'region', fill: theme.ground, strokeWidth: 2, r: 6,
        symbol: (p: Point) => (p.stance === 'target' ? 'circle' : 'diamond'), title: describe, render: tag(planned),
      }),
      points.some((p) => p.n_reviewed) ? Plot.text(points.filter((p) => p.n_reviewed), {
        x: 'year', y: 'v', text: () => '✓', fill: 'region', dx: -10, dy: -9, fontSize: 10, fontWeight: 'bold', className: 'reviewed-mark', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      Plot.text(qualified, { x: 'year', y: 'v', text: (p: Point) => qualifierMark(p.qualifier), fill: 'region', dx: 10, dy: -9, fontWeight: 'bold' }),
      Plot.text(partial, {
        x: 'year', y: 'v', text: label, fill: 'region', dx: 11, dy: 13, textAnchor: 'start', fontSize: 10, fontWeight: 'bold',
        className: 'period-label', ariaHidden: 'true', pointerEvents: 'none',
      }),
    ],
  });
}
