/**
 * A data folder on disk, read as the browser fetches it: its small Parquet files
 * (the series and catalogs) whole, through the same reader. For the build's
 * prerender and for Node scripts; SQL over it needs DuckDB (`scripts/node-query.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetRows } from '../db/parquet.ts';
import type { DataFolder } from '../db/series.ts';

/** The rows of `path` in the folder `dir`; fails naming the file when the folder lacks it. */
export async function readFolderFile<T>(dir: string, path: string): Promise<T[]> {
  const file = join(dir, path);
  if (!existsSync(file)) throw new Error(`no ${path} in ${dir}`);
  const bytes = readFileSync(file);
  return parquetRows<T>(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** The folder `dir` for what reads its small files only (a chart's points, the catalogs); a query fails, saying so. */
export function filesOnly(dir: string): DataFolder {
  return {
    exec: async (query) => {
      throw new Error(`${query.name}: no SQL over ${dir} here, only its series and catalogs`);
    },
    read: (path) => readFolderFile(dir, path),
  };
}
