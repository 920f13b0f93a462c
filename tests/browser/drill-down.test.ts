/**
 * Drilling down from a point: in the view for 高新技术企业 (total), Hubei's 2020
 * point opens the figure it shows, whose sentence has its number highlighted
 * (10400家 in the seed; another document of the corpus says 10404家: one point,
 * the more confident figure, its line spanning both, and the other listed as a
 * disagreeing source); the keyboard reaches points and Enter opens them too.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { pageProblems, pointLocator, searchParams, useBrowser, waitForChart, waitForPanel } from './harness.ts';

const FIGURES = join(ROOT, 'static', 'data', 'figures.parquet');
const VIEW = '/?indicator=high_tech_enterprises&measure=total&unit=count';

const session = useBrowser();

interface Figure { figure_id: string; doc_id: string; quote: string; value: number }

/** Hubei's 2020 totals of high-tech enterprises, as the pipeline wrote them. */
function hubei2020All(): Promise<Figure[]> {
  return readParquet<Figure>(FIGURES, `SELECT figure_id, doc_id, quote, value FROM t
    WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND unit = 'count' AND region = 'hubei' AND year = 2020
      AND stance = 'actual' ORDER BY figure_id`);
}

/** The one of them Hubei's 2020 point shows: the most confident. */
async function hubei2020(): Promise<Figure> {
  const rows = await readParquet<Figure>(FIGURES, `SELECT figure_id, doc_id, quote, value FROM t
    WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND unit = 'count' AND region = 'hubei' AND year = 2020
      AND stance = 'actual' ORDER BY confidence DESC, figure_id LIMIT 1`);
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function expectPanelOf(page: Page, figure: Figure) {
  const panel = await waitForPanel(page);
  const sentence = panel.locator('[data-testid=figure-sentence]');
  expect(await sentence.innerText()).toContain(figure.quote);
  const marks = await sentence.locator('mark').allInnerTexts();
  expect(marks.some((m) => m.includes(figure.quote)), `marks: ${JSON.stringify(marks)}`).toBe(true);
  await expect.poll(() => searchParams(page).get('figure')).toBe(figure.figure_id);
  const href = await panel.locator('a[data-testid=open-document]').getAttribute('href');
  const link = new URL(href ?? '', page.url());
  expect(link.pathname).toMatch(/\/doc$/);
  expect(link.searchParams.get('doc')).toBe(figure.doc_id);
  expect(link.searchParams.get('figure')).toBe(figure.figure_id);
}

describe('drill-down from a chart point', () => {
  it("clicking Hubei's 2020 point shows its sentence with the number marked, and every source of that fact", async () => {
    const all = await hubei2020All();
    expect(all.map((f) => f.quote)).toContain('10400家');
    const page = await session.open('/');
    await waitForChart(page);
    await page.selectOption('select[data-testid=measure]', 'total|count');
    const point = pointLocator(page, { region: 'hubei', year: 2020, stance: 'actual' }).first();
    await point.waitFor();
    expect(await page.locator('[data-testid=figure-panel]').count()).toBe(0);
    // Points of one year and nearly one value overlap: the mouse opens whichever is drawn on top.
    const box = (await point.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => searchParams(page).get('figure')).toMatch(/^[0-9a-f]{16}$/);
    const opened = all.find((f) => f.figure_id === searchParams(page).get('figure'));
    expect(opened, 'the click opened one of Hubei\'s 2020 figures').toBeDefined();
    await expectPanelOf(page, opened!);

    const panel = page.locator('[data-testid=figure-panel]');
    // The other sources of the fact: all of them but the figure opened.
    expect(await panel.locator('.same li').count()).toBe(all.length - 1);
    if (new Set(all.map((f) => f.value)).size > 1) await panel.locator('[data-testid=conflict]').waitFor();
    expect(pageProblems(page)).toEqual([]);
  });

  it('a point focused with the keyboard opens with Enter', async () => {
    const figure = await hubei2020();
    const page = await session.open(VIEW);
    await waitForChart(page);
    const point = pointLocator(page, { region: 'hubei', year: 2020, stance: 'actual', figureId: figure.figure_id });
    await point.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-figure-id'))).toBe(figure.figure_id);
    await page.keyboard.press('Enter');
    await expectPanelOf(page, figure);
  });

  it('Tab alone reaches the chart points', async () => {
    const page = await session.open(VIEW);
    await waitForChart(page);
    let reached: string | null = null;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.closest('[data-testid=chart]') ? document.activeElement.getAttribute('data-figure-id') : null);
    }
    expect(reached, 'no chart point took the focus within 80 presses of Tab').toMatch(/^[0-9a-f]{16}$/);
    await page.keyboard.press('Enter');
    await waitForPanel(page);
    await expect.poll(() => searchParams(page).get('figure')).toBe(reached);
  });
});
