import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { dataVersionOf } from '$lib/charts/frame.ts';
import { SERIES_INDEX } from '$lib/db/layout.ts';
import { firstView, type FirstView } from '$lib/first-view.ts';
import { filesOnly } from '$lib/server/files.ts';

// The one server-rendered page: its HTML carries the default chart, drawn at build time, for a first paint without DuckDB.
export const ssr = true;

/**
 * The default view, drawn when the page is prerendered (any `vite build`) from
 * the data it will serve, static/data: its series and catalogs, as the app reads
 * them. Null when there is no data to draw from; the page then loads its chart
 * itself, or says which file is missing.
 */
export async function load(): Promise<{ first: FirstView | null }> {
  const data = join(process.cwd(), 'static', 'data');
  if (!existsSync(join(data, SERIES_INDEX))) return { first: null };
  let run = {};
  try {
    run = JSON.parse(readFileSync(join(data, 'run.json'), 'utf8'));
  } catch {
    // No run report: the version is "unknown", and the page checks nothing.
  }
  try {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    return { first: await firstView(filesOnly(data), document as unknown as Document, dataVersionOf(run).version) };
  } catch (e) {
    console.warn(`the first view cannot be drawn from static/data: ${(e as Error).message}`);
    return { first: null };
  }
}
