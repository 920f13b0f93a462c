/**
 * The catalogs every view names things by: the indicators with their group and
 * figure count, and the regions that have figures. Ids in a URL are checked
 * against them before any query runs; pickers and filters list them. Read from
 * the catalog files and the series index, so that they need no DuckDB.
 *
 * The indicators include the most frequent labels of `other` (what its figures
 * count: 院士团队, A类学科 …), each an indicator of its own (`other:<label>`) in
 * the `other` group, so that they are charted, linked and exported as the
 * catalog's are.
 */
import type { Lang } from './i18n.ts';
import { INDICATORS_FILE, REGIONS_FILE, SERIES_INDEX } from './db/layout.ts';
import { indicatorCounts, labelCounts, regionCounts, type DataFolder } from './db/series.ts';
import { labelId, OTHER, readIndicator } from './params.ts';
import type { IndicatorRow, RegionRow, SeriesIndexRow } from './types.ts';

/** A catalog entry with its names in both languages. */
export interface Named {
  name_zh: string;
  name_en: string;
}

/** A catalog indicator, or a label of `other`, with its figure count. */
export interface IndicatorOption extends Named {
  indicator: string;
  unit: string;
  group: string;
  n: number;
  /** For a label of `other` (`indicator` is `other:<label>`): the label. */
  label?: string;
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
  const other = indicators.find((i) => i.indicator === OTHER);
  return { indicators: [...indicatorCounts(indicators, index), ...labelOptions(index, other)], regions: regionCounts(regions, index) };
}

/**
 * Which labels of `other` the pickers offer: those with at least `minDated` dated figures (one figure draws no
 * comparison), at most `max` of them, most dated figures first.
 */
export const OTHER_LABELS = { minDated: 2, max: 20 };

/** An `other` label as an indicator of its own: named by the label (there is no translation), in `other`'s group. */
export function labelOption(label: string, n: number, other?: Pick<IndicatorRow, 'unit' | 'group'>): IndicatorOption | null {
  const indicator = labelId(label);
  if (!indicator) return null;
  return { indicator, name_zh: label, name_en: `Other: ${label}`, unit: other?.unit ?? '', group: other?.group ?? OTHER, n, label };
}

/** The most frequent labels of `other` in the series index, as indicators ({@link OTHER_LABELS}). */
export function labelOptions(index: SeriesIndexRow[], other?: Pick<IndicatorRow, 'unit' | 'group'>, limit = OTHER_LABELS): IndicatorOption[] {
  return labelCounts(index)
    .filter((c) => c.n_dated >= limit.minDated)
    .map((c) => labelOption(c.label, c.n, other))
    .filter((o): o is IndicatorOption => o !== null)
    .slice(0, limit.max);
}

/**
 * `list`, with the label of `other` that `id` names added when the list leaves it out (a link to a rarer label,
 * or one of data since changed), counted `n`: a picker then shows what the chart shows.
 */
export function withLabel(list: IndicatorOption[], id: string, n: number): IndicatorOption[] {
  const label = readIndicator(id)?.label;
  const option = label && !list.some((i) => i.indicator === id) ? labelOption(label, n) : null;
  return option ? [...list, option] : list;
}

/** An indicator's name in `lang`: the catalog's, an `other` label's even when the catalogs do not list it, else the id. */
export function indicatorName(lang: Lang, indicators: IndicatorOption[], id: string): string {
  const found = indicators.find((i) => i.indicator === id);
  if (found) return nameIn(lang, found, id);
  const label = readIndicator(id)?.label;
  return label ? nameIn(lang, labelOption(label, 0)!, id) : id;
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
