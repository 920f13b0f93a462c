/**
 * What a chart and its pickers need, answered from the small files the pipeline
 * lays out for the browser (`layout.ts`) instead of SQL over figures.parquet: the
 * catalogs with their counts, an indicator's measures, a chart's points. The
 * answers are those of SQL over the figures (tests/series.test.ts checks them
 * against DuckDB), in the same order.
 */
import type { Exec, SeriesFilter } from './queries.ts';
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

/** The measures an indicator's dated figures come in, most figures first. */
export function measuresIn(index: SeriesIndexRow[], indicator: string): MeasureOption[] {
  const n = sums(index.filter((r) => r.indicator === indicator && r.n_dated > 0), (r) => `${r.measure}\u0000${r.unit}`, (r) => r.n_dated);
  return [...n]
    .map(([key, count]) => {
      const [measure, unit] = key.split('\u0000');
      return { measure, unit, n: count };
    })
    .sort((a, b) => b.n - a.n || byText(a.measure, b.measure) || byText(a.unit, b.unit));
}

/** Those of `regions` that have a series file of `indicator`: the ones with dated figures of it. */
export function seriesRegions(index: SeriesIndexRow[], indicator: string, regions: string[]): string[] {
  const have = new Set(index.filter((r) => r.indicator === indicator && r.n_dated > 0).map((r) => r.region));
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
