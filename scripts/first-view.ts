/**
 * The build step before `vite build`: draws the compare page's default view in
 * Node (the chart module over linkedom, the queries over `node-query.ts`) into
 * the data folder's first-view.json, which the page's prerender puts in its HTML.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { dataVersionOf } from '../src/lib/charts/frame.ts';
import { firstView, FIRST_VIEW_FILE } from '../src/lib/first-view.ts';
import { SERIES_INDEX } from '../src/lib/db/layout.ts';
import { openParquetFolder } from './node-query.ts';

/**
 * Writes `<data>/first-view.json`; without data (no figures.parquet, or no series
 * to draw from) removes a stale one and returns false: the page then loads its
 * chart itself, or says which file is missing.
 */
export async function writeFirstView(data: string): Promise<boolean> {
  const file = join(data, FIRST_VIEW_FILE);
  if (!existsSync(join(data, 'figures.parquet')) || !existsSync(join(data, SERIES_INDEX))) {
    rmSync(file, { force: true });
    return false;
  }
  const db = await openParquetFolder(data);
  try {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    let run = {};
    try {
      run = JSON.parse(readFileSync(join(data, 'run.json'), 'utf8'));
    } catch {
      // No run report: the version is "unknown", and the page checks nothing.
    }
    const view = await firstView(db, document as unknown as Document, dataVersionOf(run).version);
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(view));
    renameSync(tmp, file);
    return true;
  } finally {
    db.close();
  }
}
