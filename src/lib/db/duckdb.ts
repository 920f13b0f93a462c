import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { TABLES, type Query } from './queries.ts';

/** A failed query, with its SQL and parameters, as Mosaic's QueryError carries them. */
export class QueryError extends Error {
  constructor(readonly query: Query, cause: unknown) {
    super(`${query.name} failed: ${(cause as Error)?.message ?? cause}\n${query.sql}\nparams: ${JSON.stringify(query.params)}`);
    this.name = 'QueryError';
  }
}

let connection: Promise<AsyncDuckDBConnection> | null = null;

/**
 * The one DuckDB-WASM instance, created on first use, with a view per Parquet
 * file under `dataUrl`. DuckDB-WASM 1.28 has the Parquet reader built in, so
 * nothing is fetched from anywhere but the host serving the dashboard.
 */
export function connect(dataUrl: string): Promise<AsyncDuckDBConnection> {
  connection ??= (async () => {
    // Imported here, not at the top: DuckDB-WASM's code loads after the first paint, and the page's prerender (Node) never loads it.
    const duckdb = await import('@duckdb/duckdb-wasm');
    const worker = new Worker(ehWorker);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(ehWasm);
    for (const t of TABLES) {
      await db.registerFileURL(`${t}.parquet`, new URL(`${dataUrl}/${t}.parquet`, location.href).href, duckdb.DuckDBDataProtocol.HTTP, false);
    }
    const conn = await db.connect();
    for (const t of TABLES) await conn.query(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${t}.parquet')`);
    return conn;
  })();
  connection.catch(() => { connection = null; });
  return connection;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toArray' in value && typeof (value as { toArray: unknown }).toArray === 'function') {
    return Array.from((value as { toArray(): unknown[] }).toArray(), plain);
  }
  return value;
}

/** Runs a query with its parameters bound, and returns plain row objects. */
export async function run<T = Record<string, unknown>>(dataUrl: string, query: Query): Promise<T[]> {
  try {
    // Inside the try: a missing Parquet file surfaces here, and the user should see which query it stopped.
    const conn = await connect(dataUrl);
    const stmt = await conn.prepare(query.sql);
    try {
      const table = await stmt.query(...query.params);
      const fields = table.schema.fields.map((f) => f.name);
      return table.toArray().map((row) => {
        const o: Record<string, unknown> = {};
        for (const k of fields) o[k] = plain(row[k]);
        return o as T;
      });
    } finally {
      await stmt.close();
    }
  } catch (e) {
    throw new QueryError(query, e);
  }
}
