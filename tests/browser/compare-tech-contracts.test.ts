/**
 * The compare view for 技术合同成交额 draws all three default regions, each point
 * marked as what it is, and its points are exactly what figures.parquet holds:
 * one per region, year, stance and period, showing its most confident figure,
 * with a line over the range when its documents give different values.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { pageProblems, searchParams, useBrowser, waitForChart, type ChartPoint } from './harness.ts';

const FIGURES = join(ROOT, 'static', 'data', 'figures.parquet');
const WHITE = /^(rgb\(255, 255, 255\)|white|#fff(fff)?)$/i;

interface Row { figure_id: string; region: string; year: number; stance: string; value: number }

const session = useBrowser();

/** The figures the view must draw, straight from the Parquet file with DuckDB in Node: the most confident of each place. */
function expectedRows(): Promise<Row[]> {
  return readParquet<Row>(FIGURES, `SELECT figure_id, region, year, stance, value FROM t
    WHERE indicator = 'tech_contract_turnover' AND measure = 'amount' AND unit = 'CNY'
      AND year IS NOT NULL AND region IN ('hubei', 'wuhan', 'chongqing')
    QUALIFY row_number() OVER (PARTITION BY region, year, stance, period ORDER BY confidence DESC, figure_id) = 1
    ORDER BY figure_id`);
}

const asRows = (points: ChartPoint[]): Row[] =>
  points
    .map((p) => ({ figure_id: p.figureId, region: p.region, year: p.year, stance: p.stance, value: p.value }))
    .sort((a, b) => (a.figure_id < b.figure_id ? -1 : 1));

describe('compare view: 技术合同成交额, amount in yuan', () => {
  it('chosen from the pickers, draws Hubei, Wuhan and Chongqing as figures.parquet has them', async () => {
    const expected = await expectedRows();
    expect([...new Set(expected.map((r) => r.region))].sort()).toEqual(['chongqing', 'hubei', 'wuhan']);

    const page = await session.open('/');
    await waitForChart(page);
    await page.selectOption('select[data-testid=indicator]', 'tech_contract_turnover');
    await page.waitForURL(/indicator=tech_contract_turnover/);
    await page.selectOption('select[data-testid=measure]', 'amount|CNY');
    // The previous indicator's chart stays until the new one draws: wait for exactly the expected points.
    const ids = expected.map((r) => r.figure_id).join(',');
    await page
      .waitForFunction(
        (want) => [...document.querySelectorAll('[data-testid=chart] svg [data-figure-id]')].map((e) => e.getAttribute('data-figure-id')).sort().join(',') === want,
        ids,
        { timeout: 20_000, polling: 100 },
      )
      .catch(() => undefined);
    const points = await waitForChart(page);

    expect(asRows(points)).toEqual(expected);
    expect(searchParams(page).get('indicator')).toBe('tech_contract_turnover');
    expect(await page.inputValue('select[data-testid=measure]')).toBe('amount|CNY');
    for (const region of ['hubei', 'wuhan', 'chongqing']) {
      expect(await page.isChecked(`input[type=checkbox][data-testid=region-${region}]`), region).toBe(true);
    }
    expect(pageProblems(page)).toEqual([]);
  });

  it('marks Hubei 2017 and Wuhan 2021 as hollow targets and Chongqing 2022 as a filled actual', async () => {
    const page = await session.open('/?indicator=tech_contract_turnover&measure=amount&unit=CNY&regions=hubei,wuhan,chongqing');
    const points = await waitForChart(page);
    expect(asRows(points)).toEqual(await expectedRows());

    // A region and year can hold several documents' figures (Chongqing 2022: 630.5亿元 and 630.4亿元, as confident):
    // one point shows the first by id, 630.5, and a line spans both values.
    const at = (region: string, year: number, value: number) => {
      const found = points.filter((p) => p.region === region && p.year === year && p.value === value);
      expect(found, `${region} ${year} ${value}`).toHaveLength(1);
      return found[0];
    };
    const hubei = at('hubei', 2017, 95_000_000_000);
    const wuhan = at('wuhan', 2021, 100_000_000_000);
    const chongqing = at('chongqing', 2022, 63_050_000_000);

    for (const target of [hubei, wuhan]) {
      expect(target.stance, target.region).toBe('target');
      expect(target.classes, target.region).toEqual(expect.arrayContaining(['point', 'target']));
      expect(target.fill, `${target.region}'s target is hollow`).toMatch(WHITE);
    }
    expect(chongqing.stance).toBe('actual');
    expect(chongqing.classes).toEqual(expect.arrayContaining(['point', 'actual']));
    expect(chongqing.fill, "Chongqing's actual is filled").not.toMatch(WHITE);
    expect(chongqing.fill).not.toBe('none');

    expect(await page.locator('[data-testid=chart] svg .value-range line').count()).toBeGreaterThan(0);
    await page.locator('[data-testid=chart-key] [data-key=range]').waitFor({ state: 'visible' });
    const title = await page.locator(`[data-testid=chart] svg [data-figure-id="${chongqing.figureId}"] title`).textContent();
    expect(title).toContain('各来源数值 630.4 亿元 至 630.5 亿元');

    for (const p of points) {
      expect(['circle', 'path'], p.figureId).toContain(p.tag);
      expect(p.role, p.figureId).toBe('button');
      expect(p.tabindex, p.figureId).toBe('0');
    }
    expect(pageProblems(page)).toEqual([]);
  });
});
