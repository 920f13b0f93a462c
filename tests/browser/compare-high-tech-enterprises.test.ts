/**
 * On the default corpus (29 documents) the compare view for 高新技术企业, total,
 * shows points for all three regions it opens on, Hubei, Wuhan and Chongqing,
 * exactly as figures.parquet holds them: one point per region, year, stance and
 * period, showing the most confident of the figures that report it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { DATA } from './corpus.ts';
import { pageProblems, useBrowser, waitForChart } from './harness.ts';

const REGIONS = ['chongqing', 'hubei', 'wuhan'];

const session = useBrowser();

describe('compare view: 高新技术企业 on the default corpus', () => {
  it('draws points for Hubei, Wuhan and Chongqing', async () => {
    const [{ n }] = await readParquet<{ n: number }>(join(DATA, 'documents.parquet'), 'SELECT CAST(count(*) AS INTEGER) AS n FROM t');
    expect(n, 'documents in the default corpus').toBeGreaterThanOrEqual(29);
    const figures = `SELECT * FROM t WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND unit = 'count' AND year IS NOT NULL
        AND region IN ('hubei', 'wuhan', 'chongqing')`;
    const expected = await readParquet<{ figure_id: string; region: string }>(join(DATA, 'figures.parquet'), `SELECT figure_id, region FROM (${figures})
      QUALIFY row_number() OVER (PARTITION BY region, year, stance, period ORDER BY confidence DESC, figure_id) = 1 ORDER BY figure_id`);
    // Several documents report some of these facts (Hubei's 2020 and 2024 totals): one point stands for each fact.
    const all = await readParquet(join(DATA, 'figures.parquet'), figures);
    expect(all.length).toBeGreaterThan(expected.length);

    // The default view, as a new visitor gets it, switched to this indicator from the picker.
    const page = await session.open('/');
    await waitForChart(page);
    await page.selectOption('select[data-testid=indicator]', 'high_tech_enterprises');
    await page.waitForURL(/indicator=high_tech_enterprises/);
    await page.selectOption('select[data-testid=measure]', 'total|count');
    const want = expected.map((r) => r.figure_id).join(',');
    await expect
      .poll(() => page.$$eval('[data-testid=chart] svg [data-figure-id]', (els) => els.map((e) => e.getAttribute('data-figure-id')).sort().join(',')), { timeout: 20_000 })
      .toBe(want);
    const points = await waitForChart(page);

    for (const region of REGIONS) {
      expect(points.filter((p) => p.region === region).length, `${region}'s points`).toBeGreaterThan(0);
      expect(await page.isChecked(`input[type=checkbox][data-testid=region-${region}]`), region).toBe(true);
    }
    expect([...new Set(points.map((p) => p.region))].sort()).toEqual(REGIONS);
    expect(pageProblems(page)).toEqual([]);
  });
});
