/**
 * The dashboard's data folder as every view reads it: a query runner over its
 * Parquet files, its catalogs, its run report and data version, each loaded once.
 */
import { run } from './db/duckdb.ts';
import { dataVersionOf, type DataVersion } from './charts/frame.ts';
import { loadCatalogs, type Catalogs } from './catalog.ts';
import type { Exec } from './db/queries.ts';
import type { RunReport } from './types.ts';

/** A query runner over the data folder at `dataUrl` (DuckDB-WASM). */
export function browserExec(dataUrl: string): Exec {
  return (query) => run(dataUrl, query);
}

const catalogs = new Map<string, Promise<Catalogs>>();
const runs = new Map<string, Promise<Partial<RunReport> | null>>();

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
