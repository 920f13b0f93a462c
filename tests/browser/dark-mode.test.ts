/**
 * Dark mode follows the system's colour scheme: with Chromium set to prefer
 * dark, the compare view, the figure panel and the document view with its
 * highlighted number are drawn dark, and every text reads at a contrast of at
 * least 4.5 against its background, the chart's axis text, points and lines at
 * least 3 against the chart's ground (WCAG 2 ratios of computed colours).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { contrastRatio, expectReadable } from './contrast.ts';
import { DATA } from './corpus.ts';
import { pageProblems, pointLocator, url, useBrowser, waitForChart, waitForPanel } from './harness.ts';

const session = useBrowser();
const VIEW = '/?indicator=high_tech_enterprises&measure=total&unit=count';

describe('dark mode from prefers-color-scheme', () => {
  it('draws the compare view, the figure panel and the document view dark and readable', async () => {
    const [figure] = await readParquet<{ figure_id: string; doc_id: string }>(join(DATA, 'figures.parquet'), `SELECT figure_id, doc_id FROM t
      WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND region = 'hubei' AND year = 2020 AND quote = '10400家'`);
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(url(VIEW));
    await waitForChart(page);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.getAttribute('[data-testid=theme-switch]', 'aria-pressed')).toBe('true');
    const ground = await page.$eval('[data-testid=chart] svg', (svg) => getComputedStyle(svg).backgroundColor);
    expect(contrastRatio(ground, 'black'), `the chart's ground ${ground} is dark`).toBeLessThan(1.5);

    const chart = await expectReadable(page, 'compare (dark)', ['header', 'main']);
    expect(chart.filter((m) => m.kind === 'mark').length, 'points and lines measured').toBeGreaterThan(3);
    expect(chart.filter((m) => m.kind === 'chart-text').length, 'axis text measured').toBeGreaterThan(3);

    await pointLocator(page, { region: 'hubei', year: 2020, stance: 'actual', figureId: figure.figure_id }).focus();
    await page.keyboard.press('Enter');
    const panel = await waitForPanel(page);
    expect(await panel.locator('[data-testid=figure-sentence] mark').innerText()).toContain('10400家');
    await expectReadable(page, 'figure panel (dark)', ['[data-testid=figure-panel]']);

    await panel.locator('a[data-testid=open-document]').click();
    await page.waitForURL(/\/doc\?/);
    const current = page.locator('[data-testid=document-text] mark.current');
    await current.waitFor();
    expect(await current.innerText()).toContain('10400家');
    await expectReadable(page, 'document view (dark)', ['article']);
    // The current number's outline stands out from the page it is on.
    const [outline, paper] = await current.evaluate((el) => [getComputedStyle(el).outlineColor, getComputedStyle(el.closest('article')!).backgroundColor]);
    const ring = contrastRatio(outline, paper);
    console.log(`document view (dark): current mark outline ${ring.toFixed(2)} (${outline} on ${paper})`);
    expect(ring).toBeGreaterThanOrEqual(3);
    expect(pageProblems(page)).toEqual([]);
  });

  it('draws the documents library dark and readable', async () => {
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(url('/docs'));
    await page.locator('[data-testid=docs-table]').waitFor();
    await expectReadable(page, 'documents library (dark)', ['header', 'main']);
    expect(pageProblems(page)).toEqual([]);
  });
});
