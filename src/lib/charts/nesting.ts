/**
 * Regions inside regions on a compare chart: which of the chart's regions lie in
 * another (the gazetteer's parents, regions.parquet), and the national figures a
 * chart may draw as a reference line. Read from the small files, without DuckDB.
 */
import { REGIONS_FILE, SERIES_INDEX, seriesFile } from '../db/layout.ts';
import { ofIndicator, pointsOf, seriesRegions, type DataFolder } from '../db/series.ts';
import type { RegionRow, SeriesIndexRow, SeriesRow } from '../types.ts';
import type { ChartRow } from './compare.ts';

/** The country's region id: a reference line, never one of the regions compared. */
export const NATIONAL = 'china';

/** Each region's parent in the gazetteer (null for the country). */
export async function loadParents(data: DataFolder): Promise<Map<string, string | null>> {
  return new Map((await data.read<RegionRow>(REGIONS_FILE)).map((r) => [r.region, r.parent ?? null]));
}

/** Whether the data has national figures of an indicator's measure and unit to draw. */
export async function hasNational(data: DataFolder, indicator: string, measure: string, unit: string): Promise<boolean> {
  const index = await data.read<SeriesIndexRow>(SERIES_INDEX);
  return ofIndicator(index, indicator).some((r) => r.measure === measure && r.unit === unit && r.region === NATIONAL && r.n_dated > 0);
}

/** The national points of an indicator's measure and unit (none when the data has none). */
export async function loadNational(data: DataFolder, indicator: string, measure: string, unit: string): Promise<ChartRow[]> {
  const index = await data.read<SeriesIndexRow>(SERIES_INDEX);
  if (!seriesRegions(index, indicator, [NATIONAL]).length) return [];
  return pointsOf(ofIndicator(await data.read<SeriesRow>(seriesFile(indicator, NATIONAL)), indicator), measure, unit, [NATIONAL]);
}
