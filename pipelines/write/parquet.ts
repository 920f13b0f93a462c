import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, LIST, listValue, VARCHAR, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { DocumentRow, FigureRow, IndicatorRow, RegionRow } from '../../src/lib/types.ts';

/** The tables one run writes. */
export interface Tables {
  figures: FigureRow[];
  documents: DocumentRow[];
  indicators: IndicatorRow[];
  regions: RegionRow[];
}

// Column types as CONTRACT.md gives them; the order is the file's column order.
export const SCHEMAS: Record<keyof Tables, { columns: Record<string, string>; order: string; rowGroup?: number }> = {
  figures: {
    columns: {
      figure_id: 'VARCHAR', doc_id: 'VARCHAR', indicator: 'VARCHAR', label: 'VARCHAR', region: 'VARCHAR',
      year: 'INTEGER', period: 'VARCHAR', stance: 'VARCHAR', measure: 'VARCHAR', value: 'DOUBLE', unit: 'VARCHAR',
      qualifier: 'VARCHAR', quote: 'VARCHAR', raw_start: 'INTEGER', raw_end: 'INTEGER', sentence: 'VARCHAR',
      sentence_raw_start: 'INTEGER', sentence_raw_end: 'INTEGER', confidence: 'DOUBLE', year_inferred: 'BOOLEAN',
      text_start: 'INTEGER', text_end: 'INTEGER', sentence_text_start: 'INTEGER',
      // Whether a reviewer decided on the figure, and how (JSON): set when corrections are applied (corrections/).
      reviewed: 'BOOLEAN', review: 'VARCHAR',
    },
    // Clustered as the dashboard asks: a chart reads one indicator's regions and years, so
    // DuckDB skips every row group whose min/max rule the indicator out (a document's
    // figures are one ORDER BY away).
    order: 'indicator, region, year, doc_id, raw_start, raw_end',
    // Row groups of 16,384 figures (DuckDB's default is 122,880): a drill-down names a figure's indicator,
    // region and year, which the sort puts in one or two groups, whose sentences it then reads whole; at a
    // million figures the default made that 25 MB for one figure.
    rowGroup: 16_384,
  },
  documents: {
    columns: {
      doc_id: 'VARCHAR', file: 'VARCHAR', title: 'VARCHAR', issuer: 'VARCHAR', published: 'DATE', region: 'VARCHAR',
      doc_number: 'VARCHAR', script: 'VARCHAR', raw_text: 'VARCHAR', text: 'VARCHAR', sha256: 'VARCHAR',
      encoding: 'VARCHAR', warnings: 'VARCHAR[]', current_year: 'INTEGER', date_source: 'VARCHAR', source_url: 'VARCHAR', genre: 'VARCHAR',
    },
    order: 'doc_id',
  },
  indicators: {
    columns: { indicator: 'VARCHAR', name_zh: 'VARCHAR', name_en: 'VARCHAR', unit: 'VARCHAR', description: 'VARCHAR', group: 'VARCHAR' },
    order: 'indicator',
  },
  regions: {
    columns: { region: 'VARCHAR', name_zh: 'VARCHAR', name_en: 'VARCHAR', level: 'VARCHAR', parent: 'VARCHAR', adcode: 'VARCHAR' },
    order: 'region',
  },
};

/** The COPY option that sets a table's row group size, when its schema sets one. */
export function rowGroupOption(name: keyof Tables): string {
  const size = SCHEMAS[name].rowGroup;
  return size ? `, ROW_GROUP_SIZE ${size}` : '';
}

// How a value of each column type goes into DuckDB's appender; a DATE goes in as its
// text and is cast when the table is copied out.
const VARCHAR_LIST = LIST(VARCHAR);
const APPEND: Record<string, (a: DuckDBAppender, v: never) => void> = {
  VARCHAR: (a, v: string) => a.appendVarchar(v),
  DATE: (a, v: string) => a.appendVarchar(v),
  INTEGER: (a, v: number) => a.appendInteger(v),
  DOUBLE: (a, v: number) => a.appendDouble(v),
  BOOLEAN: (a, v: boolean) => a.appendBoolean(v),
  'VARCHAR[]': (a, v: string[]) => a.appendList(listValue(v), VARCHAR_LIST),
};

/** Appends `rows` to a new table `name` of `columns` (DuckDB's appender: no statement per row). */
export async function appendRows(conn: DuckDBConnection, name: string, columns: Record<string, string>, rows: object[]): Promise<void> {
  const staged = Object.entries(columns).map(([k, t]) => `"${k}" ${t === 'DATE' ? 'VARCHAR' : t}`).join(', ');
  await conn.run(`CREATE TABLE "${name}" (${staged})`);
  const appender = await conn.createAppender(name);
  const cols = Object.entries(columns).map(([k, t]) => ({ k, append: APPEND[t] }));
  try {
    for (const row of rows as Array<Record<string, never>>) {
      for (const { k, append } of cols) {
        const v = row[k];
        if (v === null || v === undefined) appender.appendNull();
        else append(appender, v);
      }
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

/** The columns of a staged table as written: a DATE staged as text cast back. */
export const selectList = (columns: Record<string, string>, from = '') =>
  Object.entries(columns).map(([k, t]) => (t === 'DATE' ? `CAST(${from}"${k}" AS DATE) AS "${k}"` : `${from}"${k}"`)).join(', ');

export const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Writes the tables as Parquet (zstd) into `outDir` through DuckDB: first into a
 * temporary folder beside it, then renamed into place, so that a run that fails
 * leaves the previous output whole. A shard writes only its figures and documents,
 * named with `suffix` (`figures-2-of-3.parquet`).
 */
export async function writeParquet(outDir: string, tables: Partial<Tables>, suffix = ''): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const tmp = join(outDir, `.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const written: string[] = [];
    for (const name of Object.keys(SCHEMAS) as Array<keyof Tables>) {
      const rows = tables[name];
      if (!rows) continue;
      const { columns, order } = SCHEMAS[name];
      await appendRows(conn, name, columns, rows);
      const select = selectList(columns);
      const file = join(tmp, `${name}${suffix}.parquet`);
      await conn.run(`COPY (SELECT ${select} FROM "${name}" ORDER BY ${order}) TO ${quote(file)} (FORMAT parquet, COMPRESSION zstd${rowGroupOption(name)})`);
      await conn.run(`DROP TABLE "${name}"`);
      written.push(`${name}${suffix}.parquet`);
    }
    for (const f of written) renameSync(join(tmp, f), join(outDir, f));
    return written;
  } finally {
    conn.closeSync();
    db.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}
