/**
 * Where the data folder keeps what the browser reads whole and small: per
 * indicator and region the points its charts draw, and an index of counts. The pipeline
 * writes them (`pipelines/write/series.ts`); the dashboard fetches them.
 */
import { indicatorRef } from '../params.ts';

/** The catalogs, read whole as the series are. */
export const INDICATORS_FILE = 'indicators.parquet';
export const REGIONS_FILE = 'regions.parquet';

/** The folder of the series files, in the data folder. */
export const SERIES_DIR = 'series';

/** The index of figure counts per indicator, measure, unit and region, and per label of `other`. */
export const SERIES_INDEX = `${SERIES_DIR}/index.parquet`;

/**
 * The file of one indicator's points in one region: `series/high_tech_enterprises/hubei.parquet`. A label of
 * `other` (`other:院士团队`) is read from `other`'s file, whose points are kept apart by label.
 */
export function seriesFile(indicator: string, region: string): string {
  return `${SERIES_DIR}/${indicatorRef(indicator).indicator}/${region}.parquet`;
}
