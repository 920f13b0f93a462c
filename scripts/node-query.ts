/**
 * A data folder in Node as the dashboard reads it: DuckDB in memory with a view
 * per Parquet file, as the browser's DuckDB-WASM client makes them, and the
 * small files (series, catalogs) read whole as the browser fetches them, so
 * that `loadCatalogs` and `loadChart` run unchanged outside the browser.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance, DuckDBTypeId, JSDuckDBValueConverter, type DuckDBValueConverter, type JS } from '@duckdb/node-api';
import { TABLES, type Query } from '../src/lib/db/queries.ts';
import { readFolderFile } from '../src/lib/server/files.ts';
import type { DataFolder } from '../src/lib/db/series.ts';

/** A data folder opened for reading; `close` frees DuckDB. */
export interface NodeQuery extends DataFolder {
  close(): void;
}

/** A data folder that lacks one of the Parquet files the queries read. */
export class MissingDataError extends Error {
  constructor(readonly folder: string, readonly file: string) {
    super(`no ${file} in ${folder}`);
    this.name = 'MissingDataError';
  }
}

/** A failed query, with its SQL and parameters (the browser's QueryError, which imports DuckDB-WASM). */
export class NodeQueryError extends Error {
  constructor(readonly query: Query, cause: unknown) {
    super(`${query.name} failed: ${(cause as Error)?.message ?? cause}\n${query.sql}\nparams: ${JSON.stringify(query.params)}`);
    this.name = 'NodeQueryError';
  }
}

// Rows as DuckDB-WASM hands them to the client: BIGINTs as numbers, dates and
// times as the text CAST(… AS VARCHAR) gives, everything else as plain JS.
const plain: DuckDBValueConverter<JS> = (value, type, self) => {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return Number(value as bigint);
    case DuckDBTypeId.DATE:
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return String(value);
    default:
      return JSDuckDBValueConverter(value, type, self);
  }
};

/** Opens the Parquet files of `folder` (figures, documents, indicators, regions) for querying. */
export async function openParquetFolder(folder: string): Promise<NodeQuery> {
  const dir = resolve(folder);
  for (const t of TABLES) {
    if (!existsSync(join(dir, `${t}.parquet`))) throw new MissingDataError(folder, `${t}.parquet`);
  }
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    for (const t of TABLES) {
      const file = join(dir, `${t}.parquet`).replace(/'/g, "''");
      await conn.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${file}')`);
    }
  } catch (e) {
    conn.closeSync();
    db.closeSync();
    throw new Error(`cannot read the Parquet files in ${folder}: ${(e as Error).message}`);
  }

  const exec: DataFolder['exec'] = async <T>(query: Query) => {
    try {
      const stmt = await conn.prepare(query.sql);
      try {
        stmt.bind(query.params);
        return (await stmt.runAndReadAll()).convertRowObjects(plain) as T[];
      } finally {
        stmt.destroySync();
      }
    } catch (e) {
      throw new NodeQueryError(query, e);
    }
  };
  const read = async <T>(path: string): Promise<T[]> => {
    if (!existsSync(join(dir, path))) throw new MissingDataError(folder, path);
    return readFolderFile<T>(dir, path);
  };
  return {
    exec,
    read,
    close() {
      conn.closeSync();
      db.closeSync();
    },
  };
}
