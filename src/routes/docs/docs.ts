/**
 * The documents library's work: its state in the URL, the documents the filter
 * keeps in the order asked, the filters' choices, and the files the last run
 * refused (from run.json).
 */
import { run } from '$lib/db/duckdb.ts';
import { DOCUMENT_SORTS, documentGenres, documentList, documentRegions, type DocumentFilter, type DocumentSort } from '$lib/db/queries.ts';
import { runReport } from '$lib/data.ts';
import { t, type Lang, type Word } from '$lib/i18n.ts';
import type { DocumentRow, Refusal } from '$lib/types.ts';
import { ID, MAX_GENRE, MAX_SEARCH } from '$lib/params.ts';

/** Everything the library shows, all of it in the URL so a link reproduces it. */
export interface DocsState {
  filter: DocumentFilter;
  sort: DocumentSort;
  descending: boolean;
}

const DEFAULT_SORT: DocumentSort = 'date';
// Dates and counts read best newest or largest first; names alphabetically.
const DESCENDING_FIRST = new Set<DocumentSort>(['date', 'figures']);

/** Reads the library's state from URL search parameters, dropping anything malformed. */
export function parseDocsState(params: URLSearchParams): DocsState {
  const filter: DocumentFilter = {};
  const q = (params.get('q') ?? '').trim().slice(0, MAX_SEARCH);
  const region = params.get('region') ?? '';
  const genre = (params.get('genre') ?? '').slice(0, MAX_GENRE);
  if (q) filter.q = q;
  if (ID.test(region)) filter.region = region;
  if (genre) filter.genre = genre;
  const column = params.get('sort') ?? '';
  const sort = (DOCUMENT_SORTS as readonly string[]).includes(column) ? (column as DocumentSort) : DEFAULT_SORT;
  const dir = params.get('dir');
  return { filter, sort, descending: dir === 'asc' || dir === 'desc' ? dir === 'desc' : DESCENDING_FIRST.has(sort) };
}

/** Writes the library's state as URL search parameters, leaving defaults out. */
export function docsStateToParams(s: DocsState, lang: Lang | null): URLSearchParams {
  const p = new URLSearchParams();
  if (s.filter.q) p.set('q', s.filter.q);
  if (s.filter.region) p.set('region', s.filter.region);
  if (s.filter.genre) p.set('genre', s.filter.genre);
  if (s.sort !== DEFAULT_SORT) p.set('sort', s.sort);
  if (s.descending !== DESCENDING_FIRST.has(s.sort)) p.set('dir', s.descending ? 'desc' : 'asc');
  if (lang) p.set('lang', lang);
  return p;
}

/** The state after a click on a column header: the same column flips, another starts in its natural direction. */
export function sortDocsBy(s: DocsState, column: DocumentSort): DocsState {
  return { ...s, sort: column, descending: s.sort === column ? !s.descending : DESCENDING_FIRST.has(column) };
}

/** The state with one filter changed; an empty value removes it. */
export function withDocsFilter(s: DocsState, change: Partial<DocumentFilter>): DocsState {
  const filter: DocumentFilter = { ...s.filter, ...change };
  for (const k of Object.keys(filter) as Array<keyof DocumentFilter>) if (!filter[k]) delete filter[k];
  return { ...s, filter };
}

/** A row of the library: a document's metadata and its figure count. */
export type DocsRow = Pick<DocumentRow, 'doc_id' | 'file' | 'title' | 'issuer' | 'published' | 'current_year' | 'date_source' | 'region'
  | 'genre' | 'source_url' | 'doc_number' | 'script' | 'encoding' | 'warnings'> & { figures: number };

/** A region documents are about, named from the catalog when it has the region. */
export interface DocsRegion { region: string; name_zh: string | null; name_en: string | null; n: number }

/** What the filters offer, with counts. */
export interface DocsOptions {
  regions: DocsRegion[];
  genres: Array<{ genre: string; n: number }>;
}

/** The filters' choices. */
export async function loadDocsOptions(dataUrl: string): Promise<DocsOptions> {
  const [regions, genres] = await Promise.all([
    run<DocsRegion>(dataUrl, documentRegions()),
    run<{ genre: string; n: number }>(dataUrl, documentGenres()),
  ]);
  return { regions, genres };
}

/** The documents the state's filter keeps, in its order. */
export async function loadDocs(dataUrl: string, s: DocsState): Promise<DocsRow[]> {
  const rows = await run<DocsRow>(dataUrl, documentList(s.filter, s.sort, s.descending));
  return rows.map((r) => ({ ...r, warnings: r.warnings ?? [] }));
}

/** What the last run refused, or null when its run.json cannot be read; `warnings` are notes on the corpus's own files. */
export async function loadRefusals(dataUrl: string): Promise<{ refused: Refusal[]; warnings: string[] } | null> {
  const report = await runReport(dataUrl);
  if (!report) return null;
  const refused = Array.isArray(report.refused)
    ? report.refused.filter((r): r is Refusal => !!r && typeof r.file === 'string' && typeof r.reason === 'string')
    : [];
  const warnings = Array.isArray(report.warnings) ? report.warnings.filter((w): w is string => typeof w === 'string') : [];
  return { refused, warnings };
}

/** A document's date as the library shows it: its publication date, else its year and the rule that gave it. */
export function dateOf(d: Pick<DocsRow, 'published' | 'current_year' | 'date_source'>, lang: Lang): { date: string; note: string | null } {
  if (d.published) return { date: d.published, note: null };
  if (d.current_year !== null && d.current_year !== undefined) return { date: String(d.current_year), note: d.date_source || null };
  return { date: t(lang, 'unknown'), note: null };
}

/** The library's columns: the word that heads each, and the order it offers, if any. */
export const DOCS_COLUMNS: Array<{ word: Word; sort?: DocumentSort; numeric?: boolean }> = [
  { word: 'docTitle', sort: 'title' },
  { word: 'issuer' },
  { word: 'date', sort: 'date', numeric: true },
  { word: 'region', sort: 'region' },
  { word: 'genre' },
  { word: 'source' },
  { word: 'scriptEncoding' },
  { word: 'figureCount', sort: 'figures', numeric: true },
  { word: 'warnings' },
];

/** A region's name in the interface language, else its id (a region the catalog lacks). */
export function regionLabel(lang: Lang, regions: DocsRegion[], id: string): string {
  const r = regions.find((x) => x.region === id);
  const name = lang === 'zh' ? r?.name_zh : r?.name_en;
  return name || id || '—';
}

/** A source URL's host, to show in place of the whole address. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** "29 documents" in the interface language. */
export function docCount(lang: Lang, n: number): string {
  return t(lang, 'docCount').replace('{n}', n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'));
}
