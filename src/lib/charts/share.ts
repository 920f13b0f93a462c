/**
 * A city's share of its province (or any region's of a region it lies in), as
 * the compare view offers it under a chart that holds both: derived values, so
 * drawn apart from the figures, on their own percent axis, as hollow squares on
 * a dashed line in the city's colour. Each point carries the ids of the two
 * figures it was computed from (`data-derived`), so a click or Enter opens both
 * source sentences.
 */
import * as Plot from '@observablehq/plot';
import { t, type Lang } from '../i18n.ts';
import { regionColors } from '../palette.ts';
import { formatValue } from '../units.ts';
import type { DerivedShare } from '../targets.ts';
import { DEFAULT_WIDTH, FONT_FAMILY, hitAreas, MIN_TEXT_PX, THEMES, type ChartRow, type Theme } from './compare.ts';

/** What the share chart needs besides its shares. */
export interface ShareOptions {
  lang: Lang;
  /** Every region selected, so that the city keeps its colour. */
  regions: string[];
  regionName: (region: string) => string;
  title: string;
  width?: number;
  height?: number;
  theme?: Theme;
  document?: Document;
}

const FORMAT = { zh: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }), en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }) };

/** A share in words: `55.3%`. */
export function formatShare(share: number, lang: Lang): string {
  return `${FORMAT[lang].format(share)}%`;
}

/** What a derived point says, for its tooltip and screen readers: both figures and the division. */
export function describeShare(s: DerivedShare<ChartRow>, o: Pick<ShareOptions, 'lang' | 'regionName'>): string {
  const v = (p: ChartRow) => formatValue(p.value, p.unit, p.qualifier, o.lang, p.measure);
  const title = t(o.lang, 'shareTitle').replace('{child}', o.regionName(s.child)).replace('{parent}', o.regionName(s.parent));
  return [`${title} ${s.year} ${t(o.lang, s.stance as 'actual')}: ${formatShare(s.share, o.lang)}`,
    `${o.regionName(s.child)} ${v(s.childPoint)} ÷ ${o.regionName(s.parent)} ${v(s.parentPoint)}`,
    ...(s.share > 100 ? [t(o.lang, 'shareAbove')] : [])].join(' · ');
}

/** Draws the shares of one indicator's measure over the years. */
export function shareChart(shares: DerivedShare<ChartRow>[], o: ShareOptions): SVGSVGElement | HTMLElement {
  const colors = regionColors(o.regions);
  const theme = THEMES[o.theme ?? 'light'];
  const pairOf = (s: DerivedShare<ChartRow>) => `${s.child}>${s.parent}>${s.stance}`;
  const actual = shares.filter((s) => s.stance === 'actual');
  const tag: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context) as SVGGElement;
    const marks = g.querySelectorAll('path, circle');
    index.forEach((i, k) => {
      const el = marks[k];
      const s = shares[i];
      if (!el || !s) return;
      el.setAttribute('data-derived', s.id);
      el.setAttribute('data-child', s.child);
      el.setAttribute('data-parent', s.parent);
      el.setAttribute('data-year', String(s.year));
      el.setAttribute('data-stance', s.stance);
      el.setAttribute('data-share', String(s.share));
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', describeShare(s, o));
      el.setAttribute('class', `derived-point ${s.stance}`);
    });
    return g;
  };
  const years = shares.map((s) => s.year);
  const [lo, hi] = [Math.min(...years), Math.max(...years)];
  const width = o.width ?? DEFAULT_WIDTH;
  // Every year labelled when they fit at this width, else every second, third …
  const step = Math.max(1, Math.ceil((hi - lo + 1) / Math.max(2, Math.floor((width - 84) / 48))));
  return Plot.plot({
    document: o.document,
    width,
    height: o.height ?? 220,
    marginLeft: 56,
    marginRight: 28,
    marginBottom: 44,
    ariaLabel: o.title,
    ariaDescription: shares.map((s) => describeShare(s, o)).join('. '),
    style: { fontFamily: FONT_FAMILY, fontSize: '12px', overflow: 'visible', color: o.theme ? theme.ink : undefined, background: o.theme ? theme.ground : undefined },
    x: { label: t(o.lang, 'year'), labelOffset: 38, tickFormat: 'd', ticks: Array.from({ length: Math.floor((hi - lo) / step) + 1 }, (_, k) => lo + k * step), nice: false, inset: 16, domain: [lo, hi] },
    y: { label: t(o.lang, 'shareAxis'), grid: true, zero: true, nice: true },
    marks: [
      // Decorative like the line: Plot names each mark's <g> ("rule"), a name ARIA forbids on an element with no role.
      Plot.ruleY([0], { stroke: theme.rule, ariaHidden: 'true' }),
      Plot.line(actual, { x: 'year', y: 'share', z: pairOf, stroke: (s: DerivedShare) => colors.get(s.child) ?? theme.ink, strokeWidth: 1.5, strokeDasharray: '4,3', ariaHidden: 'true' }),
      // A finger's hit area (24 × 24 px) under each small mark, as on the compare chart.
      hitAreas(shares, 'year', 'share', (s) => s.id),
      Plot.dot(shares, {
        x: 'year', y: 'share', stroke: (s: DerivedShare) => colors.get(s.child) ?? theme.ink, fill: theme.ground, strokeWidth: 2, r: 5,
        symbol: (s: DerivedShare) => (s.stance === 'actual' ? 'square' : 'triangle'), title: (s: DerivedShare<ChartRow>) => describeShare(s, o), render: tag,
      }),
      Plot.text(shares, {
        x: 'year', y: 'share', text: (s: DerivedShare) => formatShare(s.share, o.lang), fill: theme.muted, dy: -12, fontSize: MIN_TEXT_PX,
        ariaHidden: 'true', pointerEvents: 'none',
      }),
    ],
  });
}
