/**
 * An RFC 4180 CSV writer for the downloads: CRLF line ends, fields quoted only
 * when they must be, a UTF-8 byte order mark so that Excel reads Chinese as
 * UTF-8, and text that a spreadsheet would run as a formula made inert.
 */

/** A value a CSV field can hold; null and undefined are written as empty fields. */
export type CsvValue = string | number | boolean | null | undefined;

/** The byte order mark that tells Excel the file is UTF-8 (it guesses GBK otherwise). */
export const BOM = '\uFEFF';

// A plain number written as text ("-5", "1.5e3") is not a formula, and an
// apostrophe in front of it would turn a number into text.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// = + - @ start a formula in Excel, LibreOffice and Sheets; tab and CR do too,
// in the OWASP list, because some importers strip them and read what follows.
const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field as it appears in the file: neutralised, then quoted if it holds a comma, quote or line break. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header and its rows as a CSV document, with the BOM and a CRLF after every record. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((fields) => fields.map(csvField).join(',') + '\r\n');
  return BOM + lines.join('');
}

/** The columns of every CSV of figures (the table's, a chart's): the figure, then its sources, named as in the data contract. */
export const FIGURE_CSV_COLUMNS = [
  'figure_id', 'region', 'region_name', 'indicator', 'indicator_name', 'label', 'year', 'period', 'stance', 'measure', 'value', 'unit',
  'qualifier', 'quote', 'sentence', 'title', 'issuer', 'published', 'doc_number', 'doc_id', 'confidence', 'year_inferred', 'reviewed',
] as const;

/** How a CSV names regions and indicators beside their ids. */
export interface CsvNames {
  region(id: string): string;
  indicator(id: string): string;
}

/**
 * Rows as a CSV document of `columns`, `region_name` and `indicator_name` filled
 * from `names`; with `data`, two last columns say which data they came from and
 * when it was built.
 */
function namedCsv(columns: readonly string[], rows: ReadonlyArray<object>, names: CsvNames, data?: { version: string; built: string }): string {
  const all: readonly string[] = data ? [...columns, 'data_version', 'data_built'] : columns;
  return toCsv(all, rows.map((r) => {
    const row = r as Record<string, unknown>;
    const named: Record<string, unknown> = {
      ...row, region_name: names.region(String(row.region)), indicator_name: names.indicator(String(row.indicator)),
      data_version: data?.version, data_built: data?.built,
    };
    return all.map((c) => named[c] as CsvValue);
  }));
}

/** Figures with their sources as a CSV document (`namedCsv`). */
export function figuresCsv(rows: ReadonlyArray<object>, names: CsvNames, data?: { version: string; built: string }): string {
  return namedCsv(FIGURE_CSV_COLUMNS, rows, names, data);
}

/** The columns of the targets' CSV: the fact, the target and the actual each with its source, the attainment and the outcome. */
export const TARGET_CSV_COLUMNS = [
  'region', 'region_name', 'indicator', 'indicator_name', 'measure', 'unit', 'year',
  'target_id', 'target_value', 'target_qualifier', 'target_quote', 'target_sentence', 'target_figures', 'target_values',
  'target_title', 'target_issuer', 'target_published', 'target_doc',
  'actual_id', 'actual_value', 'actual_qualifier', 'actual_quote', 'actual_sentence', 'actual_figures', 'actual_values',
  'actual_title', 'actual_issuer', 'actual_published', 'actual_doc',
  'attainment', 'met', 'lower_is_better',
] as const;

/** Targets with their actuals (rows of `targetPairs`) as a CSV document (`namedCsv`); `met` is empty when no actual is reported. */
export function targetsCsv(rows: ReadonlyArray<object>, names: CsvNames, data?: { version: string; built: string }): string {
  return namedCsv(TARGET_CSV_COLUMNS, rows, names, data);
}
