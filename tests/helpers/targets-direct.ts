/**
 * Targets against actuals straight from the Parquet files, written apart from the
 * dashboard's query (src/lib/db/queries.ts `targetPairs`) so that each checks the
 * other: for each region, indicator, measure, unit and year, the most confident
 * whole-year target and actual (ties by figure id), the attainment (actual ÷ target;
 * target ÷ actual for a rank) and whether it was met (≥; > for a target written
 * 超过/突破; ≤ for a rank). Figures of `other` are not paired.
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** One target as the direct query sees it; actual and attainment null when no actual is reported. */
export interface DirectPair {
  region: string;
  indicator: string;
  measure: string;
  unit: string;
  year: number;
  target_id: string;
  target_value: number;
  actual_id: string | null;
  actual_value: number | null;
  attainment: number | null;
  met: boolean | null;
}

const sql = (figures: string) => `
WITH f AS (
  SELECT * FROM read_parquet('${figures.replace(/'/g, "''")}')
  WHERE year IS NOT NULL AND period IN ('year', 'as_of') AND indicator <> 'other'
), t AS (
  SELECT region, indicator, measure, unit, year,
    first(figure_id ORDER BY confidence DESC, figure_id) AS target_id,
    first(value ORDER BY confidence DESC, figure_id) AS target_value,
    first(qualifier ORDER BY confidence DESC, figure_id) AS target_qualifier
  FROM f WHERE stance = 'target' GROUP BY ALL
), a AS (
  SELECT region, indicator, measure, unit, year,
    first(figure_id ORDER BY confidence DESC, figure_id) AS actual_id,
    first(value ORDER BY confidence DESC, figure_id) AS actual_value
  FROM f WHERE stance = 'actual' GROUP BY ALL
)
SELECT t.region, t.indicator, t.measure, t.unit, CAST(t.year AS INTEGER) AS year, t.target_id, t.target_value, a.actual_id, a.actual_value,
  CASE WHEN a.actual_id IS NULL THEN NULL
    WHEN t.measure = 'rank' THEN (CASE WHEN a.actual_value > 0 THEN t.target_value / a.actual_value END)
    ELSE (CASE WHEN t.target_value > 0 THEN a.actual_value / t.target_value END) END AS attainment,
  CASE WHEN a.actual_id IS NULL THEN NULL
    WHEN t.measure = 'rank' THEN a.actual_value <= t.target_value
    WHEN t.target_qualifier = 'more_than' THEN a.actual_value > t.target_value
    ELSE a.actual_value >= t.target_value END AS met
FROM t LEFT JOIN a USING (region, indicator, measure, unit, year)
ORDER BY t.region, t.indicator, t.measure, t.unit, t.year`;

/** Every target of the data folder `dir` with its actual, attainment and whether met, by the direct query. */
export async function directPairs(dir: string): Promise<DirectPair[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(sql(join(dir, 'figures.parquet')))).getRowObjectsJS() as unknown as DirectPair[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
