/**
 * The documents library (/docs) lists every document of the corpus the site
 * was built from, each with the metadata documents.parquet holds and the number
 * of figures extracted from it, lists what the last run refused (run.json), and
 * a row opens the document view. It is linked from the header in both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, expectedDocs } from './corpus.ts';
import { pageProblems, searchParams, useBrowser } from './harness.ts';

const session = useBrowser();

describe('documents library', () => {
  it('lists every document with its metadata and figure count, and what the last run refused', async () => {
    const docs = await expectedDocs();
    expect(docs.length, 'the corpus under seeds/').toBeGreaterThanOrEqual(29);
    const run = JSON.parse(readFileSync(join(DATA, 'run.json'), 'utf8')) as { refused: Array<{ file: string; reason: string }> };

    const page = await session.open('/');
    await page.click('header nav a[href*="/docs"]');
    await page.waitForURL(/\/docs/);
    const table = page.locator('[data-testid=docs-table]');
    await table.waitFor();
    expect(await page.getAttribute('[data-testid=docs-count]', 'data-count')).toBe(String(docs.length));

    const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => {
      const cells = [...r.querySelectorAll('td')].map((td) => td.innerText.trim());
      return {
        doc_id: r.getAttribute('data-doc-id'),
        cells,
        source: r.querySelector('td.source a')?.getAttribute('href') ?? null,
        warnings: r.querySelectorAll('td.warnings li').length,
      };
    }));
    expect(shown.map((r) => r.doc_id).sort()).toEqual(docs.map((d) => d.doc_id));
    for (const d of docs) {
      const row = shown.find((r) => r.doc_id === d.doc_id)!;
      const [title, issuer, date, , genre, , scriptEncoding, figures] = row.cells;
      expect(title, d.doc_id).toContain(d.title);
      expect(issuer, d.doc_id).toBe(d.issuer || '—');
      if (d.published) expect(date, d.doc_id).toBe(d.published);
      else expect(date, d.doc_id).toBe(`${d.current_year}\n${d.date_source}`);
      expect(genre, d.doc_id).toBe(d.genre ?? '—');
      expect(row.source, d.doc_id).toBe(d.source_url);
      expect(scriptEncoding, d.doc_id).toContain(d.encoding);
      expect(Number(figures), d.doc_id).toBe(d.figures);
      expect(row.warnings, d.doc_id).toBe(d.warnings);
    }
    // At least one document is known only by its year, and one has a source URL: both kinds are shown.
    expect(docs.some((d) => !d.published && d.current_year)).toBe(true);
    expect(docs.some((d) => d.source_url)).toBe(true);

    const refused = page.locator('[data-testid=refused]');
    if (run.refused.length === 0) await refused.locator('[data-testid=refused-none]').waitFor();
    else expect(await refused.locator('li').allInnerTexts()).toHaveLength(run.refused.length);
    expect(pageProblems(page)).toEqual([]);
  });

  it('a row opens the document view, and the header links the library in English too', async () => {
    const [doc] = (await expectedDocs()).filter((d) => d.figures > 0);
    const page = await session.open('/docs?lang=en');
    await page.locator('[data-testid=docs-table]').waitFor();
    await expect.poll(() => page.locator('header nav a[href*="/docs"]').innerText()).toBe('Documents');
    expect(await page.locator('header nav a[href*="/docs"]').getAttribute('aria-current')).toBe('page');
    await page.locator(`tr[data-doc-id="${doc.doc_id}"] a[data-testid=docs-open]`).click();
    await page.waitForURL(/\/doc\?/);
    expect(searchParams(page).get('doc')).toBe(doc.doc_id);
    expect(searchParams(page).get('lang')).toBe('en');
    await expect.poll(() => page.locator('[data-testid=doc-title]').innerText()).toBe(doc.title || doc.doc_id);
    // Its figures are marked in its text (a span inside another's shows as one mark, so there may be fewer marks).
    await expect.poll(() => page.locator('[data-testid=document-text] mark[data-figure-id]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=document-text] mark[data-figure-id]').count()).toBeLessThanOrEqual(doc.figures);
    expect(pageProblems(page)).toEqual([]);
  });
});
