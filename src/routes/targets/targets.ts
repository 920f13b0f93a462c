/**
 * The targets view (`/targets`): every target a plan set (力争, 目标) with the
 * actual later reported for the same region, indicator, measure, unit and year,
 * the attainment and whether it was met, by the rules of `$lib/targets.ts`, one
 * SQL query (`targetPairs`) shared with the figure panel.
 */
import { run } from '$lib/db/duckdb.ts';
import { TARGET_SORTABLE, targetCounts, targetPairs, type TargetFilter, type TargetSort } from '$lib/db/queries.ts';
import type { Lang, Word } from '$lib/i18n.ts';
import { ID, MAX_PAGE, oneOf, readWhole, TARGET_STATUSES } from '$lib/params.ts';
import { formatAttainment, statusWord, type TargetPairRow } from '$lib/targets.ts';
import { targetsCsv } from '$lib/csv.ts';
import { dataVersion } from '$lib/data.ts';
import { nameIn, type Catalogs } from '$lib/catalog.ts';

export { formatAttainment, statusWord, type TargetPairRow };

/** Rows per page of the view. */
export const PAGE_SIZE = 100;

/** Everything the view shows, kept in the URL. */
export interface TargetsState {
  filter: TargetFilter;
  sort: TargetSort;
  descending: boolean;
  page: number;
}

const DEFAULT_SORT: TargetSort = 'year';
const DESCENDING_FIRST = new Set<TargetSort>(['year', 'target', 'actual', 'attainment']);

/** Reads the view's state from URL search parameters, dropping anything malformed. */
export function parseTargetsState(params: URLSearchParams): TargetsState {
  const filter: TargetFilter = {};
  const region = params.get('region') ?? '';
  const indicator = params.get('indicator') ?? '';
  const status = oneOf(params.get('status'), TARGET_STATUSES);
  if (ID.test(region)) filter.region = region;
  if (ID.test(indicator)) filter.indicator = indicator;
  if (status) filter.status = status;
  const sort = oneOf(params.get('sort'), TARGET_SORTABLE) ?? DEFAULT_SORT;
  const dir = params.get('dir');
  return {
    filter,
    sort,
    descending: dir === 'asc' || dir === 'desc' ? dir === 'desc' : DESCENDING_FIRST.has(sort),
    page: readWhole(params.get('page') ?? '', { min: 1, max: MAX_PAGE }) ?? 1,
  };
}

/** Writes the view's state as URL search parameters, leaving defaults out. */
export function targetsStateToParams(s: TargetsState, lang: Lang | null): URLSearchParams {
  const p = new URLSearchParams();
  if (s.filter.region) p.set('region', s.filter.region);
  if (s.filter.indicator) p.set('indicator', s.filter.indicator);
  if (s.filter.status) p.set('status', s.filter.status);
  if (s.sort !== DEFAULT_SORT) p.set('sort', s.sort);
  if (s.descending !== DESCENDING_FIRST.has(s.sort)) p.set('dir', s.descending ? 'desc' : 'asc');
  if (s.page > 1) p.set('page', String(s.page));
  if (lang) p.set('lang', lang);
  return p;
}

/** The state after a click on a column header: the same column flips, another starts in its natural direction. */
export function sortTargetsBy(s: TargetsState, column: TargetSort): TargetsState {
  return { ...s, sort: column, descending: s.sort === column ? !s.descending : DESCENDING_FIRST.has(column), page: 1 };
}

/** How many targets the filter keeps, by outcome. */
export interface TargetCounts {
  n: number;
  met: number;
  unmet: number;
  unknown: number;
}

/** One page of targets and the counts; a page past the end shows the last one. */
export async function loadTargets(dataUrl: string, s: TargetsState): Promise<{ rows: TargetPairRow[]; counts: TargetCounts; page: number; pages: number }> {
  const [counts] = await run<TargetCounts>(dataUrl, targetCounts(s.filter));
  const pages = Math.max(1, Math.ceil(counts.n / PAGE_SIZE));
  const page = Math.min(s.page, pages);
  const rows = counts.n ? await run<TargetPairRow>(dataUrl, targetPairs(s.filter, s.sort, s.descending, PAGE_SIZE, (page - 1) * PAGE_SIZE)) : [];
  return { rows, counts, page, pages };
}

/** Every target the filter keeps (not one page), in the view's order, as a CSV with both sources, the outcome and the data's version. */
export async function exportTargetsCsv(dataUrl: string, s: TargetsState, catalogs: Catalogs, lang: Lang): Promise<string> {
  const [[counts], version] = await Promise.all([run<TargetCounts>(dataUrl, targetCounts(s.filter)), dataVersion(dataUrl)]);
  const rows = counts.n ? await run<TargetPairRow>(dataUrl, targetPairs(s.filter, s.sort, s.descending, counts.n, 0)) : [];
  const regions = new Map(catalogs.regions.map((r) => [r.region, r]));
  const indicators = new Map(catalogs.indicators.map((i) => [i.indicator, i]));
  return targetsCsv(rows, {
    region: (id) => nameIn(lang, regions.get(id), id),
    indicator: (id) => nameIn(lang, indicators.get(id), id),
  }, version);
}

/** A file name that says what was filtered: `kelan-targets-wuhan-met.csv`. */
export function targetsFileName(filter: TargetFilter): string {
  return ['kelan-targets', filter.region, filter.indicator, filter.status].filter(Boolean).join('-') + '.csv';
}

/** The view's columns: the word heading each, and the sort it offers, if any. */
export const TARGET_COLUMNS: Array<{ word: Word; sort?: TargetSort; numeric?: boolean }> = [
  { word: 'region', sort: 'region' },
  { word: 'indicator', sort: 'indicator' },
  { word: 'year', sort: 'year', numeric: true },
  { word: 'target', sort: 'target', numeric: true },
  { word: 'actual', sort: 'actual', numeric: true },
  { word: 'attainment', sort: 'attainment', numeric: true },
];
