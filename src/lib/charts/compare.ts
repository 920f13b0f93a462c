import * as Plot from '@observablehq/plot';
import { t, type Lang } from '../i18n.ts';
import { regionColors } from '../palette.ts';
import { displayUnit, formatValue, qualifierMark } from '../units.ts';
import { formatAttainment, type TargetLink } from '../targets.ts';
import { caveatNotes, hasRange, isCounted, isUncertain, periodLabel, periodMark } from './caveats.ts';

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

/** The width a chart is drawn at when none is given (the CLI, the framed exports' default). */
export const DEFAULT_WIDTH = 720;
/** Room for a year label (four digits at 12 px) and the space between two of them. */
const TICK_SPACE = 48;
// Margins: the value axis's labels on the left, room for a qualifier or count beside the last year on the right,
// the year axis and its label below.
const MARGIN_LEFT = 56;
const MARGIN_RIGHT = 28;
const MARGIN_TOP = 20;
const MARGIN_BOTTOM = 44;
const X_INSET = 16;
/** The smallest text a chart draws, at any width (its base size is 12 px). */
export const MIN_TEXT_PX = 11;
/**
 * A point's mark is small (5–6 px), its hit area is not: a transparent circle of
 * this radius under it takes a finger's tap (24 × 24 px, WCAG 2.5.8).
 */
export const HIT_RADIUS = 12;

/**
 * A transparent circle of HIT_RADIUS under each of `data`'s marks, named by
 * `data-hit-for` after the point it opens (the chart's click handler reads it);
 * hidden from screen readers, which reach the point itself.
 */
export function hitAreas<T>(data: T[], x: string, y: string, id: (d: T) => string): Plot.Dot {
  return Plot.dot(data, {
    x, y, r: HIT_RADIUS, fill: 'transparent', stroke: 'none', className: 'hit-area', ariaHidden: 'true',
    render: (index, scales, values, dimensions, context, next) => {
      const g = next!(index, scales, values, dimensions, context) as SVGGElement;
      const marks = g.querySelectorAll('circle');
      index.forEach((i, k) => marks[k]?.setAttribute('data-hit-for', id(data[i])));
      return g;
    },
  });
}

/** The height a chart of `width` is drawn at when none is given: a 720 px chart is 380 high, a phone's ~300. */
export function chartHeight(width: number): number {
  return Math.round(Math.min(420, Math.max(280, width * 0.528)));
}

interface Point extends ChartRow {
  /** The value in the axis's unit. */
  v: number;
  /** Where the point is drawn: its year, moved a few pixels aside when another point of that year would hide it (`dodge`). */
  x: number;
}

/** How far apart, in pixels, two marks of one year must be to be seen and tapped apart (a mark is 10–12 px wide). */
const MARK_SPACE = 13;

/**
 * Moves apart, sideways, the marks of one year that would hide each other: a
 * target of 4,800 and an actual of 5,370 lie 4 px apart on a chart that reaches
 * 30,000, so the hollow target covered the actual, which no tap could reach.
 * Each run of a year's points closer than MARK_SPACE px vertically is spread
 * MARK_SPACE px apart around the year. Pixels are estimated as Plot's linear
 * scales place them (a nice domain only brings points closer, never apart).
 */
function dodge(points: Point[], width: number, height: number, zero: boolean): void {
  if (points.length < 2) return;
  let lo = zero ? 0 : Infinity;
  let hi = zero ? 0 : -Infinity;
  let first = Infinity;
  let last = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.v);
    hi = Math.max(hi, p.v);
    first = Math.min(first, p.year);
    last = Math.max(last, p.year);
  }
  // One year alone has no x scale to move along; one value makes every point of a year overlap.
  if (last === first) return;
  const pxPerValue = hi > lo ? (height - MARGIN_TOP - MARGIN_BOTTOM) / (hi - lo) : 0;
  const yearsPerPx = (last - first) / (width - MARGIN_LEFT - MARGIN_RIGHT - 2 * X_INSET);
  const byYear = new Map<number, Point[]>();
  for (const p of points) {
    const year = byYear.get(p.year);
    if (year) year.push(p);
    else byYear.set(p.year, [p]);
  }
  for (const year of byYear.values()) {
    if (year.length < 2) continue;
    year.sort((a, b) => a.v - b.v || byText(a.region, b.region) || byText(a.stance, b.stance));
    let start = 0;
    for (let i = 1; i <= year.length; i++) {
      if (i < year.length && (year[i].v - year[i - 1].v) * pxPerValue < MARK_SPACE) continue;
      const run = year.slice(start, i);
      run.forEach((p, k) => (p.x = p.year + (k - (run.length - 1) / 2) * MARK_SPACE * yearsPerPx));
      start = i;
    }
  }
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

/** Years to label: all of them when they fit, else every second, third … so that labels never crowd at `width`. */
function yearTicks(points: Point[], width: number): number[] | undefined {
  if (!points.length) return undefined;
  const years = points.map((p) => p.year);
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  const fit = Math.max(2, Math.floor((width - MARGIN_LEFT - MARGIN_RIGHT) / TICK_SPACE));
  const step = Math.max(1, Math.ceil((hi - lo + 1) / Math.min(10, fit)));
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
  const points: Point[] = rows.map((r) => ({ ...r, v: r.value / unit.scale, x: r.year }));
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
      if (isCounted(p)) el.setAttribute('data-count', String(p.n_figures));
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
  const reference: Point[] = (o.reference?.rows ?? []).map((r) => ({ ...r, v: r.value / unit.scale, x: r.year }));
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
  const counted = points.filter(isCounted);
  const rank = o.measure === 'rank';
  const width = o.width ?? DEFAULT_WIDTH;
  const height = o.height ?? chartHeight(width);
  dodge([...points, ...reference], width, height, !rank && o.unit !== 'percent');
  const xOf = new Map(points.map((p) => [p.figure_id, p.x]));
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
    width,
    height,
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    ariaLabel: `${t(o.lang, 'chartOf')} ${o.title}`,
    ariaDescription: summary,
    style: { fontFamily: FONT_FAMILY, fontSize: '12px', overflow: 'visible', color: o.theme ? theme.ink : undefined, background: o.theme ? theme.ground : undefined },
    // The axis label sits below the tick labels, so it never runs into the last year.
    x: { label: t(o.lang, 'year'), labelOffset: 38, tickFormat: 'd', ticks: yearTicks([...points, ...reference], width), nice: false, inset: X_INSET },
    y: { label: axisLabel, grid: true, reverse: rank, nice: true, zero: !rank && o.unit !== 'percent' },
    color: { type: 'categorical', domain, range: domain.map((r) => colors.get(r)!) },
    marks: [
      // Decorative, as are the lines: Plot names each mark's <g> ("rule", "line"), a name ARIA forbids on an element with no role.
      rank ? null : Plot.ruleY([0], { stroke: theme.rule, ariaHidden: 'true' }),
      // The nation is a reference, not one of the regions: grey, dashed, under them, with a label at its last year.
      referenceLine.length ? Plot.line(referenceLine, {
        x: 'x', y: 'v', stroke: theme.muted, strokeWidth: 1.5, strokeDasharray: '6,4', className: 'national-line', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      reference.length ? Plot.dot(reference, {
        x: 'x', y: 'v', stroke: theme.muted, fill: theme.ground, strokeWidth: 1.5, r: 4, symbol: 'square', title: describeRef, render: tag(reference, ' national'),
      }) : null,
      referenceLine.length ? Plot.text(referenceLine.slice(-1), {
        x: 'x', y: 'v', text: () => refName, fill: theme.muted, dx: 8, dy: -10, textAnchor: 'start', fontSize: MIN_TEXT_PX, className: 'national-label', ariaHidden: 'true',
      }) : null,
      // Each target to the same year's actual: a dotted arc (the range line through a point is straight), its attainment beside it.
      links.length ? Plot.arrow(links, {
        x1: (l: TargetLink<ChartRow>) => xOf.get(l.target.figure_id) ?? l.year, x2: (l: TargetLink<ChartRow>) => xOf.get(l.actual.figure_id) ?? l.year, y1: (l: TargetLink<ChartRow>) => l.target.value / unit.scale, y2: (l: TargetLink<ChartRow>) => l.actual.value / unit.scale,
        stroke: 'region', strokeWidth: 1.25, strokeDasharray: '2,3', bend: true, inset: 7, headLength: 7,
        className: 'target-link', title: describeLink, render: tagLinks,
      }) : null,
      links.length ? Plot.text(links, {
        x: 'year', y: (l: TargetLink<ChartRow>) => (l.target.value + l.actual.value) / 2 / unit.scale, text: linkText, fill: 'region',
        dx: 14, textAnchor: 'start', fontSize: MIN_TEXT_PX, fontWeight: 'bold', className: 'attainment-label', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      Plot.line(linePoints(points), { x: 'x', y: 'v', z: 'region', stroke: 'region', strokeWidth: 2, ariaHidden: 'true' }),
      ranged.length ? Plot.ruleX(ranged, {
        x: 'x', y1: (p: Point) => p.value_min! / unit.scale, y2: (p: Point) => p.value_max! / unit.scale, stroke: 'region',
        strokeWidth: 1.5, strokeOpacity: 0.7, className: 'value-range', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      // Rings and labels are drawn for the eye; the point they belong to says the same in words.
      Plot.dot(uncertain, {
        x: 'x', y: 'v', stroke: 'region', fill: 'none', strokeWidth: 1.25, strokeDasharray: '3,2', r: 11,
        className: 'uncertain-ring', ariaHidden: 'true', pointerEvents: 'none',
      }),
      // Under the marks, so a click on a mark reaches the mark; around them, so a finger near one reaches it too.
      hitAreas(points, 'x', 'v', (p) => p.figure_id),
      Plot.dot(actual, { x: 'x', y: 'v', fill: 'region', stroke: 'region', r: 5, symbol: 'circle', title: describe, render: tag(actual) }),
      Plot.dot(planned, {
        x: 'x', y: 'v', stroke: 'region', fill: theme.ground, strokeWidth: 2, r: 6,
        symbol: (p: Point) => (p.stance === 'target' ? 'circle' : 'diamond'), title: describe, render: tag(planned),
      }),
      points.some((p) => p.n_reviewed) ? Plot.text(points.filter((p) => p.n_reviewed), {
        x: 'x', y: 'v', text: () => '✓', fill: 'region', dx: -10, dy: -9, fontSize: MIN_TEXT_PX, fontWeight: 'bold', className: 'reviewed-mark', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      // How many figures a point stands for, when more than one: a tap opens the point, whose panel lists them all.
      counted.length ? Plot.text(counted, {
        x: 'x', y: 'v', text: (p: Point) => `×${p.n_figures}`, fill: 'region', dx: -9, dy: 12, textAnchor: 'end', fontSize: MIN_TEXT_PX, fontWeight: 'bold',
        className: 'count-mark', ariaHidden: 'true', pointerEvents: 'none',
      }) : null,
      Plot.text(qualified, {
        x: 'x', y: 'v', text: (p: Point) => qualifierMark(p.qualifier), fill: 'region', dx: 10, dy: -9, fontWeight: 'bold', className: 'qualifier-mark', ariaHidden: 'true', pointerEvents: 'none',
      }),
      Plot.text(partial, {
        x: 'x', y: 'v', text: label, fill: 'region', dx: 11, dy: 13, textAnchor: 'start', fontSize: MIN_TEXT_PX, fontWeight: 'bold',
        className: 'period-label', ariaHidden: 'true', pointerEvents: 'none',
      }),
    ],
  });
}
