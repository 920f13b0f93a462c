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
