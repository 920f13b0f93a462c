/**
 * Every SQL query the dashboard runs, one function each (a chart's points and
 * the catalogs come from the series files instead: `series.ts`). A query is SQL with `?`
 * placeholders and its parameters: no value a user chose is ever spliced into
 * the SQL text. The same queries run in the browser (DuckDB-WASM) and in the
 * tests (DuckDB in Node), so they keep to SQL both versions speak.
 */

import { LOWER_IS_BETTER, UNPAIRED, WHOLE_YEAR } from '../targets.ts';
import { indicatorRef, OTHER } from '../params.ts';

/** SQL and the values bound to its `?` placeholders. */
export interface Query {
  name: string;
  sql: string;
  params: Array<string | number | boolean>;
}

/** Runs a query and returns plain rows: DuckDB-WASM in the browser (`db/duckdb.ts`), DuckDB in Node (`scripts/node-query.ts`). */
export type Exec = <T>(query: Query) => Promise<T[]>;

/** The views a query may read; the client creates them over the Parquet files. */
export const TABLES = ['figures', 'documents', 'indicators', 'regions'] as const;

const DOC_COLUMNS = `d.title, d.issuer, CAST(d.published AS VARCHAR) AS published, d.doc_number, d.region AS doc_region`;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** What narrows a chart beyond its indicator, measure and regions: a span of years, some stances. */
export interface SeriesFilter {
  from?: number;
  to?: number;
  stances?: string[];
}

/** The condition on an indicator id: its catalog indicator, and its label when it names one of `other` (`other:院士团队`). */
function indicatorWhere(id: string): { sql: string; params: string[] } {
  const { indicator, label } = indicatorRef(id);
  return label === null ? { sql: 'f.indicator = ?', params: [indicator] } : { sql: 'f.indicator = ? AND f.label = ?', params: [indicator, label] };
}

function seriesWhere(indicator: string, measure: string, unit: string, regions: string[], filter: SeriesFilter) {
  const ind = indicatorWhere(indicator);
  const parts = [ind.sql, 'f.measure = ?', 'f.unit = ?', 'f.year IS NOT NULL', `f.region IN (${placeholders(regions.length)})`];
  const params: Query['params'] = [...ind.params, measure, unit, ...regions];
  if (filter.from !== undefined) parts.push('f.year >= ?'), params.push(filter.from);
  if (filter.to !== undefined) parts.push('f.year <= ?'), params.push(filter.to);
  if (filter.stances?.length) parts.push(`f.stance IN (${placeholders(filter.stances.length)})`), params.push(...filter.stances);
  return { sql: parts.join(' AND '), params };
}

const NOTHING: Query = { name: 'seriesSources', sql: 'SELECT NULL AS figure_id WHERE false', params: [] };

/**
 * The figures a chart's points stand for (one indicator, or one label of `other`, one measure and unit, some regions,
 * dated), with their sentences and documents: for a chart's CSV and its source notes. The points themselves come
 * from the series files.
 */
export function seriesSources(indicator: string, measure: string, unit: string, regions: string[], filter: SeriesFilter = {}): Query {
  if (regions.length === 0) return NOTHING;
  const w = seriesWhere(indicator, measure, unit, regions, filter);
  return {
    name: 'seriesSources',
    sql: `SELECT f.figure_id, f.region, f.indicator, f.label, f.year, f.period, f.stance, f.measure, f.value, f.unit, f.qualifier,
  f.quote, f.sentence, f.confidence, f.year_inferred, coalesce(f.reviewed, false) AS reviewed, ${DOC_COLUMNS}, f.doc_id
FROM figures f JOIN documents d ON d.doc_id = f.doc_id
WHERE ${w.sql}
ORDER BY f.region, f.year, f.stance, f.confidence DESC, f.figure_id`,
    params: w.params,
  };
}

/**
 * One figure with its source sentence and its document's metadata; of `indicator` only, when one is named (the read
 * skips the others; a label of `other` names `other`).
 */
export function figureDetail(figureId: string, indicator?: string, where?: FigurePlace): Query {
  const named = indicator === undefined ? undefined : indicatorRef(indicator).indicator;
  // figures.parquet is sorted by indicator, region and year: each one named lets the reader skip the row groups
  // (and their sentences) that cannot hold the figure, which a figure id alone, a hash, never does.
  const place = where ? ' AND f.region = ? AND f.year = ?' : '';
  return {
    name: 'figureDetail',
    sql: `SELECT f.*, ${DOC_COLUMNS}
FROM figures f JOIN documents d ON d.doc_id = f.doc_id
WHERE f.figure_id = ?${named === undefined ? '' : ' AND f.indicator = ?'}${place}`,
    params: [figureId, ...(named === undefined ? [] : [named]), ...(where ? [where.region, where.year] : [])],
  };
}

/** Where a figure is, as the chart point that opens it knows: its region and year. */
export interface FigurePlace {
  region: string;
  year: number;
}

/**
 * Every figure that reports the same fact: region, indicator, year, measure, unit and stance, and for `other`
 * the label too (its figures count different things).
 */
export function sameFact(f: { region: string; indicator: string; label?: string | null; year: number; measure: string; unit: string; stance: string }): Query {
  const byLabel = f.indicator === OTHER;
  return {
    name: 'sameFact',
    sql: `SELECT f.figure_id, f.doc_id, f.value, f.qualifier, f.quote, f.sentence, f.confidence, ${DOC_COLUMNS}
FROM figures f JOIN documents d ON d.doc_id = f.doc_id
WHERE f.region = ? AND f.indicator = ? AND f.year = ? AND f.measure = ? AND f.unit = ? AND f.stance = ?${byLabel ? " AND coalesce(f.label, '') = ?" : ''}
ORDER BY d.published DESC NULLS LAST, f.doc_id, f.raw_start`,
    params: [f.region, f.indicator, f.year, f.measure, f.unit, f.stance, ...(byLabel ? [f.label ?? ''] : [])],
  };
}

/** A document whole: metadata, raw and normalised text. */
export function documentById(docId: string): Query {
  return {
    name: 'documentById',
    sql: `SELECT d.doc_id, d.file, d.title, d.issuer, CAST(d.published AS VARCHAR) AS published, d.current_year, d.date_source, d.source_url, d.genre, d.region, d.doc_number,
  d.script, d.encoding, d.raw_text, d.text, d.warnings
FROM documents d WHERE d.doc_id = ?`,
    params: [docId],
  };
}

/** The figures of a document, in reading order, with their spans in both texts. */
export function documentFigures(docId: string): Query {
  return {
    name: 'documentFigures',
    sql: `SELECT figure_id, indicator, label, region, year, stance, measure, value, unit, qualifier, quote,
  raw_start, raw_end, text_start, text_end, sentence_raw_start, sentence_raw_end
FROM figures WHERE doc_id = ? ORDER BY raw_start, raw_end`,
    params: [docId],
  };
}

/** What the figures table is filtered by; empty means no filter. */
export interface TableFilter {
  region?: string;
  /** A catalog indicator, or a label of `other` (`other:院士团队`). */
  indicator?: string;
  year?: number;
  stance?: string;
  /** Free text, matched in the sentence, quote, label and document title. */
  q?: string;
}

/** Columns the table may be sorted by (anything else is refused, never spliced). */
export const SORTABLE = ['year', 'region', 'indicator', 'value', 'stance', 'published', 'confidence'] as const;
export type SortColumn = (typeof SORTABLE)[number];

function where(filter: TableFilter): { sql: string; params: Array<string | number> } {
  const parts: string[] = [];
  const params: Array<string | number> = [];
  if (filter.region) { parts.push('f.region = ?'); params.push(filter.region); }
  if (filter.indicator) {
    const ind = indicatorWhere(filter.indicator);
    parts.push(ind.sql);
    params.push(...ind.params);
  }
  if (filter.year !== undefined) { parts.push('f.year = ?'); params.push(filter.year); }
  if (filter.stance) { parts.push('f.stance = ?'); params.push(filter.stance); }
  if (filter.q) {
    parts.push(`(strpos(f.sentence, ?) > 0 OR strpos(f.quote, ?) > 0 OR strpos(f.label, ?) > 0 OR strpos(d.title, ?) > 0)`);
    params.push(filter.q, filter.q, filter.q, filter.q);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** A page of the figures table. */
export function tablePage(filter: TableFilter, sort: SortColumn, descending: boolean, limit: number, offset: number): Query {
  if (!SORTABLE.includes(sort)) throw new Error(`cannot sort by ${sort}`);
  const w = where(filter);
  const column = sort === 'published' ? 'd.published' : `f.${sort}`;
  return {
    name: 'tablePage',
    sql: `SELECT f.figure_id, f.doc_id, f.region, f.indicator, f.label, f.year, f.period, f.stance, f.measure, f.value, f.unit,
  f.qualifier, f.quote, f.confidence, coalesce(f.reviewed, false) AS reviewed, d.title, CAST(d.published AS VARCHAR) AS published
FROM figures f JOIN documents d ON d.doc_id = f.doc_id
${w.sql}
ORDER BY ${column} ${descending ? 'DESC' : 'ASC'} NULLS LAST, f.figure_id
LIMIT ? OFFSET ?`,
    params: [...w.params, Math.max(1, Math.floor(limit)), Math.max(0, Math.floor(offset))],
  };
}

/** How many figures the table's filter keeps. */
export function tableCount(filter: TableFilter): Query {
  const w = where(filter);
  return {
    name: 'tableCount',
    sql: `SELECT CAST(count(*) AS INTEGER) AS n FROM figures f JOIN documents d ON d.doc_id = f.doc_id ${w.sql}`,
    params: w.params,
  };
}

/** Every row the filter keeps, with its sources, for the CSV download. */
export function tableExport(filter: TableFilter): Query {
  const w = where(filter);
  return {
    name: 'tableExport',
    sql: `SELECT f.figure_id, f.region, f.indicator, f.label, f.year, f.period, f.stance, f.measure, f.value, f.unit, f.qualifier,
  f.quote, f.sentence, f.confidence, f.year_inferred, coalesce(f.reviewed, false) AS reviewed, d.title, d.issuer, CAST(d.published AS VARCHAR) AS published, d.doc_number, f.doc_id
FROM figures f JOIN documents d ON d.doc_id = f.doc_id
${w.sql}
ORDER BY f.region, f.indicator, f.year, f.figure_id`,
    params: w.params,
  };
}

/** The years that have figures, for the table's year filter. */
export function yearList(): Query {
  return { name: 'yearList', sql: 'SELECT DISTINCT year FROM figures WHERE year IS NOT NULL ORDER BY year', params: [] };
}

/** What the documents library is filtered by; empty means every document. */
export interface DocumentFilter {
  /** Free text, matched in the title, issuer and genre (case-insensitive). */
  q?: string;
  region?: string;
  genre?: string;
}

/** Orders the documents library offers (anything else is refused, never spliced). */
export const DOCUMENT_SORTS = ['date', 'title', 'region', 'figures'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/**
 * Every document the filter keeps, with its metadata and how many figures were
 * extracted from it; no text. A document without a full date is placed by its
 * current year, before the dated ones of that year.
 */
export function documentList(filter: DocumentFilter, sort: DocumentSort, descending: boolean): Query {
  if (!DOCUMENT_SORTS.includes(sort)) throw new Error(`cannot sort documents by ${sort}`);
  const parts: string[] = [];
  const params: string[] = [];
  if (filter.q) {
    parts.push(`(strpos(lower(coalesce(d.title, '')), lower(?)) > 0 OR strpos(lower(coalesce(d.issuer, '')), lower(?)) > 0
  OR strpos(lower(coalesce(d.genre, '')), lower(?)) > 0)`);
    params.push(filter.q, filter.q, filter.q);
  }
  if (filter.region) { parts.push('d.region = ?'); params.push(filter.region); }
  if (filter.genre) { parts.push('d.genre = ?'); params.push(filter.genre); }
  const dir = descending ? 'DESC' : 'ASC';
  const order: Record<DocumentSort, string> = {
    date: `coalesce(year(d.published), d.current_year) ${dir} NULLS LAST, d.published ${dir} NULLS FIRST`,
    title: `d.title ${dir}`,
    region: `d.region ${dir}, d.published DESC NULLS LAST`,
    figures: `figures ${dir}`,
  };
  return {
    name: 'documentList',
    sql: `SELECT d.doc_id, d.file, d.title, d.issuer, CAST(d.published AS VARCHAR) AS published, d.current_year, d.date_source,
  d.region, d.genre, d.source_url, d.doc_number, d.script, d.encoding, d.warnings, CAST(coalesce(n.n, 0) AS INTEGER) AS figures
FROM documents d LEFT JOIN (SELECT doc_id, count(*) AS n FROM figures GROUP BY doc_id) n ON n.doc_id = d.doc_id
${parts.length ? `WHERE ${parts.join(' AND ')}` : ''}
ORDER BY ${order[sort]}, d.doc_id`,
    params,
  };
}

/** The documents' main regions with their names and how many documents each, most first: the library's region filter. */
export function documentRegions(): Query {
  return {
    name: 'documentRegions',
    sql: `SELECT d.region, r.name_zh, r.name_en, CAST(count(*) AS INTEGER) AS n
FROM documents d LEFT JOIN regions r ON r.region = d.region
WHERE d.region IS NOT NULL AND d.region <> ''
GROUP BY d.region, r.name_zh, r.name_en
ORDER BY n DESC, d.region`,
    params: [],
  };
}

/** The documents' genres and how many documents each, most first: the library's genre filter. */
export function documentGenres(): Query {
  return {
    name: 'documentGenres',
    sql: `SELECT genre, CAST(count(*) AS INTEGER) AS n FROM documents
WHERE genre IS NOT NULL AND genre <> ''
GROUP BY genre ORDER BY n DESC, genre`,
    params: [],
  };
}

/** What the targets view is filtered by; empty means every target. */
export interface TargetFilter {
  region?: string;
  indicator?: string;
  /** `met`, `unmet` (an actual falls short) or `unknown` (no actual reported yet). */
  status?: string;
}

/** Columns the targets view may be sorted by (anything else is refused, never spliced). */
export const TARGET_SORTABLE = ['year', 'region', 'indicator', 'target', 'actual', 'attainment'] as const;
export type TargetSort = (typeof TARGET_SORTABLE)[number];

/** One fact's target and actual, as `targetKey` names them: region, indicator, measure, unit and year. */
export interface FactKey {
  region: string;
  indicator: string;
  measure: string;
  unit: string;
  year: number;
}

/**
 * Every target joined to the actual reported for its region, indicator, measure, unit and year, with the
 * attainment and whether it was met, by the rules in `../targets.ts`: whole-year figures only, not `other`,
 * each side the most confident figure (ties by figure id), with how many figures and values stand behind it.
 * Narrowed to one fact by `key` (the figure panel), else by `filter`.
 */
function targetPairsSql(filter: TargetFilter, key?: FactKey): { sql: string; params: Query['params'] } {
  const params: Query['params'] = ['target', 'actual', ...WHOLE_YEAR, ...UNPAIRED];
  const narrow: string[] = [];
  if (key) {
    narrow.push('region = ?', 'indicator = ?', 'measure = ?', 'unit = ?', 'year = ?');
    params.push(key.region, key.indicator, key.measure, key.unit, key.year);
  } else {
    if (filter.region) narrow.push('region = ?'), params.push(filter.region);
    if (filter.indicator) narrow.push('indicator = ?'), params.push(filter.indicator);
  }
  const keyCols = ['region', 'indicator', 'measure', 'unit', 'year'];
  const same = (a: string, b: string) => keyCols.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');
  const lower = `t.measure IN (${placeholders(LOWER_IS_BETTER.length)})`;
  params.push(...LOWER_IS_BETTER, ...LOWER_IS_BETTER, ...LOWER_IS_BETTER);
  const side = (p: string, s: string, name: string) => `${p}.figure_id AS ${name}_id, ${p}.doc_id AS ${name}_doc, ${p}.value AS ${name}_value,
  ${p}.qualifier AS ${name}_qualifier, ${p}.quote AS ${name}_quote, ${p}.sentence AS ${name}_sentence, ${p}.confidence AS ${name}_confidence,
  ${p}.period AS ${name}_period, CAST(${s}.n AS INTEGER) AS ${name}_figures, CAST(${s}.n_values AS INTEGER) AS ${name}_values,
  ${s}.lo AS ${name}_min, ${s}.hi AS ${name}_max`;
  const sql = `WITH cand AS (
  SELECT figure_id, doc_id, region, indicator, measure, unit, year, stance, period, value, qualifier, quote, sentence, confidence
  FROM figures
  WHERE stance IN (?, ?) AND year IS NOT NULL AND period IN (${placeholders(WHOLE_YEAR.length)})
    AND indicator NOT IN (${placeholders(UNPAIRED.length)})${narrow.map((n) => ` AND ${n}`).join('')}
), picked AS (
  SELECT *, row_number() OVER (PARTITION BY ${keyCols.join(', ')}, stance ORDER BY confidence DESC, figure_id) AS pick FROM cand
), stats AS (
  SELECT ${keyCols.join(', ')}, stance, count(*) AS n, count(DISTINCT value) AS n_values, min(value) AS lo, max(value) AS hi
  FROM cand GROUP BY ${keyCols.join(', ')}, stance
), pairs AS (
  SELECT t.region, t.indicator, t.measure, t.unit, t.year, ${side('t', 'ts', 'target')}, ${side('a', 'sa', 'actual')},
    CASE WHEN a.figure_id IS NULL THEN NULL
      WHEN ${lower} THEN CASE WHEN a.value > 0 THEN t.value / a.value END
      ELSE CASE WHEN t.value > 0 THEN a.value / t.value END END AS attainment,
    CASE WHEN a.figure_id IS NULL THEN NULL
      WHEN ${lower} THEN a.value <= t.value
      WHEN t.qualifier = 'more_than' THEN a.value > t.value
      ELSE a.value >= t.value END AS met,
    ${lower} AS lower_is_better
  FROM picked t
  JOIN stats ts ON ${same('ts', 't')} AND ts.stance = 'target'
  LEFT JOIN picked a ON ${same('a', 't')} AND a.stance = 'actual' AND a.pick = 1
  LEFT JOIN stats sa ON ${same('sa', 't')} AND sa.stance = 'actual'
  WHERE t.stance = 'target' AND t.pick = 1
)
SELECT p.*, td.title AS target_title, td.issuer AS target_issuer, CAST(td.published AS VARCHAR) AS target_published,
  ad.title AS actual_title, ad.issuer AS actual_issuer, CAST(ad.published AS VARCHAR) AS actual_published
FROM pairs p JOIN documents td ON td.doc_id = p.target_doc LEFT JOIN documents ad ON ad.doc_id = p.actual_doc`;
  return { sql, params };
}

function statusWhere(status: string | undefined): string {
  if (status === 'met') return 'WHERE p.met';
  if (status === 'unmet') return 'WHERE NOT p.met';
  if (status === 'unknown') return 'WHERE p.actual_id IS NULL';
  return '';
}

/** A page of the targets view: each target with its actual (or none yet), its attainment and whether met. */
export function targetPairs(filter: TargetFilter, sort: TargetSort, descending: boolean, limit: number, offset: number): Query {
  if (!TARGET_SORTABLE.includes(sort)) throw new Error(`cannot sort targets by ${sort}`);
  const base = targetPairsSql(filter);
  const dir = descending ? 'DESC' : 'ASC';
  const column: Record<TargetSort, string> = {
    year: 'p.year', region: 'p.region', indicator: 'p.indicator', target: 'p.target_value', actual: 'p.actual_value', attainment: 'p.attainment',
  };
  return {
    name: 'targetPairs',
    sql: `${base.sql}
${statusWhere(filter.status)}
ORDER BY ${column[sort]} ${dir} NULLS LAST, p.region, p.indicator, p.measure, p.unit, p.year
LIMIT ? OFFSET ?`,
    params: [...base.params, Math.max(1, Math.floor(limit)), Math.max(0, Math.floor(offset))],
  };
}

/** How many targets the filter keeps, and how many of them were met, fell short, or have no actual yet. */
export function targetCounts(filter: TargetFilter): Query {
  const base = targetPairsSql(filter);
  return {
    name: 'targetCounts',
    sql: `SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE met) AS INTEGER) AS met,
  CAST(count(*) FILTER (WHERE NOT met) AS INTEGER) AS unmet, CAST(count(*) FILTER (WHERE actual_id IS NULL) AS INTEGER) AS unknown
FROM (${base.sql}
${statusWhere(filter.status)}) p`,
    params: base.params,
  };
}

/** The target and actual of one fact (a figure's region, indicator, measure, unit and year), if it has a target: the figure panel's. */
export function targetOfFact(key: FactKey): Query {
  const base = targetPairsSql({}, key);
  return { name: 'targetOfFact', sql: base.sql, params: base.params };
}
