import { run } from '$lib/db/duckdb.ts';
import { SORTABLE, tableCount, tableExport, tablePage, yearList, type SortColumn, type TableFilter } from '$lib/db/queries.ts';
import { figuresCsv, type CsvValue } from '$lib/csv.ts';
import { catalogsOf, dataVersion } from '$lib/data.ts';
import { t, type Lang, type Word } from '$lib/i18n.ts';
import type { FigureRow } from '$lib/types.ts';
import { ID, isIndicatorId, MAX_SEARCH, oneOf, readYear, STANCES } from '$lib/params.ts';
import { nameIn, type IndicatorOption, type RegionOption } from '$lib/catalog.ts';

/** Rows per page of the table. */
export const PAGE_SIZE = 50;

/** Everything the table shows, all of it kept in the URL so a link reproduces it. */
export interface TableState {
  filter: TableFilter;
  sort: SortColumn;
  descending: boolean;
  /** 1-based. */
  page: number;
}

const DEFAULT_SORT: SortColumn = 'year';
// Numbers and dates read best largest or newest first; names alphabetically.
const DESCENDING_FIRST = new Set<SortColumn>(['year', 'value', 'published', 'confidence']);

/** Reads the table's state from URL search parameters, dropping anything malformed. */
export function parseTableState(params: URLSearchParams): TableState {
  const filter: TableFilter = {};
  const region = params.get('region') ?? '';
  const indicator = params.get('indicator') ?? '';
  const year = readYear(params.get('year') ?? '');
  const stance = oneOf(params.get('stance'), STANCES);
  const q = (params.get('q') ?? '').trim().slice(0, MAX_SEARCH);
  if (ID.test(region)) filter.region = region;
  if (isIndicatorId(indicator)) filter.indicator = indicator;
  if (year !== null) filter.year = year;
  if (stance) filter.stance = stance;
  if (q) filter.q = q;
  const column = params.get('sort') ?? '';
  const sort = (SORTABLE as readonly string[]).includes(column) ? (column as SortColumn) : DEFAULT_SORT;
  const dir = params.get('dir');
  const page = Number(params.get('page') ?? 1);
  return {
    filter,
    sort,
    descending: dir === 'asc' || dir === 'desc' ? dir === 'desc' : DESCENDING_FIRST.has(sort),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Writes the table's state as URL search parameters, leaving defaults out. */
export function tableStateToParams(s: TableState, lang: Lang | null): URLSearchParams {
  const p = new URLSearchParams();
  const f = s.filter;
  if (f.region) p.set('region', f.region);
  if (f.indicator) p.set('indicator', f.indicator);
  if (f.year !== undefined) p.set('year', String(f.year));
  if (f.stance) p.set('stance', f.stance);
  if (f.q) p.set('q', f.q);
  if (s.sort !== DEFAULT_SORT) p.set('sort', s.sort);
  if (s.descending !== DESCENDING_FIRST.has(s.sort)) p.set('dir', s.descending ? 'desc' : 'asc');
  if (s.page > 1) p.set('page', String(s.page));
  if (lang) p.set('lang', lang);
  return p;
}

/** The state after a click on a column header: the same column flips, another starts in its natural direction. */
export function sortBy(s: TableState, column: SortColumn): TableState {
  const descending = s.sort === column ? !s.descending : DESCENDING_FIRST.has(column);
  return { ...s, sort: column, descending, page: 1 };
}

/** The state with one filter changed; any filter change goes back to the first page. */
export function withFilter(s: TableState, change: Partial<TableFilter>): TableState {
  const filter: TableFilter = { ...s.filter, ...change };
  for (const k of Object.keys(filter) as Array<keyof TableFilter>) if (filter[k] === undefined || filter[k] === '') delete filter[k];
  return { ...s, filter, page: 1 };
}

/** A row of the table. */
export type TableRow = Pick<FigureRow, 'figure_id' | 'doc_id' | 'region' | 'indicator' | 'label' | 'year' | 'period' | 'stance'
  | 'measure' | 'value' | 'unit' | 'qualifier' | 'quote' | 'confidence'> & { title: string; published: string | null; reviewed: boolean };

/** What the filters offer: regions and indicators that have figures, and the years. */
export interface TableOptions {
  regions: RegionOption[];
  indicators: IndicatorOption[];
  years: number[];
}

/** The filters' choices, with counts. */
export async function loadOptions(dataUrl: string): Promise<TableOptions> {
  const [catalog, years] = await Promise.all([catalogsOf(dataUrl), run<{ year: number }>(dataUrl, yearList())]);
  return { regions: catalog.regions, indicators: catalog.indicators.filter((i) => i.n > 0), years: years.map((y) => y.year) };
}

/** One page of rows and how many the filter keeps; a page past the end shows the last one. */
export async function loadPage(dataUrl: string, s: TableState): Promise<{ rows: TableRow[]; total: number; page: number; pages: number }> {
  const [{ n: total }] = await run<{ n: number }>(dataUrl, tableCount(s.filter));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(s.page, pages);
  const rows = total ? await run<TableRow>(dataUrl, tablePage(s.filter, s.sort, s.descending, PAGE_SIZE, (page - 1) * PAGE_SIZE)) : [];
  return { rows, total, page, pages };
}

/** Every row the filter keeps, with its sources, as a CSV document; region and indicator names in the interface language. */
export async function exportCsv(dataUrl: string, filter: TableFilter, options: TableOptions, lang: Lang): Promise<string> {
  const [rows, version] = await Promise.all([run<Record<string, CsvValue>>(dataUrl, tableExport(filter)), dataVersion(dataUrl)]);
  const names = lookups(options);
  return figuresCsv(rows, {
    region: (id) => nameIn(lang, names.regions.get(id), id),
    indicator: (id) => nameIn(lang, names.indicators.get(id), id),
  }, version);
}

/** A file name that says what was filtered: `kelan-figures-wuhan-high_tech_enterprises.csv`. */
export function csvFileName(filter: TableFilter): string {
  const parts = [filter.region, filter.indicator, filter.year, filter.stance].filter((x) => x !== undefined);
  return ['kelan-figures', ...parts].join('-') + '.csv';
}

/** The table's columns: the interface word that heads each, and the sort it offers, if any. */
export const COLUMNS: Array<{ word: Word; sort?: SortColumn; numeric?: boolean }> = [
  { word: 'year', sort: 'year', numeric: true },
  { word: 'region', sort: 'region' },
  { word: 'indicator', sort: 'indicator' },
  { word: 'measure' },
  { word: 'stance', sort: 'stance' },
  { word: 'value', sort: 'value', numeric: true },
  { word: 'asWritten' },
  { word: 'document' },
  { word: 'published', sort: 'published', numeric: true },
  { word: 'confidence', sort: 'confidence', numeric: true },
];

/** "Page 2 of 5" in the interface language. */
export function pageLabel(lang: Lang, page: number, pages: number): string {
  return t(lang, 'pageOf').replace('{n}', String(page)).replace('{m}', String(pages));
}

/** Region and indicator rows by id, for naming a row's codes. */
export function lookups(options: TableOptions) {
  return {
    regions: new Map(options.regions.map((r) => [r.region, r])),
    indicators: new Map(options.indicators.map((i) => [i.indicator, i])),
  };
}
