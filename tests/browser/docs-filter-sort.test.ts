/**
 * The documents library filters by free text (title, issuer, genre; any case),
 * by region and by genre, sorts by date, title, region and figure count, and
 * keeps all of it in its URL; every result is checked against the Parquet files.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectedDocs, type ExpectedDoc } from './corpus.ts';
import { pageProblems, searchParams, useBrowser } from './harness.ts';

const session = useBrowser();

/** Waits until the table shows `ids`, in that order. */
async function expectRows(page: Page, ids: string[]) {
  await expect
    .poll(() => page.$$eval('[data-testid=docs-table] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-doc-id'))), { timeout: 20_000 })
    .toEqual(ids);
  expect(await page.getAttribute('[data-testid=docs-count]', 'data-count')).toBe(String(ids.length));
}

const byId = (a: ExpectedDoc, b: ExpectedDoc) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0);
const cmp = <T>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);
const yearOf = (d: ExpectedDoc) => (d.published ? Number(d.published.slice(0, 4)) : d.current_year);
const ids = (docs: ExpectedDoc[]) => docs.map((d) => d.doc_id);

/** The date order: year (a year-only document by its current year), then a year-only one before the dated ones, then the date. */
function byDate(descending: boolean) {
  const sign = descending ? -1 : 1;
  return (a: ExpectedDoc, b: ExpectedDoc) => {
    const ya = yearOf(a), yb = yearOf(b);
    if (ya !== yb) return ya === null ? 1 : yb === null ? -1 : sign * (ya - yb);
    if (a.published !== b.published) return a.published === null ? -1 : b.published === null ? 1 : sign * cmp(a.published, b.published);
    return byId(a, b);
  };
}

describe('documents library: filter and sort', () => {
  it('filters by text, region and genre as the documents hold them, and the URL keeps the view', async () => {
    const docs = await expectedDocs();
    const newest = [...docs].sort(byDate(true));
    const matching = (q: string) => newest.filter((d) => [d.title, d.issuer, d.genre ?? ''].some((s) => s.toLowerCase().includes(q.toLowerCase())));

    const page = await session.open('/docs');
    await expectRows(page, ids(newest));

    await page.fill('[data-testid=docs-q]', '答复');
    const replies = matching('答复');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.length).toBeLessThan(docs.length);
    await expectRows(page, ids(replies));
    expect(searchParams(page).get('q')).toBe('答复');

    // Genres are English descriptions: the search ignores case.
    await page.fill('[data-testid=docs-q]', 'cppcc');
    const cppcc = matching('cppcc');
    expect(cppcc.length).toBeGreaterThan(0);
    await expectRows(page, ids(cppcc));

    await page.click('[data-testid=docs-clear]');
    await expectRows(page, ids(newest));
    await page.selectOption('[data-testid=docs-region]', 'chongqing');
    const chongqing = newest.filter((d) => d.region === 'chongqing');
    expect(chongqing.length).toBeGreaterThan(0);
    await expectRows(page, ids(chongqing));

    const genre = chongqing[0].genre!;
    await page.selectOption('[data-testid=docs-genre]', genre);
    await expectRows(page, ids(chongqing.filter((d) => d.genre === genre)));
    expect(searchParams(page).get('region')).toBe('chongqing');
    expect(searchParams(page).get('genre')).toBe(genre);

    const again = await session.open(new URL(page.url()).pathname + new URL(page.url()).search);
    await expectRows(again, ids(chongqing.filter((d) => d.genre === genre)));
    expect(await again.inputValue('[data-testid=docs-region]')).toBe('chongqing');
    await again.close();

    await page.fill('[data-testid=docs-q]', 'no document says this 无此文档');
    await expect.poll(() => page.locator('[data-testid=status]').innerText()).toContain('无此文档');
    expect(pageProblems(page)).toEqual([]);
  });

  it('sorts by date both ways, by title, by region and by figure count', async () => {
    const docs = await expectedDocs();
    const page = await session.open('/docs');
    await expectRows(page, ids([...docs].sort(byDate(true))));

    await page.click('[data-testid=docs-sort-date]');
    await expectRows(page, ids([...docs].sort(byDate(false))));
    expect(searchParams(page).get('dir')).toBe('asc');
    expect(await page.getAttribute('th:has([data-testid=docs-sort-date])', 'aria-sort')).toBe('ascending');

    // Titles in code-point order, as DuckDB compares strings.
    await page.click('[data-testid=docs-sort-title]');
    await expectRows(page, ids([...docs].sort((a, b) => cmp(a.title, b.title) || byId(a, b))));
    await page.click('[data-testid=docs-sort-title]');
    await expectRows(page, ids([...docs].sort((a, b) => cmp(b.title, a.title) || byId(a, b))));

    await page.click('[data-testid=docs-sort-region]');
    await expectRows(page, ids([...docs].sort((a, b) => cmp(a.region, b.region)
      || (a.published === b.published ? 0 : a.published === null ? 1 : b.published === null ? -1 : cmp(b.published, a.published)) || byId(a, b))));

    await page.click('[data-testid=docs-sort-figures]');
    const most = [...docs].sort((a, b) => b.figures - a.figures || byId(a, b));
    await expectRows(page, ids(most));
    const counts = await page.$$eval('[data-testid=docs-figures]', (cells) => cells.map((c) => Number(c.textContent)));
    expect(counts).toEqual(most.map((d) => d.figures));
    expect(searchParams(page).get('sort')).toBe('figures');
    expect(pageProblems(page)).toEqual([]);
  });
});
