import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DocumentRow, FigureRow, IndicatorRow, RegionRow } from '../../src/lib/types.ts';

/** The tables one run writes. */
export interface Tables {
  figures: FigureRow[];
  documents: DocumentRow[];
  indicators: IndicatorRow[];
  regions: RegionRow[];
}

// Column types as CONTRACT.md gives them; the order is the file's column order.
const SCHEMAS: Record<keyof Tables, { columns: Record<string, string>; order: string }> = {
  figures: {
    columns: {
      figure_id: 'VARCHAR', doc_id: 'VARCHAR', indicator: 'VARCHAR', label: 'VARCHAR', region: 'VARCHAR',
      year: 'INTEGER', period: 'VARCHAR', stance: 'VARCHAR', measure: 'VARCHAR', value: 'DOUBLE', unit: 'VARCHAR',
      qualifier: 'VARCHAR', quote: 'VARCHAR', raw_start: 'INTEGER', raw_end: 'INTEGER', sentence: 'VARCHAR',
      sentence_raw_start: 'INTEGER', sentence_raw_end: 'INTEGER', confidence: 'DOUBLE', year_inferred: 'BOOLEAN',
      text_start: 'INTEGER', text_end: 'INTEGER', sentence_text_start: 'INTEGER',
    },
    // Clustered as the dashboard asks: a chart reads one indicator's regions and years, so
    // DuckDB skips every row group whose min/max rule the indicator out (a document's
    // figures are one ORDER BY away).
    order: 'indicator, region, year, doc_id, raw_start, raw_end',
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

async function writeJsonLines(path: string, rows: object[]): Promise<void> {
  const out = createWriteStream(path);
  for (const row of rows) {
    if (!out.write(JSON.stringify(row) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

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
      const json = join(tmp, `${name}.jsonl`);
      await writeJsonLines(json, rows);
      const cols = Object.entries(columns).map(([k, t]) => `${quote(k)}: ${quote(t)}`).join(', ');
      const select = Object.keys(columns).map((k) => `"${k}"`).join(', ');
      const source = rows.length
        ? `read_json(${quote(json)}, format = 'newline_delimited', columns = {${cols}}, maximum_object_size = 1073741824)`
        : `(SELECT ${Object.entries(columns).map(([k, t]) => `NULL::${t} AS "${k}"`).join(', ')} LIMIT 0)`;
      const file = join(tmp, `${name}${suffix}.parquet`);
      await conn.run(`COPY (SELECT ${select} FROM ${source} ORDER BY ${order}) TO ${quote(file)} (FORMAT parquet, COMPRESSION zstd)`);
      rmSync(json);
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
