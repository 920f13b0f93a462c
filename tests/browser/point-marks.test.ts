/**
 * A point that is not one whole year's value (上半年, part of a year, several
 * years) is labelled on the dashboard's chart, its label is explained in the
 * chart's key, and its tooltip says why; a point whose year was inferred or
 * whose confidence is low wears a dashed ring that the key explains too.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { pageProblems, useBrowser, waitForChart } from './harness.ts';

const FIGURES = join(ROOT, 'static', 'data', 'figures.parquet');
const MARKS: Record<string, { mark: string; zh: string; en: string }> = {
  h1: { mark: 'h1', zh: '上半年', en: 'H1' },
  unknown: { mark: 'part', zh: '非全年', en: 'part' },
  multi_year: { mark: 'span', zh: '多年', en: 'span' },
};

interface Marked {
  figure_id: string; indicator: string; measure: string; unit: string; region: string; period: string;
  year_inferred: boolean; confidence: number;
}

const session = useBrowser();

/** A figure of part of a year or several years that a point shows (the most confident of its place), as the pipeline wrote it: a half-year one first. */
async function markedFigure(): Promise<Marked> {
  const rows = await readParquet<Marked>(FIGURES, `SELECT figure_id, indicator, measure, unit, region, period, year_inferred, confidence FROM t
    WHERE period IN ('h1', 'unknown', 'multi_year') AND year IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY indicator, measure, unit, region, year, stance, period ORDER BY confidence DESC, figure_id) = 1
    ORDER BY period = 'h1' DESC, indicator = 'other', figure_id LIMIT 1`);
  expect(rows, 'the seed data has no figure of part of a year or several years').toHaveLength(1);
  return rows[0];
}

async function openView(f: Marked, lang: 'zh' | 'en'): Promise<Page> {
  const page = await session.open(`/?indicator=${f.indicator}&measure=${f.measure}&unit=${f.unit}&regions=${f.region}&lang=${lang}`);
  await waitForChart(page);
  return page;
}

describe('chart marks say what a point is', () => {
  it('labels a part-year or span point, keys the label, and rings an unsure point', async () => {
    const f = await markedFigure();
    const { mark, zh } = MARKS[f.period];
    const page = await openView(f, 'zh');

    const point = page.locator(`[data-testid=chart] svg [data-figure-id="${f.figure_id}"]`);
    await point.waitFor({ state: 'visible' });
    expect(await point.getAttribute('class')).toContain(`period-${mark}`);
    expect(await point.getAttribute('data-period')).toBe(f.period);
    const labels = await page.locator('[data-testid=chart] svg .period-label text').allTextContents();
    expect(labels).toContain(zh);

    const key = page.locator(`[data-testid=chart-key] [data-key=${mark}]`);
    await key.waitFor({ state: 'visible' });
    expect(await key.innerText()).toContain(zh);

    // Its tooltip names the period, and the reasons it is unsure, when it is.
    const title = await point.locator('title').textContent();
    const unsure = f.year_inferred || f.confidence < 0.7;
    if (f.year_inferred) expect(title).toContain('年份由文件日期推断');
    if (f.confidence < 0.7) expect(title).toContain('置信度低');
    expect((await point.getAttribute('class'))!.split(' ').includes('uncertain')).toBe(unsure);
    if (unsure) {
      await page.locator('[data-testid=chart-key] [data-key=uncertain]').waitFor({ state: 'visible' });
      expect(await page.locator('[data-testid=chart] svg .uncertain-ring circle').count()).toBeGreaterThan(0);
    }
    expect(pageProblems(page)).toEqual([]);
  });

  it('keys the marks in English too', async () => {
    const f = await markedFigure();
    const { mark, en } = MARKS[f.period];
    const page = await openView(f, 'en');
    const key = page.locator(`[data-testid=chart-key] [data-key=${mark}]`);
    await key.waitFor({ state: 'visible' });
    expect(await key.innerText()).toContain(en);
    expect(await page.locator('[data-testid=chart] svg .period-label text').allTextContents()).toContain(en);
  });

  it('keys no period or ring when every point is a stated, sure year', async (ctx) => {
    const [plain] = await readParquet<{ indicator: string; measure: string; unit: string; region: string }>(FIGURES, `SELECT indicator, measure, unit, region FROM t
      WHERE year IS NOT NULL GROUP BY ALL
      HAVING bool_and(period IN ('year', 'as_of') AND NOT year_inferred AND confidence >= 0.7)
      ORDER BY count(*) DESC, indicator, measure, unit, region LIMIT 1`);
    if (!plain) ctx.skip(true, 'the seed data has no view whose every figure is of a stated year and sure');
    const page = await openView({ ...plain, figure_id: '', period: 'year', year_inferred: false, confidence: 1 }, 'zh');
    // The key may still name qualifiers or counts its points carry, never a period mark or a ring.
    expect(await page.locator('[data-testid=chart-key] :is([data-key=h1], [data-key=part], [data-key=span], [data-key=uncertain])').count()).toBe(0);
    expect(await page.locator('[data-testid=chart] svg .period-label, [data-testid=chart] svg .uncertain-ring').count()).toBe(0);
  });
});
