/**
 * The files a run refused are listed in the library by name with the reason
 * run.json gives: the data here is made by the real pipeline from a copy of
 * seeds/ with an empty file and a spreadsheet added, and served by a second
 * server, so the list is what a real run refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageProblems, useBrowser } from './harness.ts';
import { BROKEN, serveRefusedSite, type RefusedSite } from './refused-site.ts';

const session = useBrowser();
let site: RefusedSite;

beforeAll(async () => {
  site = await serveRefusedSite();
}, 120_000);
afterAll(async () => {
  await site?.close();
});

describe('documents library: refused files', () => {
  it('lists every file the run refused, with its reason, beside every document it read', async () => {
    const refused = site.report.refused;
    expect(refused.map((r) => r.file).sort()).toEqual(Object.keys(BROKEN).sort());
    expect(site.report.documents_read).toBeGreaterThanOrEqual(29);

    const page = await session.context.newPage();
    await page.goto(new URL('docs', site.url).href);
    const list = page.locator('[data-testid=refused-list] li');
    await expect.poll(() => list.count()).toBe(refused.length);
    for (const r of refused) {
      const item = page.locator(`[data-testid=refused-list] li[data-file="${r.file}"]`);
      expect(await item.locator('code').innerText()).toBe(r.file);
      expect(await item.innerText()).toContain(r.reason);
    }
    await page.locator('[data-testid=docs-table]').waitFor();
    expect(await page.getAttribute('[data-testid=docs-count]', 'data-count')).toBe(String(site.report.documents_read));
    expect(await page.locator('[data-testid=refused-none]').count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
  });
});
