import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineReport } from '../pipelines/run.ts';

// Rows reach Parquet in batches (parts) and the tables are built from them by DuckDB;
// how the corpus is cut into batches must not show in what is written.
const root = resolve(import.meta.dirname, '..');
const fixedClock = () => Date.UTC(2026, 10, 22);
const TABLES = ['figures.parquet', 'documents.parquet', 'indicators.parquet', 'regions.parquet'];

let work: string;
let corpus: string;
const run = (out: string, more: Parameters<typeof runPipeline>[0] extends infer O ? Partial<O> : never = {}) =>
  runPipeline({ input: corpus, output: join(work, out), now: fixedClock, ...more });
const bytes = (out: string, table: string) => readFileSync(join(work, out, table));

async function query<T>(sql: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

let whole: PipelineReport;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kelan-streaming-'));
  corpus = join(work, 'corpus');
  cpSync(join(root, 'seeds'), corpus, { recursive: true });
  whole = await run('whole');
}, 120_000);

describe('batches', () => {
  it('write byte for byte the tables of one batch, however small the batches', async () => {
    const cache = join(work, 'cache-small');
    const small = await run('small', { cache, sizes: { chars: 20_000, figures: 40 } });
    expect(small.figures_written).toBe(whole.figures_written);
    expect(small.data_version).toBe(whole.data_version);
    for (const t of TABLES) expect(bytes('small', t).equals(bytes('whole', t)), t).toBe(true);
    // And the series the dashboard draws from, file for file.
    const series = (out: string) => readdirSync(join(work, out, 'series'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(join(work, out).length)).sort();
    expect(series('small').length).toBeGreaterThan(10);
    expect(series('small')).toEqual(series('whole'));
    for (const f of series('whole')) expect(bytes('small', f).equals(bytes('whole', f)), f).toBe(true);
    // Small batches: many parts, each holding a few documents' rows.
    const parts = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.figures.parquet'));
    expect(parts.length).toBeGreaterThan(10);
  }, 120_000);

  it('cut documents.parquet into row groups of bounded text, in document order, with the same rows', async () => {
    const groupBytes = 30_000;
    await run('groups', { sizes: { groupBytes } });
    const file = (out: string) => `'${join(work, out, 'documents.parquet')}'`;
    const groups = await query<{ g: number; docs: number; chars: number }>(
      `SELECT g, count(*)::INTEGER AS docs, sum(strlen(raw_text) + strlen(text))::INTEGER AS chars FROM (
         SELECT raw_text, text, (file_row_number // 1)::INTEGER AS r FROM read_parquet(${file('groups')}, file_row_number = true)) d
       JOIN (SELECT row_group_id::INTEGER AS g, sum(row_group_num_rows) OVER (ORDER BY row_group_id ROWS UNBOUNDED PRECEDING)::INTEGER AS upto, row_group_num_rows::INTEGER AS n
             FROM (SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${file('groups')}))) m ON d.r < m.upto AND d.r >= m.upto - m.n
       GROUP BY g ORDER BY g`);
    expect(groups.length).toBeGreaterThan(3);
    for (const { docs, chars } of groups) if (docs > 1) expect(chars).toBeLessThanOrEqual(groupBytes);
    const order = await query<{ bad: number }>(`SELECT count(*) FILTER (WHERE doc_id < prev)::INTEGER AS bad FROM (SELECT doc_id, lag(doc_id) OVER () AS prev FROM read_parquet(${file('groups')}))`);
    expect(order[0].bad).toBe(0);
    const diff = await query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ((SELECT * FROM read_parquet(${file('groups')}) EXCEPT ALL SELECT * FROM read_parquet(${file('whole')}))
       UNION ALL (SELECT * FROM read_parquet(${file('whole')}) EXCEPT ALL SELECT * FROM read_parquet(${file('groups')})))`);
    expect(diff[0].n).toBe(0);
  }, 120_000);
});
