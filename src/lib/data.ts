/**
 * The dashboard's data folder as every view reads it: its small files fetched
 * whole (the series and catalogs a chart draws from), a query runner over its
 * Parquet files (DuckDB-WASM, loaded on the first query), its catalogs, its run
 * report and data version, each loaded once.
 */
import { run } from './db/duckdb.ts';
import { parquetRows } from './db/parquet.ts';
import { dataVersionOf, type DataVersion } from './charts/frame.ts';
import { loadCatalogs, type Catalogs } from './catalog.ts';
import type { Exec } from './db/queries.ts';
import type { DataFolder } from './db/series.ts';
import type { RunReport } from './types.ts';

/** A query runner over the data folder at `dataUrl` (DuckDB-WASM). */
export function browserExec(dataUrl: string): Exec {
  return (query) => run(dataUrl, query);
}

/** A file the data folder should have and the server does not serve. */
export class MissingFileError extends Error {
  constructor(readonly path: string, status: number) {
    super(`${path} is missing from the data (HTTP ${status}): the pipeline writes it with the figures; run it again (npm run pipeline)`);
    this.name = 'MissingFileError';
  }
}

const files = new Map<string, Promise<unknown[]>>();

async function fetchRows(url: string, path: string): Promise<unknown[]> {
  const response = await fetch(url);
  if (!response.ok) throw new MissingFileError(path, response.status);
  try {
    return await parquetRows(await response.arrayBuffer());
  } catch (e) {
    throw new Error(`${path} cannot be read as Parquet: ${(e as Error).message}`);
  }
}

/** A file of the data folder, fetched and read once; a failed read is tried again next time. */
function readOnce<T>(dataUrl: string, path: string): Promise<T[]> {
  const url = `${dataUrl}/${path}`;
  if (!files.has(url)) {
    const loading = fetchRows(url, path);
    files.set(url, loading);
    loading.catch(() => files.delete(url));
  }
  return files.get(url)! as Promise<T[]>;
}

/** The data folder at `dataUrl`: its small files fetched whole, and SQL through DuckDB-WASM. */
export function browserData(dataUrl: string): DataFolder {
  return { exec: browserExec(dataUrl), read: (path) => readOnce(dataUrl, path) };
}

const catalogs = new Map<string, Promise<Catalogs>>();
const runs = new Map<string, Promise<Partial<RunReport> | null>>();

/** The catalogs, loaded once per data folder; a failed load is tried again next time. */
export function catalogsOf(dataUrl: string): Promise<Catalogs> {
  if (!catalogs.has(dataUrl)) {
    const loading = loadCatalogs(browserData(dataUrl));
    catalogs.set(dataUrl, loading);
    loading.catch(() => catalogs.delete(dataUrl));
  }
  return catalogs.get(dataUrl)!;
}

/**
 * The pipeline's run.json of the folder, read once: what the last run read,
 * refused and wrote. Null when it cannot be read (missing, not JSON), so a
 * view can say so and still draw.
 */
export function runReport(dataUrl: string): Promise<Partial<RunReport> | null> {
  if (!runs.has(dataUrl)) {
    runs.set(dataUrl, fetch(`${dataUrl}/run.json`)
      .then(async (r) => (r.ok ? ((await r.json()) as Partial<RunReport>) : null))
      .then((run) => (run && typeof run === 'object' ? run : null))
      .catch(() => null));
  }
  return runs.get(dataUrl)!;
}

/**
 * The data version of the folder, from the pipeline's run.json;
 * `unknown` when it cannot be read, so a chart still draws and says so.
 */
export async function dataVersion(dataUrl: string): Promise<DataVersion> {
  return dataVersionOf((await runReport(dataUrl)) ?? {});
}
