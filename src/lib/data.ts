/**
 * The dashboard's data folder as every view reads it: a query runner over its
 * Parquet files, its catalogs and its data version, each loaded once.
 */
import { run } from './db/duckdb.ts';
import { dataVersionOf, type DataVersion } from './charts/frame.ts';
import { loadCatalogs, type Catalogs, type Exec } from './charts/spec.ts';

/** A query runner over the data folder at `dataUrl` (DuckDB-WASM). */
export function browserExec(dataUrl: string): Exec {
  return (query) => run(dataUrl, query);
}

const catalogs = new Map<string, Promise<Catalogs>>();
const versions = new Map<string, Promise<DataVersion>>();

/** The catalogs, loaded once per data folder; a failed load is tried again next time. */
export function catalogsOf(dataUrl: string): Promise<Catalogs> {
  if (!catalogs.has(dataUrl)) {
    const loading = loadCatalogs(browserExec(dataUrl));
    catalogs.set(dataUrl, loading);
    loading.catch(() => catalogs.delete(dataUrl));
  }
  return catalogs.get(dataUrl)!;
}

/**
 * The data version of the folder, from the pipeline's run.json, read once;
 * `unknown` when it cannot be read, so a chart still draws and says so.
 */
export function dataVersion(dataUrl: string): Promise<DataVersion> {
  if (!versions.has(dataUrl)) {
    versions.set(dataUrl, fetch(`${dataUrl}/run.json`)
      .then(async (r) => dataVersionOf(r.ok ? await r.json() : {}))
      .catch(() => dataVersionOf({})));
  }
  return versions.get(dataUrl)!;
}
