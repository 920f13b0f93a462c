/**
 * The catalogs every view names things by: the indicators with their group and
 * figure count, and the regions that have figures. Ids in a URL are checked
 * against them before any query runs; pickers and filters list them. Read from
 * the catalog files and the series index, so that they need no DuckDB.
 */
import type { Lang } from './i18n.ts';
import { INDICATORS_FILE, REGIONS_FILE, SERIES_INDEX } from './db/layout.ts';
import { indicatorCounts, regionCounts, type DataFolder } from './db/series.ts';
import type { IndicatorRow, RegionRow, SeriesIndexRow } from './types.ts';

/** A catalog entry with its names in both languages. */
export interface Named {
  name_zh: string;
  name_en: string;
}

/** A catalog indicator with its figure count. */
export interface IndicatorOption extends Named {
  indicator: string;
  unit: string;
  group: string;
  n: number;
}

/** A region that has figures. */
export interface RegionOption extends Named {
  region: string;
  level: string;
  parent: string | null;
  n: number;
}

/** The indicators and the regions that have figures. */
export interface Catalogs {
  indicators: IndicatorOption[];
  regions: RegionOption[];
}

/** The catalogs of a data folder. */
export async function loadCatalogs(data: DataFolder): Promise<Catalogs> {
  const [indicators, regions, index] = await Promise.all([
    data.read<IndicatorRow>(INDICATORS_FILE), data.read<RegionRow>(REGIONS_FILE), data.read<SeriesIndexRow>(SERIES_INDEX),
  ]);
  return { indicators: indicatorCounts(indicators, index), regions: regionCounts(regions, index) };
}

/** A name in the interface language, or the id when the catalog has none. */
export function nameIn(lang: Lang, o: Named | undefined, fallback: string): string {
  return o ? (lang === 'zh' ? o.name_zh : o.name_en) : fallback;
}

const GROUPS = ['enterprises', 'labs_platforms', 'funding_finance', 'rd_output', 'other'];

/** Indicators grouped for a picker, in the dashboard's group order. */
export function groupIndicators(list: IndicatorOption[]): Array<{ group: string; items: IndicatorOption[] }> {
  return GROUPS.map((group) => ({ group, items: list.filter((i) => i.group === group) })).filter((g) => g.items.length);
}
