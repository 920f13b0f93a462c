/**
 * Regions inside regions (issue 12, item 3): a chart with Hubei and Wuhan says
 * that Wuhan is part of Hubei and that their values are not to be added, draws
 * each at its own value (never stacked or summed), and offers Wuhan's share of
 * Hubei: derived points on a chart of their own, each computed from the figures
 * the two regions' points show for the same indicator, measure, unit, year and
 * stance, each drilling down to both source sentences.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { DATA } from './corpus.ts';
import { chartPoints, pageProblems, searchParams, useBrowser, waitForChart } from './harness.ts';

const VIEW = '/?indicator=high_tech_enterprises&measure=total&unit=count&regions=hubei,wuhan';
const session = useBrowser();

interface Side { region: string; year: number; stance: string; figure_id: string; value: number; quote: string }

/** Per region, year and stance, the whole-year figure a point shows (the most confident, ties by id), straight from figures.parquet. */
async function shown(): Promise<Side[]> {
  return readParquet<Side>(join(DATA, 'figures.parquet'), `SELECT region, CAST(year AS INTEGER) AS year, stance,
      first(figure_id ORDER BY confidence DESC, figure_id) AS figure_id, first(value ORDER BY confidence DESC, figure_id) AS value,
      first(quote ORDER BY confidence DESC, figure_id) AS quote
    FROM t WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND unit = 'count' AND region IN ('hubei', 'wuhan')
      AND year IS NOT NULL AND period IN ('year', 'as_of')
    GROUP BY ALL ORDER BY year, stance`);
}

/** Wuhan's share of Hubei wherever both give a figure of one year and stance. */
async function expectedShares() {
  const sides = await shown();
  return sides.filter((w) => w.region === 'wuhan').flatMap((w) => {
    const h = sides.find((x) => x.region === 'hubei' && x.year === w.year && x.stance === w.stance);
    return h ? [{ id: `${w.figure_id}.${h.figure_id}`, year: w.year, stance: w.stance, share: (w.value / h.value) * 100, wuhan: w, hubei: h }] : [];
  });
}

/** The vertical centre of a chart point on the page. */
async function centreY(page: Page, selector: string): Promise<number> {
  const box = (await page.locator(selector).first().boundingBox())!;
  return box.y + box.height / 2;
}

describe('a city and its province on one chart', () => {
  it('says Wuhan is part of Hubei, draws each at its own value, and offers the share', async () => {
    const page = await session.open(VIEW);
    const points = await waitForChart(page);
    const note = page.locator('[data-testid=nesting-note]');
    await note.waitFor();
    expect(await note.count()).toBe(1);
    expect(await note.getAttribute('data-child')).toBe('wuhan');
    expect(await note.getAttribute('data-parent')).toBe('hubei');
    expect(await note.innerText()).toContain('武汉是湖北的一部分');
    expect(await note.innerText()).toContain('不可相加');

    // Never stacked: Wuhan's 2024 point sits where its own value falls on Hubei's scale, not on top of Hubei's.
    const sides = await shown();
    const at = (region: string, year: number) => sides.find((s) => s.region === region && s.year === year && s.stance === 'actual')!;
    const [h2020, h2024, w2024] = [at('hubei', 2020), at('hubei', 2024), at('wuhan', 2024)];
    const y = (s: Side) => centreY(page, `[data-testid=chart] svg [data-figure-id="${s.figure_id}"]`);
    const perUnit = ((await y(h2020)) - (await y(h2024))) / (h2024.value - h2020.value);
    const predicted = (await y(h2024)) + (h2024.value - w2024.value) * perUnit;
    expect(Math.abs((await y(w2024)) - predicted)).toBeLessThan(3);
    expect(points.some((p) => p.value === h2024.value + w2024.value)).toBe(false);
    expect(await page.locator('[data-testid=chart] svg [aria-label*="stack" i]').count()).toBe(0);

    // The share is an option, off until asked for.
    expect(await page.locator('[data-testid=share-chart]').count()).toBe(0);
    await page.check('[data-testid=opt-share]');
    await expect.poll(() => searchParams(page).get('share')).toBe('1');
    await page.locator('[data-testid=share-chart] [data-derived]').first().waitFor();
    // Derived points are drawn apart: the figures' chart keeps its points.
    expect((await chartPoints(page)).length).toBe(points.length);
    expect(pageProblems(page)).toEqual([]);
  });

  it('each derived share drills down to both source sentences', async () => {
    const expected = await expectedShares();
    expect(expected.length, 'the seeds give Wuhan and Hubei totals of one year').toBeGreaterThanOrEqual(1);
    const page = await session.open(`${VIEW}&share=1`);
    await waitForChart(page);
    const dots = page.locator('[data-testid=share-chart] [data-derived]');
    await dots.first().waitFor();
    const drawn = await dots.evaluateAll((els) => els.map((el) => ({
      id: el.getAttribute('data-derived'), share: Number(el.getAttribute('data-share')), year: Number(el.getAttribute('data-year')),
      stance: el.getAttribute('data-stance'), classes: [...el.classList], fill: getComputedStyle(el).fill, label: el.getAttribute('aria-label') ?? '',
    })));
    expect(drawn.map((d) => d.id).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const d of drawn) {
      const e = expected.find((x) => x.id === d.id)!;
      expect(d.share).toBeCloseTo(e.share, 9);
      expect([d.year, d.stance]).toEqual([e.year, e.stance]);
      // Marked as derived and drawn distinctly: hollow, in the derived class, said so in its name.
      expect(d.classes).toContain('derived-point');
      expect(d.fill).toBe('rgb(255, 255, 255)');
      expect(d.label).toContain('推算值');
    }
    expect(await page.locator('[data-testid=share-section] h2').allInnerTexts()).toEqual(['武汉占湖北的比重(推算值)']);

    for (const e of expected) {
      await page.locator(`[data-testid=share-chart] [data-derived="${e.id}"]`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => searchParams(page).get('derived')).toBe(e.id);
      const panel = page.locator('[data-testid=derived-panel]');
      // The first drill-down waits for DuckDB-WASM to start.
      await panel.locator('[data-testid=derived-source]').nth(1).waitFor();
      await expect.poll(() => panel.locator('[data-testid=derived-source]').evaluateAll((els) => els.map((el) => el.getAttribute('data-figure-id'))))
        .toEqual([e.wuhan.figure_id, e.hubei.figure_id]);
      expect(Number(await panel.getAttribute('data-share'))).toBeCloseTo(e.share, 9);
      for (const [k, side] of [e.wuhan, e.hubei].entries()) {
        const source = panel.locator('[data-testid=derived-source]').nth(k);
        const sentence = source.locator('[data-testid=derived-sentence]');
        expect(await sentence.innerText()).toContain(side.quote);
        expect(await sentence.locator('mark').innerText()).toContain(side.quote);
        const href = new URL((await source.locator('[data-testid=derived-document]').getAttribute('href'))!, page.url());
        expect(href.searchParams.get('figure')).toBe(side.figure_id);
      }
      expect(await panel.innerText()).toContain('推算值');
    }
    expect(pageProblems(page)).toEqual([]);
  });

  it('the small multiples say it once above all their panels', async () => {
    const page = await session.open('/multiples?indicators=high_tech_enterprises,tech_contract_turnover&regions=hubei,wuhan');
    await page.locator('.panel svg [data-figure-id]').first().waitFor();
    const note = page.locator('[data-testid=nesting-note]');
    expect(await note.count()).toBe(1);
    expect(await note.getAttribute('data-child')).toBe('wuhan');
    expect(await note.innerText()).toContain('武汉是湖北的一部分');
    // Without the province, no note.
    await page.locator('[data-testid=region-hubei]').uncheck();
    await expect.poll(() => note.count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
  });

  it('offers no national reference line when the corpus has no national figures of the measure', async () => {
    const national = await readParquet<{ n: number }>(join(DATA, 'figures.parquet'), `SELECT CAST(count(*) AS INTEGER) AS n FROM t
      WHERE region = 'china' AND indicator = 'high_tech_enterprises' AND measure = 'total' AND year IS NOT NULL`);
    const page = await session.open(VIEW);
    await waitForChart(page);
    await page.locator('[data-testid=nesting-note]').waitFor();
    expect(await page.locator('[data-testid=opt-national]').count()).toBe(national[0].n > 0 ? 1 : 0);
  });
});
