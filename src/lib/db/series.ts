/**
 * What a chart and its pickers need, answered from the small files the pipeline
 * lays out for the browser (`layout.ts`) instead of SQL over figures.parquet: the
 * catalogs with their counts, an indicator's measures, a chart's points. The
 * answers are those of SQL over the figures (tests/series.test.ts checks them
 * against DuckDB), in the same order.
 */
import type { Exec, SeriesFilter } from './queries.ts';
import { indicatorRef, OTHER } from '../params.ts';
import type { IndicatorRow, RegionRow, SeriesIndexRow, SeriesRow } from '../types.ts';

/** A data folder as the dashboard reads it: small files whole, and SQL over the figures and documents. */
export interface DataFolder {
  /** SQL over figures, documents and the catalogs: drill-downs, exports, the table, the documents. */
  exec: Exec;
  /** A Parquet file of the folder (`series/index.parquet`) read whole into rows; fails naming the file when the folder lacks it. */
  read: <T>(path: string) => Promise<T[]>;
}

/** A measure and unit an indicator's dated figures come in, and how many. */
export interface MeasureOption {
  measure: string;
  unit: string;
  n: number;
}

// As DuckDB orders VARCHARs: by code unit, not by locale.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sums<K>(rows: SeriesIndexRow[], key: (r: SeriesIndexRow) => K, count: (r: SeriesIndexRow) => number): Map<K, number> {
  const out = new Map<K, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + count(r));
  return out;
}

/** Every catalog indicator with its figure count, by group, most figures first (as `indicatorCounts` counted). */
export function indicatorCounts(indicators: IndicatorRow[], index: SeriesIndexRow[]) {
  const n = sums(index, (r) => r.indicator, (r) => r.n_figures);
  return indicators
    .map(({ indicator, name_zh, name_en, unit, group }) => ({ indicator, name_zh, name_en, unit, group, n: n.get(indicator) ?? 0 }))
    .sort((a, b) => byText(a.group, b.group) || b.n - a.n || byText(a.indicator, b.indicator));
}

/** The catalog regions that have figures, most first (as `regionCounts` counted). */
export function regionCounts(regions: RegionRow[], index: SeriesIndexRow[]) {
  const n = sums(index, (r) => r.region, (r) => r.n_figures);
  return regions
    .filter((r) => n.has(r.region))
    .map(({ region, name_zh, name_en, level, parent }) => ({ region, name_zh, name_en, level, parent, n: n.get(region)! }))
    .sort((a, b) => b.n - a.n || byText(a.region, b.region));
}

/**
 * The rows of an indicator id: of the catalog indicator, and of its label when the id names one of `other`
 * (`other:院士团队`); index rows and series rows alike, as both carry the label.
 */
export function ofIndicator<T extends { indicator: string; label?: string | null }>(rows: T[], id: string): T[] {
  const { indicator, label } = indicatorRef(id);
  return rows.filter((r) => r.indicator === indicator && (label === null || r.label === label));
}

/** A label of `other` with its figures, and how many of them are dated. */
export interface LabelCount {
  label: string;
  n: number;
  n_dated: number;
}

/** The labels of `other` the index counts, most dated figures first, then most figures, then by label. */
export function labelCounts(index: SeriesIndexRow[]): LabelCount[] {
  const out = new Map<string, LabelCount>();
  for (const r of index) {
    if (r.indicator !== OTHER || !r.label) continue;
    const c = out.get(r.label) ?? { label: r.label, n: 0, n_dated: 0 };
    c.n += r.n_figures;
    c.n_dated += r.n_dated;
    out.set(r.label, c);
  }
  return [...out.values()].sort((a, b) => b.n_dated - a.n_dated || b.n - a.n || byText(a.label, b.label));
}

/** The measures an indicator's dated figures come in, most figures first. */
export function measuresIn(index: SeriesIndexRow[], indicator: string): MeasureOption[] {
  const n = sums(ofIndicator(index, indicator).filter((r) => r.n_dated > 0), (r) => `${r.measure}\u0000${r.unit}`, (r) => r.n_dated);
  return [...n]
    .map(([key, count]) => {
      const [measure, unit] = key.split('\u0000');
      return { measure, unit, n: count };
    })
    .sort((a, b) => b.n - a.n || byText(a.measure, b.measure) || byText(a.unit, b.unit));
}

/** Those of `regions` that have a series file of `indicator`: the ones with dated figures of it. */
export function seriesRegions(index: SeriesIndexRow[], indicator: string, regions: string[]): string[] {
  const have = new Set(ofIndicator(index, indicator).filter((r) => r.n_dated > 0).map((r) => r.region));
  return [...new Set(regions)].filter((r) => have.has(r));
}

/** The points of one measure and unit, some regions and the filter's years and stances, in the order a chart draws them. */
export function pointsOf(rows: SeriesRow[], measure: string, unit: string, regions: string[], filter: SeriesFilter = {}): SeriesRow[] {
  const wanted = new Set(regions);
  const stances = filter.stances?.length ? new Set(filter.stances) : null;
  return rows
    .filter((r) => r.measure === measure && r.unit === unit && wanted.has(r.region)
      && (filter.from === undefined || r.year >= filter.from) && (filter.to === undefined || r.year <= filter.to)
      && (!stances || stances.has(r.stance)))
    .sort((a, b) => byText(a.region, b.region) || a.year - b.year || byText(a.stance, b.stance)
      || b.confidence - a.confidence || byText(a.figure_id, b.figure_id));
}
