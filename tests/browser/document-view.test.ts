/**
 * The document view: reached from a figure's panel, it opens at the figure's
 * sentence with every extracted figure marked; the raw-text switch keeps the marks.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { pageProblems, pointLocator, searchParams, useBrowser, waitForChart, waitForPanel } from './harness.ts';

const DATA = join(ROOT, 'static', 'data');
const TEXT = '[data-testid=document-text]';

interface FigureSpan { figure_id: string; doc_id: string; quote: string; raw_start: number; raw_end: number; sentence_raw_start: number; sentence_raw_end: number }

const session = useBrowser();

function figuresWhere(where: string): Promise<FigureSpan[]> {
  return readParquet<FigureSpan>(join(DATA, 'figures.parquet'),
    `SELECT figure_id, doc_id, quote, raw_start, raw_end, sentence_raw_start, sentence_raw_end FROM t WHERE ${where} ORDER BY raw_start`);
}

async function rawText(docId: string): Promise<string> {
  const [doc] = await readParquet<{ raw_text: string }>(join(DATA, 'documents.parquet'), `SELECT raw_text FROM t WHERE doc_id = '${docId}'`);
  return doc.raw_text;
}

/** The marks of the document text: id, text and whether it is the current one. */
function marks(page: Page) {
  return page.$$eval(`${TEXT} mark[data-figure-id]`, (els) =>
    els.map((el) => ({ id: el.getAttribute('data-figure-id')!, text: el.textContent ?? '', current: el.classList.contains('current') })));
}

/** Waits until the current mark is `figureId` and lies wholly within the viewport. */
async function expectCurrentInView(page: Page, figureId: string) {
  const current = page.locator(`${TEXT} mark.current`);
  await current.first().waitFor();
  expect(await current.count()).toBe(1);
  expect(await current.getAttribute('data-figure-id')).toBe(figureId);
  await expect
    .poll(() => current.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
    }), { timeout: 5_000, message: 'the current mark is not within the viewport' })
    .toBe(true);
}

describe('document view', () => {
  it("opens from the panel's link at the 10400家 sentence, every figure marked", async () => {
    const [figure] = await figuresWhere(`indicator = 'high_tech_enterprises' AND measure = 'total' AND region = 'hubei' AND year = 2020 AND quote = '10400家'`);
    const inDoc = await figuresWhere(`doc_id = '${figure.doc_id}'`);
    const page = await session.open('/?indicator=high_tech_enterprises&measure=total&unit=count');
    await waitForChart(page);
    // Another document's 10404家 is drawn over this point, so the keyboard opens it (a click would reach the other).
    await pointLocator(page, { region: 'hubei', year: 2020, stance: 'actual', figureId: figure.figure_id }).focus();
    await page.keyboard.press('Enter');
    const panel = await waitForPanel(page);
    await panel.locator('a[data-testid=open-document]').click();
    await page.waitForURL(/\/doc\?/);
    expect(searchParams(page).get('doc')).toBe(figure.doc_id);
    expect(searchParams(page).get('figure')).toBe(figure.figure_id);

    await expectCurrentInView(page, figure.figure_id);
    const shown = await marks(page);
    expect(shown.map((m) => m.id).sort()).toEqual(inDoc.map((f) => f.figure_id).sort());
    expect(shown.find((m) => m.current)?.text).toContain('10400家');

    await page.click('[data-testid=raw-toggle]');
    await expect.poll(async () => (await marks(page)).map((m) => m.id).sort()).toEqual(inDoc.map((f) => f.figure_id).sort());
    await expectCurrentInView(page, figure.figure_id);
    const raw = await rawText(figure.doc_id);
    const rawMarks = await marks(page);
    for (const f of inDoc) expect(rawMarks.find((m) => m.id === f.figure_id)?.text, f.figure_id).toBe(f.quote);
    expect(await page.locator(TEXT).textContent()).toContain(raw.slice(figure.sentence_raw_start, figure.sentence_raw_end));
    expect(pageProblems(page)).toEqual([]);
  });

  it('the raw switch of a Traditional-script document shows the characters the file had, with the same marks', async () => {
    const [figure] = await figuresWhere(`indicator = 'tech_contract_turnover' AND measure = 'amount' AND region = 'wuhan' AND year = 2021`);
    expect(figure.quote).toBe('1000億元');
    const inDoc = await figuresWhere(`doc_id = '${figure.doc_id}'`);
    const page = await session.open(`/doc?doc=${encodeURIComponent(figure.doc_id)}&figure=${figure.figure_id}`);
    await expectCurrentInView(page, figure.figure_id);
    expect((await marks(page)).find((m) => m.current)?.text).toContain('1000亿元');

    await page.click('[data-testid=raw-toggle]');
    await expect.poll(async () => (await marks(page)).find((m) => m.current)?.text).toBe('1000億元');
    await expectCurrentInView(page, figure.figure_id);
    const rawMarks = await marks(page);
    expect(rawMarks.map((m) => m.id).sort()).toEqual(inDoc.map((f) => f.figure_id).sort());
    for (const f of inDoc) expect(rawMarks.find((m) => m.id === f.figure_id)?.text, f.figure_id).toBe(f.quote);
    expect(await page.locator(TEXT).textContent()).toBe(await rawText(figure.doc_id));
  });
});
