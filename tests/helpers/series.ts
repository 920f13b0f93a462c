import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeSeriesOfFile } from '../../pipelines/write/series.ts';
import { SERIES_INDEX } from '../../src/lib/db/layout.ts';

/**
 * Lays out the series of `data`'s figures.parquet when the folder has none, or
 * older ones: for data written by a pipeline whose writer does not write them
 * (yet). Returns whether it wrote them.
 */
export async function ensureSeries(data: string): Promise<boolean> {
  const figures = join(data, 'figures.parquet');
  const index = join(data, SERIES_INDEX);
  if (existsSync(index) && statSync(index).mtimeMs >= statSync(figures).mtimeMs) return false;
  await writeSeriesOfFile(figures, data);
  return true;
}
