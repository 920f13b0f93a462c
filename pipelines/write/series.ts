/**
 * The figures laid out for the browser: what a chart draws, small and split by
 * indicator, so that a chart switch fetches kilobytes and the figures and
 * documents are read only for a drill-down, an export or the document view.
 *
 * - `series/<indicator>.parquet`: the points of the indicator's charts, one row
 *   per measure, unit, region, year, stance, period and value, standing for every
 *   dated figure that reports that value (`SeriesRow` in src/lib/types.ts).
 * - `series/index.parquet`: how many figures (and dated ones) each indicator has
 *   per measure, unit and region, which the pickers count from (`SeriesIndexRow`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SERIES_DIR, SERIES_INDEX, seriesFile } from '../../src/lib/db/layout.ts';
import { ID } from '../../src/lib/params.ts';

// Figures of one point agree on everything a chart places it by. Values that differ stay
// apart: the extractor often reads two quantities of one region and year (国家级 and 省级
// zones, a half-year's turnover and its growth), and a chart shows both, as the figures do.
const POINT = ['indicator', 'measure', 'unit', 'region', 'year', 'stance', 'period', 'value'];
// A fact as the drill-down lists its sources (`sameFact` in src/lib/db/queries.ts).
const FACT = ['indicator', 'measure', 'unit', 'region', 'year', 'stance'];
// The figure a point shows, and so opens: the most confident, as the chart's line picks.
const SHOWN = ['figure_id', 'qualifier', 'quote', 'label', 'confidence', 'year_inferred'];
const COLUMNS = [...POINT, ...SHOWN, 'n_figures', 'n_documents', 'conflict'];
// The order a chart draws in.
const ORDER = 'measure, unit, region, year, stance, confidence DESC, figure_id';
const STAGED = 'kelan_series_points';
// The columns that are not text, typed as figures.parquet types them, whatever the relation given.
const TYPES: Record<string, string> = { year: 'INTEGER', value: 'DOUBLE', confidence: 'DOUBLE', year_inferred: 'BOOLEAN' };

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function pointsSql(figures: string): string {
  return `WITH points AS (
  SELECT ${POINT.join(', ')},
    first(struct_pack(${SHOWN.join(', ')}) ORDER BY confidence DESC, figure_id) AS shown,
    CAST(count(*) AS INTEGER) AS n_figures,
    CAST(count(DISTINCT doc_id) AS INTEGER) AS n_documents
  FROM ${figures}
  WHERE year IS NOT NULL
  GROUP BY ${POINT.join(', ')})
SELECT ${POINT.map((c) => (TYPES[c] ? `CAST(${c} AS ${TYPES[c]}) AS ${c}` : c)).join(', ')},
  ${SHOWN.map((c) => `CAST(shown.${c} AS ${TYPES[c] ?? 'VARCHAR'}) AS ${c}`).join(', ')}, n_figures, n_documents,
  min(value) OVER fact <> max(value) OVER fact AS conflict
FROM points
WINDOW fact AS (PARTITION BY ${FACT.join(', ')})`;
}

/**
 * Writes the series of the figures in `figures` (a table or view name, or a
 * parenthesised query, of figures.parquet's columns) into `<dir>/series/`, as
 * zstd Parquet ordered as charts draw them. Returns the files written, relative
 * to `dir` (`series/index.parquet` first). Deterministic: the same figures give
 * the same bytes.
 */
export async function writeSeries(conn: DuckDBConnection, figures: string, dir: string): Promise<string[]> {
  mkdirSync(join(dir, SERIES_DIR), { recursive: true });
  const copy = (select: string, file: string) =>
    conn.run(`COPY (${select}) TO ${quote(join(dir, file))} (FORMAT parquet, COMPRESSION zstd)`);
  const written = [SERIES_INDEX];
  await copy(`SELECT indicator, measure, unit, region, CAST(count(*) AS INTEGER) AS n_figures, CAST(count(year) AS INTEGER) AS n_dated
FROM ${figures} GROUP BY ALL ORDER BY ALL`, SERIES_INDEX);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${STAGED} AS ${pointsSql(figures)}`);
  try {
    const found = await conn.runAndReadAll(`SELECT DISTINCT indicator FROM ${STAGED} ORDER BY indicator`);
    for (const [indicator] of found.getRows() as Array<[string | null]>) {
      // The id names a file (and a URL): only catalog-shaped ids, and none that is the index's name.
      if (indicator === null || !ID.test(indicator) || seriesFile(indicator) === SERIES_INDEX) {
        throw new Error(`series: cannot name a file after the indicator ${JSON.stringify(indicator)}`);
      }
      const file = seriesFile(indicator);
      await copy(`SELECT ${COLUMNS.join(', ')} FROM ${STAGED} WHERE indicator = ${quote(indicator)} ORDER BY ${ORDER}`, file);
      written.push(file);
    }
    return written;
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${STAGED}`);
  }
}

/** {@link writeSeries} of a figures.parquet file, in a DuckDB of its own: for data written without its series. */
export async function writeSeriesOfFile(figuresParquet: string, dir: string): Promise<string[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return await writeSeries(conn, `read_parquet(${quote(figuresParquet)})`, dir);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
