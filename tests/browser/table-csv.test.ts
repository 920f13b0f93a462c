/**
 * The figures table: filters by region and indicator reduce its rows to those a
 * direct query of the Parquet files keeps, free text finds 10400家, a link
 * reproduces the filtered view, and the CSV download holds the filtered rows
 * with their sources (title, issuer, published, sentence, quote).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../helpers/csv.ts';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { pageProblems, searchParams, useBrowser } from './harness.ts';

const DATA = join(ROOT, 'static', 'data');
const FIGURES = join(DATA, 'figures.parquet');
const DOCUMENTS = join(DATA, 'documents.parquet').replace(/'/g, "''");

const session = useBrowser();

interface Source { figure_id: string; title: string; issuer: string; published: string | null; sentence: string; quote: string }

/** The figures a filter keeps, with their sources, straight from the Parquet files. */
function expected(where: string): Promise<Source[]> {
  return readParquet<Source>(FIGURES, `SELECT t.figure_id, d.title, d.issuer, CAST(d.published AS VARCHAR) AS published, t.sentence, t.quote
    FROM t JOIN read_parquet('${DOCUMENTS}') d ON d.doc_id = t.doc_id WHERE ${where} ORDER BY t.figure_id`);
}

/** Waits until the table settles on `n` rows in all, and returns the figure ids it shows. */
async function settle(page: Page, n: number): Promise<string[]> {
  await expect.poll(() => page.getAttribute('[data-testid=row-count]', 'data-count'), { timeout: 20_000 }).toBe(String(n));
  await page.waitForSelector('[data-testid=figures-table]:not([aria-busy=true])');
  return page.$$eval('[data-testid=figures-table] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-figure-id') ?? ''));
}

describe('figures table', () => {
  it('filters by region, indicator and free text, and downloads the filtered rows with their sources', async () => {
    const all = await expected('true');
    const wuhan = await expected(`t.region = 'wuhan'`);
    const wuhanHte = await expected(`t.region = 'wuhan' AND t.indicator = 'high_tech_enterprises'`);
    const found = await expected(`strpos(t.sentence, '10400家') > 0 OR strpos(t.quote, '10400家') > 0 OR strpos(t.label, '10400家') > 0 OR strpos(d.title, '10400家') > 0`);
    expect(wuhanHte.length).toBeGreaterThan(0);
    expect(wuhanHte.length).toBeLessThan(wuhan.length);
    expect(wuhanHte.length, 'one page holds every Wuhan high-tech figure').toBeLessThanOrEqual(50);
    expect(found.length).toBeLessThanOrEqual(50);
    expect(found.some((f) => f.quote === '10400家')).toBe(true);

    const page = await session.open('/table');
    const firstPage = await settle(page, all.length);
    expect(firstPage.length).toBe(Math.min(50, all.length));

    // Wuhan alone has more rows than a page: the count is all of them, the page a first 50 of them.
    await page.selectOption('[data-testid=filter-region]', 'wuhan');
    const wuhanIds = new Set(wuhan.map((f) => f.figure_id));
    const wuhanPage = await settle(page, wuhan.length);
    expect(wuhanPage).toHaveLength(Math.min(50, wuhan.length));
    expect(wuhanPage.filter((id) => !wuhanIds.has(id))).toEqual([]);
    await page.selectOption('[data-testid=filter-indicator]', 'high_tech_enterprises');
    expect((await settle(page, wuhanHte.length)).sort()).toEqual(wuhanHte.map((f) => f.figure_id));
    expect(searchParams(page).get('region')).toBe('wuhan');
    expect(searchParams(page).get('indicator')).toBe('high_tech_enterprises');

    // The URL is the state: the same link in a new tab shows the same rows.
    const again = await session.open(new URL(page.url()).pathname + new URL(page.url()).search);
    expect((await settle(again, wuhanHte.length)).sort()).toEqual(wuhanHte.map((f) => f.figure_id));
    await again.close();

    await page.click('[data-testid=clear-filters]');
    await settle(page, all.length);
    await page.fill('[data-testid=filter-q]', '10400家');
    expect((await settle(page, found.length)).sort()).toEqual(found.map((f) => f.figure_id));
    expect(searchParams(page).get('q')).toBe('10400家');
    expect(await page.locator('[data-testid=figures-table] tbody').innerText()).toContain('10400家');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv]')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(bytes.toString('utf8').slice(1));
    for (const column of ['figure_id', 'title', 'issuer', 'published', 'sentence', 'quote']) expect(header).toContain(column);
    const rows = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    const sources = rows
      .map((r) => ({ figure_id: r.figure_id, title: r.title, issuer: r.issuer, published: r.published || null, sentence: r.sentence, quote: r.quote }))
      .sort((a, b) => (a.figure_id < b.figure_id ? -1 : 1));
    expect(sources).toEqual(found);
    expect(pageProblems(page)).toEqual([]);
  });
});
