/**
 * The labels of `other` browsable as indicators: the picker lists the most
 * frequent of them under 其他, each its own entry; choosing one draws that label's
 * figures only, a point opens the figure panel quoting one of them (its other
 * sources listed without it), and the view's link, the English names and the
 * small multiples keep the label.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { chartPoints, pageProblems, searchParams, useBrowser, waitForChart, waitForPanel, WAIT_MS } from './harness.ts';

const FIGURES = join(ROOT, 'static', 'data', 'figures.parquet');
const POINTS = '[data-testid=chart] svg [data-figure-id]:not(.pre *)';

const session = useBrowser();

interface Figure { figure_id: string; doc_id: string; region: string; year: number; stance: string; measure: string; unit: string; quote: string }

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The dated figures of one label of `other`, as the pipeline wrote them. */
function figuresOf(label: string): Promise<Figure[]> {
  return readParquet<Figure>(FIGURES, `SELECT figure_id, doc_id, region, year, stance, measure, unit, quote FROM t
    WHERE indicator = 'other' AND label = ${sqlText(label)} AND year IS NOT NULL ORDER BY figure_id`);
}

/** The picker's entries for labels of `other`: value, text, and the group they sit in. */
function labelOptions(page: Page) {
  return page.$$eval('select[data-testid=indicator] option', (els) =>
    els.filter((o) => (o as HTMLOptionElement).value.startsWith('other:')).map((o) => ({
      value: (o as HTMLOptionElement).value,
      text: o.textContent?.trim() ?? '',
      group: o.parentElement?.tagName === 'OPTGROUP' ? o.parentElement.getAttribute('label') : null,
    })));
}

/** Waits until every point drawn is one of `ids` (the previous chart stays until the next draws). */
async function waitForPointsAmong(page: Page, ids: string[]) {
  await page.waitForFunction(
    ({ points, want }) => {
      const drawn = [...document.querySelectorAll(points)].map((e) => e.getAttribute('data-figure-id'));
      return drawn.length > 0 && drawn.every((id) => want.includes(id!));
    },
    { points: POINTS, want: ids },
    { timeout: WAIT_MS, polling: 100 },
  );
  return chartPoints(page);
}

describe('labels of other in the compare view', () => {
  it('are listed under 其他; one chosen draws its own figures, and a point opens a figure quoting that label', async () => {
    const page = await session.open('/');
    await waitForChart(page);
    const options = await labelOptions(page);
    expect(options.length, 'the picker lists frequent labels of other').toBeGreaterThan(1);
    expect(new Set(options.map((o) => o.group))).toEqual(new Set(['其他']));
    // Most figures first, each with its count.
    const counts = options.map((o) => Number(/\((\d+)\)$/.exec(o.text)?.[1]));
    expect(counts.every((n) => n >= 2)).toBe(true);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);

    const { value } = options[0];
    const label = value.slice('other:'.length);
    const figures = await figuresOf(label);
    expect(figures.length, `${label} has dated figures`).toBeGreaterThanOrEqual(2);
    const ids = figures.map((f) => f.figure_id);

    await page.selectOption('select[data-testid=indicator]', value);
    await expect.poll(() => searchParams(page).get('indicator')).toBe(value);
    const points = await waitForPointsAmong(page, ids);
    expect(points.length).toBeGreaterThan(0);
    expect(await page.locator('h1').innerText()).toContain(label);
    expect(await page.inputValue('select[data-testid=indicator]')).toBe(value);

    // A click opens the figure drawn on top there: one of this label's.
    const target = page.locator(`${POINTS}[data-figure-id="${points[0].figureId}"]`);
    const box = (await target.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => searchParams(page).get('figure')).toMatch(/^[0-9a-f]{16}$/);
    const opened = figures.find((f) => f.figure_id === searchParams(page).get('figure'));
    expect(opened, 'the click opened a figure of the label').toBeDefined();
    const panel = await waitForPanel(page);
    expect(await panel.locator('.written q').innerText()).toBe(opened!.quote);
    // The sentence names what is counted, the label the figure was read with, and marks the number.
    expect(await panel.locator('[data-testid=figure-sentence]').innerText()).toContain(label);
    expect((await panel.locator('[data-testid=figure-sentence] mark').innerText()).trim()).not.toBe('');

    // Its other sources: the figures of the same fact and label, never itself.
    const others = figures.filter((f) => f.figure_id !== opened!.figure_id && f.region === opened!.region && f.year === opened!.year
      && f.stance === opened!.stance && f.measure === opened!.measure && f.unit === opened!.unit);
    expect(await panel.locator('[data-testid=same-fact] li').count()).toBe(others.length);
    for (const href of await panel.locator('[data-testid=same-fact] li a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      expect(new URL(href, page.url()).searchParams.get('figure')).not.toBe(opened!.figure_id);
    }

    // The link reproduces the view in a fresh context, with the label chosen and the figure open.
    const stranger = await (await session.newContext()).newPage();
    await stranger.goto(page.url());
    await waitForPointsAmong(stranger, ids);
    expect(await stranger.inputValue('select[data-testid=indicator]')).toBe(value);
    expect(await (await waitForPanel(stranger)).locator('.written q').innerText()).toBe(opened!.quote);
    expect(pageProblems(page)).toEqual([]);
    expect(pageProblems(stranger)).toEqual([]);
  });

  it('are named in English with the Chinese label, and charted in the small multiples', async () => {
    const zh = await session.open('/');
    await waitForChart(zh);
    const [{ value }] = await labelOptions(zh);
    const label = value.slice('other:'.length);
    const ids = (await figuresOf(label)).map((f) => f.figure_id);

    const en = await session.open(`/?${new URLSearchParams({ indicator: value, lang: 'en' })}`);
    await waitForPointsAmong(en, ids);
    const option = (await labelOptions(en)).find((o) => o.value === value)!;
    expect(option.text).toMatch(new RegExp(`^Other: ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\)$`));
    expect(await en.locator('h1').innerText()).toContain(`Other: ${label}`);

    const multiples = await session.open(`/multiples?${new URLSearchParams({ indicators: `high_tech_enterprises,${value}`, regions: 'hubei,wuhan,chongqing' })}`);
    expect(await multiples.isChecked(`input[type=checkbox][data-testid="panel-${value}"]`)).toBe(true);
    const panel = multiples.locator('section.panel', { hasText: label });
    await panel.locator('svg [data-figure-id]').first().waitFor({ timeout: WAIT_MS });
    const drawn = await panel.locator('svg [data-figure-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure-id')));
    expect(drawn.every((id) => ids.includes(id!))).toBe(true);
    expect(pageProblems(en)).toEqual([]);
    expect(pageProblems(multiples)).toEqual([]);
  });
});
