/**
 * The compare view's states other than a chart: loading while the Parquet
 * files arrive, an empty selection that says why, a missing series file named,
 * and a failed query that shows its error with the query, never a blank chart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/start.ts';
import { chartPoints, statusText, useBrowser, waitForChart, waitForSettledStatus } from './harness.ts';

const session = useBrowser();
// Not the default view: that one is drawn at build time and shows without DuckDB (first-paint.test.ts).
const QUERIED = '/?indicator=tech_contract_turnover';

/** The names of the dashboard's queries (`name: '…'` in queries.ts), any of which may be the one that failed. */
const QUERY_NAMES = [...readFileSync(join(ROOT, 'src', 'lib', 'db', 'queries.ts'), 'utf8').matchAll(/name:\s*'(\w+)'/g)].map((m) => m[1]);

async function expectVisibleStatus(page: Page) {
  await expect.poll(() => page.locator('[data-testid=status]').first().isVisible()).toBe(true);
}

describe('loading, empty and error states', () => {
  it('says it is loading while the Parquet files are held back, then draws', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let requests = 0;
    await session.context.route('**/data/**/*.parquet', async (route) => {
      requests++;
      await held;
      await route.continue();
    });
    const page = await session.open(QUERIED);
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toMatch(/加载|载入|loading/i);
    await expectVisibleStatus(page);
    await expect.poll(() => requests, { timeout: 15_000, message: 'DuckDB never asked for a Parquet file' }).toBeGreaterThan(0);
    // Held for a while: the page must still say loading, not give up or draw nothing.
    await page.waitForTimeout(1_500);
    expect(await statusText(page)).toMatch(/加载|载入|loading/i);
    expect(await chartPoints(page)).toEqual([]);
    release();
    expect((await waitForChart(page)).length).toBeGreaterThan(0);
  });

  it('an empty selection of regions says why the chart is empty', async () => {
    const page = await session.open('/');
    await waitForChart(page);
    // click, not uncheck: the view may re-render its checkboxes, and the URL is what must change.
    for (const region of ['hubei', 'wuhan', 'chongqing']) {
      await page.click(`input[type=checkbox][data-testid=region-${region}]`);
      await page.waitForURL((u) => !(u.searchParams.get('regions') ?? region).split(',').includes(region));
    }
    const status = await waitForSettledStatus(page);
    expect(status).toMatch(/地区|region/i);
    await expectVisibleStatus(page);
    expect(await chartPoints(page)).toEqual([]);
  });

  it("a missing series file says which, not a blank chart", async () => {
    await session.context.route('**/data/series/tech_contract_turnover/*.parquet', (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
    const page = await session.open(QUERIED);
    const status = await waitForSettledStatus(page, 30_000);
    await expectVisibleStatus(page);
    expect(status).toMatch(/series\/tech_contract_turnover\/(hubei|wuhan|chongqing)\.parquet is missing from the data \(HTTP 404\)/);
    expect(status).toContain('npm run pipeline');
    expect(await chartPoints(page)).toEqual([]);
  });

  it('a failed query shows its error with the query, not a blank panel', async () => {
    // The chart draws from its series; the figure it opens is read from figures.parquet.
    await session.context.route('**/data/figures.parquet', (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
    const page = await session.open(QUERIED);
    const [point] = await waitForChart(page);
    // Points of one year and nearly one value overlap: the keyboard opens the one asked for.
    await page.focus(`[data-testid=chart] svg [data-figure-id="${point.figureId}"]:not(.pre *)`);
    await page.keyboard.press('Enter');
    const status = await waitForSettledStatus(page, 30_000);
    await expectVisibleStatus(page);
    const namesQuery = QUERY_NAMES.some((n) => new RegExp(`\\b${n}\\b`).test(status));
    expect(namesQuery || /\bSELECT\b/i.test(status), `the error does not show its query (names: ${QUERY_NAMES.join(', ')}): ${status}`).toBe(true);
    expect(await page.locator('[data-testid=figure-panel]').count()).toBe(0);
  });
});
