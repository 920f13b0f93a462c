import { DuckDBInstance } from '@duckdb/node-api';

/** Reads a Parquet file with real DuckDB into plain row objects (BigInts as numbers). */
export async function readParquet<T = Record<string, unknown>>(file: string, sql = 'SELECT * FROM t'): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await conn.run(`CREATE VIEW t AS SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
    const result = await conn.runAndReadAll(sql);
    return result.getRowObjectsJson() as T[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
