/**
 * The data contract shared by the pipelines and the dashboard: the row types of
 * the Parquet tables described in ../shared/CONTRACT.md, with the same
 * snake_case names as the columns.
 */

export type Period = 'year' | 'as_of' | 'h1' | 'multi_year' | 'unknown';
export type Stance = 'actual' | 'target' | 'expected';
export type Measure = 'total' | 'new' | 'amount' | 'growth_rate' | 'share' | 'rank';
export type Unit = 'count' | 'CNY' | 'percent' | 'people' | 'items' | 'times';
export type Qualifier = 'exact' | 'approx' | 'at_least' | 'more_than' | 'at_most';
export type Script = 'simplified' | 'traditional' | 'mixed';
export type RegionLevel = 'country' | 'province' | 'municipality' | 'prefecture';

/** One extracted figure: a row of figures.parquet. */
export interface FigureRow {
  figure_id: string;
  doc_id: string;
  indicator: string;
  label: string;
  region: string;
  year: number | null;
  period: Period;
  stance: Stance;
  measure: Measure;
  value: number;
  unit: Unit;
  qualifier: Qualifier;
  quote: string;
  raw_start: number;
  raw_end: number;
  sentence: string;
  sentence_raw_start: number;
  sentence_raw_end: number;
  confidence: number;
  year_inferred: boolean;
  /** The quote's span in the document's normalised `text` (an addition to the contract). */
  text_start: number;
  text_end: number;
  /** Where `sentence` starts in the normalised `text`. */
  sentence_text_start: number;
}

/** One document read: a row of documents.parquet. */
export interface DocumentRow {
  doc_id: string;
  file: string;
  title: string;
  issuer: string;
  /** ISO date `YYYY-MM-DD`, or null when unknown. */
  published: string | null;
  region: string;
  doc_number: string | null;
  script: Script;
  raw_text: string;
  text: string;
  sha256: string;
  encoding: string;
  warnings: string[];
  /** The year "now" is for the document: its date's, else the one its wording implies. */
  current_year: number | null;
  /** Which rule found the date or the current year (a 发布日期 field, a dateline, the latest year reported…). */
  date_source: string;
  /** Where the document was published, from its folder's sources.tsv; null when not recorded. */
  source_url: string | null;
  /** What kind of document it is (reply to a proposal, work plan, news…), from sources.tsv. */
  genre: string | null;
}

/** A row of indicators.parquet. */
export interface IndicatorRow {
  indicator: string;
  name_zh: string;
  name_en: string;
  unit: string;
  description: string;
  /** Dashboard grouping: enterprises, labs_platforms, funding_finance, rd_output. */
  group: string;
}

/** A row of regions.parquet. */
export interface RegionRow {
  region: string;
  name_zh: string;
  name_en: string;
  level: RegionLevel;
  parent: string | null;
  adcode: string;
}

/**
 * A point a chart draws: a row of `series/<indicator>/<region>.parquet`. One row
 * per indicator, measure, unit, region, year, stance and period, standing for
 * every dated figure that reports it; the figure it shows (its id, value,
 * qualifier, quote …) is the most confident of them.
 */
export interface SeriesRow {
  indicator: string;
  measure: Measure;
  unit: Unit;
  region: string;
  year: number;
  stance: Stance;
  period: Period;
  figure_id: string;
  value: number;
  qualifier: Qualifier;
  quote: string;
  label: string;
  confidence: number;
  year_inferred: boolean;
  /** How many figures, documents and distinct values stand behind the point, and the values' range. */
  n_figures: number;
  n_documents: number;
  n_values: number;
  value_min: number;
  value_max: number;
  /** How many of them a reviewer confirmed, fixed or added (absent from data written before corrections). */
  n_reviewed?: number;
}

/** How many figures an indicator has per measure, unit and region: a row of `series/index.parquet`, which pickers count from. */
export interface SeriesIndexRow {
  indicator: string;
  measure: Measure;
  unit: Unit;
  region: string;
  /** For `other`, the label its figures count (each label its own row); null for a catalog indicator. */
  label: string | null;
  n_figures: number;
  /** Those with a year, which a chart can place. */
  n_dated: number;
}

/** A document refused by the read stage, listed in run.json. */
export interface Refusal {
  file: string;
  reason: string;
}

/** What run.json records about one pipeline run. */
export interface RunReport {
  started: string;
  input: string;
  output: string;
  documents_read: number;
  documents_refused: number;
  refused: Refusal[];
  figures_written: number;
  stage_ms: Record<string, number>;
  data_version: string;
  /** Problems with the corpus's own files (a sources.tsv line that does not fit), by file and line. */
  warnings?: string[];
}
