/**
 * The targets view (issue 12, item 2): /targets lists every target of the
 * served corpus with the actual of the same region, indicator, measure, unit
 * and year, and the attainment and outcome it shows are those of a direct
 * DuckDB query over the Parquet files (tests/helpers/targets-direct.ts, written
 * apart from the dashboard's query); it sorts like /table, filters by outcome,
 * and a target opens on the compare chart, joined to its actual, with the
 * figure panel saying the same attainment.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { parseCsv } from '../helpers/csv.ts';
import { describe, expect, it } from 'vitest';
import { directPairs, type DirectPair } from '../helpers/targets-direct.ts';
import { formatAttainment, statusWord } from '../../src/lib/targets.ts';
import { DATA } from './corpus.ts';
import { pageProblems, searchParams, useBrowser, WAIT_MS, waitForChart } from './harness.ts';

const session = useBrowser();

interface ShownRow {
  key: string;
  targetId: string;
  actualId: string;
  attainment: string;
  met: string;
  attainmentText: string;
  metText: string;
}

const keyOf = (p: Pick<DirectPair, 'region' | 'indicator' | 'measure' | 'unit' | 'year'>) => [p.region, p.indicator, p.measure, p.unit, p.year].join('|');

function shownRows(page: Page): Promise<ShownRow[]> {
  return page.$$eval('[data-testid=target-row]', (rows) => rows.map((el) => {
    const d = (el as HTMLElement).dataset;
    return {
      key: [d.region, d.indicator, d.measure, d.unit, d.year].join('|'),
      targetId: d.targetId ?? '', actualId: d.actualId ?? '', attainment: d.attainment ?? '', met: d.met ?? '',
      attainmentText: el.querySelector('[data-testid=attainment]')?.textContent?.trim() ?? '',
      metText: el.querySelector('[data-testid=met]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    };
  }));
}

/** Waits until the table shows the rows of the URL's state (the view marks it busy while a query runs). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid=targets-table]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: WAIT_MS });
}

async function openTargets(path = '/targets'): Promise<Page> {
  const page = await session.open(path);
  await page.locator('[data-testid=target-row]').first().waitFor();
  return page;
}

describe('targets against actuals', () => {
  it('shows, for every target, the attainment and outcome the direct DuckDB query gives', async () => {
    const direct = await directPairs(DATA);
    const paired = direct.filter((d) => d.actual_id !== null);
    expect(paired.length, 'the seeds hold targets with actuals').toBeGreaterThanOrEqual(2);
    const page = await openTargets();
    const shown = await shownRows(page);
    expect(shown.map((s) => s.key).sort()).toEqual(direct.map(keyOf).sort());
    const byKey = new Map(direct.map((d) => [keyOf(d), d]));
    for (const s of shown) {
      const d = byKey.get(s.key)!;
      expect(s.targetId, s.key).toBe(d.target_id);
      expect(s.actualId, s.key).toBe(d.actual_id ?? '');
      if (d.attainment === null) {
        expect(s.attainment, s.key).toBe('');
      } else {
        expect(Math.abs(Number(s.attainment) - d.attainment), `${s.key}: ${s.attainment} vs ${d.attainment}`).toBeLessThanOrEqual(1e-12 * d.attainment);
        // The words on the page: a percentage with one decimal.
        expect(Math.abs(Number(s.attainmentText.replace(/[%,]/g, '')) - d.attainment * 100), s.key).toBeLessThanOrEqual(0.05 + 1e-9);
      }
      expect(s.attainmentText, s.key).toBe(formatAttainment(d.attainment, 'zh'));
      expect(s.met, s.key).toBe(d.met === null ? 'unknown' : String(d.met));
      expect(s.metText, s.key).toContain(statusWord(d.met, 'zh'));
    }
    const count = page.locator('[data-testid=targets-count]');
    expect(await count.getAttribute('data-count')).toBe(String(direct.length));
    expect(await count.innerText()).toContain(`${paired.filter((d) => d.met).length} 个已达成`);
    expect(pageProblems(page)).toEqual([]);
  });

  it('sorts by attainment like /table, and filters by outcome', async () => {
    const direct = await directPairs(DATA);
    const page = await openTargets();
    await page.click('[data-testid=targets-sort-attainment]');
    await expect.poll(() => searchParams(page).get('sort')).toBe('attainment');
    await settled(page);
    const sorted = (await shownRows(page)).map((s) => s.attainment);
    const known = sorted.filter((a) => a !== '').map(Number);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    // Targets with no actual come last.
    expect(sorted.slice(known.length).every((a) => a === '')).toBe(true);
    expect(await page.locator('th[aria-sort=descending]').innerText()).toContain('完成率');

    await page.selectOption('[data-testid=targets-status]', 'met');
    await expect.poll(() => searchParams(page).get('status')).toBe('met');
    await settled(page);
    expect((await shownRows(page)).map((s) => s.key).sort()).toEqual(direct.filter((d) => d.met === true).map(keyOf).sort());
  });

  it('downloads every target the filter keeps as CSV, each with both sources, the attainment and the outcome of the direct query', async () => {
    const direct = await directPairs(DATA);
    const byKey = new Map(direct.map((d) => [keyOf(d), d]));
    const page = await openTargets();
    const csvOf = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=targets-csv]')]);
      const bytes = readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...records] = parseCsv(bytes.toString('utf8').slice(1));
      const rows = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])) as Record<string, string>);
      return { name: download.suggestedFilename(), header, rows };
    };
    const all = await csvOf();
    expect(all.name).toBe('kelan-targets.csv');
    for (const column of ['target_sentence', 'target_title', 'actual_sentence', 'actual_title', 'attainment', 'met', 'data_version']) expect(all.header).toContain(column);
    const csvKey = (r: Record<string, string>) => [r.region, r.indicator, r.measure, r.unit, r.year].join('|');
    expect(all.rows.map(csvKey).sort()).toEqual(direct.map(keyOf).sort());
    for (const r of all.rows) {
      const d = byKey.get(csvKey(r))!;
      expect(r.target_id).toBe(d.target_id);
      expect(r.actual_id).toBe(d.actual_id ?? '');
      expect(r.met).toBe(d.met === null ? '' : String(d.met));
      if (d.attainment === null) expect(r.attainment).toBe('');
      else expect(Number(r.attainment)).toBeCloseTo(d.attainment, 12);
      expect(r.target_sentence, 'the target\'s sentence').not.toBe('');
      if (d.actual_id) expect(r.actual_sentence, 'the actual\'s sentence').not.toBe('');
    }

    await page.selectOption('[data-testid=targets-status]', 'met');
    await expect.poll(() => searchParams(page).get('status')).toBe('met');
    await settled(page);
    const met = await csvOf();
    expect(met.name).toBe('kelan-targets-met.csv');
    expect(met.rows.map(csvKey).sort()).toEqual(direct.filter((d) => d.met === true).map(keyOf).sort());
    expect(pageProblems(page)).toEqual([]);
  });

  it('opens a target on the compare chart, joined to its actual, and the figure panel says the same attainment', async () => {
    const [pair] = (await directPairs(DATA)).filter((d) => d.actual_id !== null);
    const page = await openTargets();
    const row = page.locator(`[data-testid=target-row][data-target-id="${pair.target_id}"]`);
    await row.locator('[data-testid=target-value]').click();
    await page.waitForURL(/\/\?/);
    await waitForChart(page);
    expect(searchParams(page).get('figure')).toBe(pair.target_id);
    expect(searchParams(page).get('targets')).toBe('1');
    const arrow = page.locator(`[data-testid=chart] .target-link path[data-target-id="${pair.target_id}"]`);
    await arrow.waitFor({ state: 'attached' });
    expect(await arrow.getAttribute('data-actual-id')).toBe(pair.actual_id);
    expect(Number(await arrow.getAttribute('data-attainment'))).toBeCloseTo(pair.attainment!, 12);
    const panel = page.locator('[data-testid=figure-attainment]');
    await panel.waitFor();
    expect(await panel.getAttribute('data-actual-id')).toBe(pair.actual_id);
    expect(Number(await panel.getAttribute('data-attainment'))).toBeCloseTo(pair.attainment!, 12);
    expect(await panel.locator('[data-testid=pair-attainment]').innerText()).toBe(formatAttainment(pair.attainment, 'zh'));
    // The chart's SVG export draws the same arrow, and its embed code asks for it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-svg]')]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg).toContain(`data-target-id="${pair.target_id}"`);
    expect(svg).toContain(`data-actual-id="${pair.actual_id}"`);
    // From the target's panel to the actual's: the same pair, seen from the other figure.
    await panel.locator('[data-testid=pair-open-actual]').click();
    await expect.poll(() => searchParams(page).get('figure')).toBe(pair.actual_id);
    await expect.poll(() => page.locator('[data-testid=figure-attainment]').getAttribute('data-target-id'), { timeout: WAIT_MS }).toBe(pair.target_id);
    // So does the printable report the chart links to.
    await page.click('[data-testid=report-link]');
    await page.waitForURL(/\/report\?/);
    expect(searchParams(page).get('targets')).toBe('1');
    const printed = page.locator(`[data-testid=report-chart] .target-link path[data-target-id="${pair.target_id}"]`);
    await printed.waitFor({ state: 'attached' });
    expect(await printed.getAttribute('data-actual-id')).toBe(pair.actual_id);
    expect(pageProblems(page)).toEqual([]);
  });
});
