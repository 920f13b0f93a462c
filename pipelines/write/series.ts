/**
 * The figures laid out for the browser: what a chart draws, small and split by
 * indicator and region, so that a chart switch fetches kilobytes and the figures
 * and documents are read only for a drill-down, an export or the document view.
 *
 * - `series/<indicator>/<region>.parquet`: the points of the indicator's charts in
 *   that region, one row per measure, unit, year, stance and period, standing for
 *   every dated figure that reports it (`SeriesRow` in src/lib/types.ts). A chart
 *   reads one file per region it shows. `other`'s figures count different things,
 *   each named by its label (院士团队, A类学科 …): its points are kept apart by label,
 *   so that one label's figures chart as an indicator of its own (`other:<label>`).
 * - `series/index.parquet`: how many figures (and dated ones) each indicator has
 *   per measure, unit and region, and `other` per label too, which the pickers
 *   count from and which says which files there are (`SeriesIndexRow`).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SERIES_DIR, SERIES_INDEX, seriesFile } from '../../src/lib/db/layout.ts';
import { ID, OTHER } from '../../src/lib/params.ts';

// A point is a fact as a chart places it: one region, year, stance and period of an
// indicator's measure. Documents often report it several times, alike or not (10400 and
// 10404家 for one year; two quantities the extractor read as one): the point shows the
// most confident figure's value, as the chart's line picks it, and keeps how many
// figures, documents and values stand behind it and the values' range, which the chart
// draws as a line through the point; the drill-down lists them all.
const POINT = ['indicator', 'measure', 'unit', 'region', 'year', 'stance', 'period'];
// For `other`, the label is part of the point (and of the index's counts): its labels count different things.
const LABEL_KEY = `CASE WHEN indicator = '${OTHER}' THEN coalesce(label, '') END`;
// The figure a point shows, and so opens.
const SHOWN = ['figure_id', 'value', 'qualifier', 'quote', 'label', 'confidence', 'year_inferred'];
// n_reviewed: how many of them a reviewer confirmed, fixed or added (corrections/), which charts and exports mark.
const COUNTS = ['n_figures', 'n_documents', 'n_values', 'value_min', 'value_max', 'n_reviewed'];
const COLUMNS = [...POINT, ...SHOWN, ...COUNTS];
// The order a chart draws in (`other`'s labels mixed, as pointsOf sorts what it keeps).
const ORDER = 'measure, unit, year, stance, confidence DESC, figure_id';
const STAGED = 'kelan_series_points';
// The columns that are not text, typed as figures.parquet types them, whatever the relation given.
const TYPES: Record<string, string> = { year: 'INTEGER', value: 'DOUBLE', confidence: 'DOUBLE', year_inferred: 'BOOLEAN' };

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function pointsSql(figures: string, reviewed: boolean): string {
  return `WITH points AS (
  SELECT ${POINT.join(', ')},
    first(struct_pack(${SHOWN.join(', ')}) ORDER BY confidence DESC, figure_id) AS shown,
    CAST(count(*) AS INTEGER) AS n_figures,
    CAST(count(DISTINCT doc_id) AS INTEGER) AS n_documents,
    CAST(count(DISTINCT value) AS INTEGER) AS n_values,
    CAST(min(value) AS DOUBLE) AS value_min,
    CAST(max(value) AS DOUBLE) AS value_max,
    CAST(${reviewed ? 'count(*) FILTER (WHERE reviewed)' : '0'} AS INTEGER) AS n_reviewed
  FROM ${figures}
  WHERE year IS NOT NULL
  GROUP BY ${POINT.join(', ')}, ${LABEL_KEY})
SELECT ${POINT.map((c) => (TYPES[c] ? `CAST(${c} AS ${TYPES[c]}) AS ${c}` : c)).join(', ')},
  ${SHOWN.map((c) => `CAST(shown.${c} AS ${TYPES[c] ?? 'VARCHAR'}) AS ${c}`).join(', ')}, ${COUNTS.join(', ')}
FROM points`;
}

/**
 * Writes the series of the figures in `figures` (a table or view name, a table
 * function such as `read_parquet('…')`, or a parenthesised query, of
 * figures.parquet's columns) into `<dir>/series/`, as zstd Parquet ordered as
 * charts draw them, replacing whatever `series/` held. Returns the files written,
 * relative to `dir` (`series/index.parquet` first). Deterministic: the same figures
 * give the same bytes.
 */
export async function writeSeries(conn: DuckDBConnection, figures: string, dir: string): Promise<string[]> {
  // A region or indicator that has no figures any more leaves no file behind.
  rmSync(join(dir, SERIES_DIR), { recursive: true, force: true });
  mkdirSync(join(dir, SERIES_DIR), { recursive: true });
  const copy = (select: string, file: string) =>
    conn.run(`COPY (${select}) TO ${quote(join(dir, file))} (FORMAT parquet, COMPRESSION zstd)`);
  const written = [SERIES_INDEX];
  await copy(`SELECT indicator, measure, unit, region, ${LABEL_KEY} AS label, CAST(count(*) AS INTEGER) AS n_figures, CAST(count(year) AS INTEGER) AS n_dated
FROM ${figures} GROUP BY ALL ORDER BY ALL`, SERIES_INDEX);
  // Ordered by file, so that each file's rows are a run of row groups the others skip.
  // Figures written before corrections existed have no reviewed column: none of them is reviewed.
  const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${figures}`);
  const reviewed = described.getRows().some((r) => r[0] === 'reviewed');
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${STAGED} AS ${pointsSql(figures, reviewed)} ORDER BY indicator, region`);
  try {
    const found = await conn.runAndReadAll(`SELECT DISTINCT indicator, region FROM ${STAGED} ORDER BY indicator, region`);
    for (const [indicator, region] of found.getRows() as Array<[string | null, string | null]>) {
      // The ids name a file (and a URL): only catalog-shaped ones.
      for (const [what, id] of [['indicator', indicator], ['region', region]]) {
        if (id === null || !ID.test(id)) throw new Error(`series: cannot name a file after the ${what} ${JSON.stringify(id)}`);
      }
      const file = seriesFile(indicator!, region!);
      mkdirSync(join(dir, SERIES_DIR, indicator!), { recursive: true });
      await copy(`SELECT ${COLUMNS.join(', ')} FROM ${STAGED} WHERE indicator = ${quote(indicator!)} AND region = ${quote(region!)} ORDER BY ${ORDER}`, file);
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
