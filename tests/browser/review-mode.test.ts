/**
 * Review mode (scripts/review.ts) end to end, on a temporary copy of the seeds with a
 * temporary corrections folder and output: in the figure panel an analyst fixes a
 * figure's year; the line lands in corrections/review.jsonl, the page reloads and the
 * chart draws the point at its new year, marked reviewed; a second pipeline run keeps
 * the fix; a change to the document's text orphans it and run.json says so. Then the
 * other three decisions through the page: confirm (the point is marked reviewed),
 * reject (the point goes), and add, from a selection of the raw text in the document
 * view (the figure is in the next tables, reviewed).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { review, type Reviewing } from '../../scripts/review.ts';
import { runPipeline, type PipelineReport } from '../../pipelines/run.ts';
import { CHROMIUM, CONTEXT_OPTIONS, pointLocator, waitForChart, waitForPanel, WAIT_MS } from './harness.ts';

type Fig = { figure_id: string; doc_id: string; region: string; year: number; quote: string; raw_start: number; reviewed: boolean | null };
const VIEW = '/?indicator=high_tech_enterprises&measure=total&unit=count&regions=hubei';

let work: string;
let server: Reviewing;
let browser: Browser;
let fig: Fig;
let newYear: number;
const dir = (x: string) => join(work, x);
const options = (output: string) => ({ input: dir('corpus'), output: dir(output), cache: dir('cache'), corrections: dir('corrections') });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kelan-review-browser-'));
  cpSync(join(ROOT, 'seeds'), dir('corpus'), { recursive: true });
  server = await review({ site: process.env.KELAN_BUILD_DIR || join(ROOT, 'build'), ...options('data'), port: 0, who: 'browser-test' });
  // The point Hubei's 2020 total shows: the most confident figure of that fact.
  [fig] = await readParquet<Fig>(dir('data/figures.parquet'), `SELECT figure_id, doc_id, region, year, quote, raw_start, reviewed FROM t
    WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND unit = 'count' AND region = 'hubei' AND year = 2020 AND stance = 'actual'
    ORDER BY confidence DESC, figure_id LIMIT 1`);
  const years = (await readParquet<{ year: number }>(dir('data/figures.parquet'), `SELECT DISTINCT year FROM t
    WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND region = 'hubei' AND year IS NOT NULL`)).map((r) => r.year);
  // A year Hubei has no such point in, so the fixed figure is the one drawn there.
  newYear = Math.min(...years) - 1;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('review mode', () => {
  it('fix a figure\'s year in the panel: the line lands in corrections/, the chart moves the point', async () => {
    expect(fig).toBeDefined();
    const context = await browser.newContext(CONTEXT_OPTIONS);
    context.setDefaultTimeout(WAIT_MS);
    const problems: string[] = [];
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(new URL(VIEW, server.url).href);
    await waitForChart(page);
    await pointLocator(page, { region: 'hubei', year: 2020, stance: 'actual', figureId: fig.figure_id }).first().click();
    const panel = await waitForPanel(page);
    await panel.locator('[data-testid=review-controls]').waitFor();
    await panel.locator('[data-testid=review-fix]').click();
    await panel.locator('[data-testid=review-field-year]').fill(String(newYear));
    await panel.locator('[data-testid=review-note]').fill('browser test');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/review') && r.request().method() === 'POST', { timeout: 120_000 });
    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    await panel.locator('[data-testid=review-save]').click();
    // The page reloads on the answer, so its body is gone from the browser: the server's last run says what became of it.
    expect((await saved).status()).toBe(200);
    await reloaded;
    expect(server.report()!.corrections).toMatchObject({ applied: 1, orphaned: [], refused: [] });

    const lines = readFileSync(dir('corrections/review.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ doc_id: fig.doc_id, quote: fig.quote, raw_start: fig.raw_start, action: 'fix', set: { year: newYear }, who: 'browser-test', note: 'browser test' })]);

    await waitForChart(page);
    await expect.poll(() => pointLocator(page, { region: 'hubei', year: newYear, figureId: fig.figure_id }).count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
    expect(await pointLocator(page, { region: 'hubei', year: 2020, figureId: fig.figure_id }).count()).toBe(0);
    // Marked reviewed on the chart: the point says so, and a check mark is drawn beside it.
    expect(await pointLocator(page, { region: 'hubei', year: newYear, figureId: fig.figure_id }).first().getAttribute('data-reviewed')).toBe('1');
    expect(await page.locator('[data-testid=chart] svg .reviewed-mark text').count()).toBeGreaterThan(0);
    // The panel of the fixed figure says it is reviewed.
    await pointLocator(page, { region: 'hubei', year: newYear, figureId: fig.figure_id }).first().click();
    const again = await waitForPanel(page);
    await again.locator('[data-testid=reviewed-mark]').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('a second pipeline run keeps the fix', async () => {
    const report = await runPipeline(options('again'));
    expect(report.corrections).toMatchObject({ applied: 1, orphaned: [], refused: [] });
    const [now] = await readParquet<Fig>(dir('again/figures.parquet'), `SELECT figure_id, year, reviewed FROM t WHERE figure_id = '${fig.figure_id}'`);
    expect(now).toMatchObject({ year: newYear, reviewed: true });
  }, 120_000);

  it('a change to the document\'s text orphans the fix, and run.json says so', async () => {
    const [{ file }] = await readParquet<{ file: string }>(dir('data/documents.parquet'), `SELECT file FROM t WHERE doc_id = '${fig.doc_id.replace(/'/g, "''")}'`);
    const path = join(dir('corpus'), file);
    writeFileSync(path, `新增一行。\n${readFileSync(path, 'utf8')}`);
    await runPipeline(options('changed'));
    const run = JSON.parse(readFileSync(dir('changed/run.json'), 'utf8')) as PipelineReport;
    expect(run.corrections!.applied).toBe(0);
    expect(run.corrections!.orphaned).toEqual([expect.objectContaining({ source: 'review.jsonl:1', doc_id: fig.doc_id, quote: fig.quote, reason: 'the document changed: the span no longer says the quote' })]);
    const moved = await readParquet<Fig>(dir('changed/figures.parquet'), `SELECT year, reviewed FROM t WHERE doc_id = '${fig.doc_id.replace(/'/g, "''")}' AND quote = '${fig.quote}'`);
    expect(moved.every((f) => !f.reviewed)).toBe(true);
    expect(moved.some((f) => f.year === 2020)).toBe(true);
  }, 120_000);

  it('confirm and reject in the panel, add from a selection in the document view: each line lands, the tables follow', async () => {
    const figures = () => readParquet<Fig & { value: number }>(dir('data/figures.parquet'), `SELECT figure_id, doc_id, region, year, quote, raw_start, reviewed, value FROM t
      WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND unit = 'count' AND region = 'chongqing' AND stance = 'actual'
      QUALIFY row_number() OVER (PARTITION BY year ORDER BY confidence DESC, figure_id) = 1 ORDER BY year`);
    const [toReject, toConfirm] = await figures();
    expect(toConfirm, 'the seeds have two years of Chongqing\'s high-tech enterprises').toBeDefined();
    const lines = () => readFileSync(dir('corrections/review.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const context = await browser.newContext(CONTEXT_OPTIONS);
    context.setDefaultTimeout(WAIT_MS);
    const problems: string[] = [];
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    const decide = async (f: Fig, action: 'confirm' | 'reject') => {
      await page.goto(new URL(VIEW.replace('regions=hubei', 'regions=chongqing'), server.url).href);
      await waitForChart(page);
      await pointLocator(page, { region: 'chongqing', year: f.year, stance: 'actual', figureId: f.figure_id }).first().click();
      const panel = await waitForPanel(page);
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/review') && r.request().method() === 'POST', { timeout: 120_000 });
      const reloaded = page.waitForEvent('load', { timeout: 120_000 });
      await panel.locator(`[data-testid=review-${action}]`).click();
      if (action === 'reject') {
        await panel.locator('[data-testid=review-note]').fill('not a count of enterprises');
        await panel.locator('[data-testid=review-save]').click();
      }
      expect((await saved).status()).toBe(200);
      await reloaded;
      await waitForChart(page);
      expect(lines().at(-1)).toMatchObject({ doc_id: f.doc_id, quote: f.quote, raw_start: f.raw_start, action, who: 'browser-test' });
    };

    await decide(toConfirm, 'confirm');
    await expect.poll(() => pointLocator(page, { region: 'chongqing', year: toConfirm.year, figureId: toConfirm.figure_id }).first().getAttribute('data-reviewed'), { timeout: WAIT_MS }).toBe('1');
    await decide(toReject, 'reject');
    expect(await pointLocator(page, { region: 'chongqing', year: toReject.year, figureId: toReject.figure_id }).count()).toBe(0);
    const [rejected] = await readParquet<{ n: number }>(dir('data/figures.parquet'), `SELECT CAST(count(*) AS INTEGER) AS n FROM t WHERE figure_id = '${toReject.figure_id}'`);
    expect(rejected.n).toBe(0);

    // Add: select a number in the raw text of the confirmed figure's document, then save it as a figure of its own.
    await page.goto(new URL(`/doc?doc=${encodeURIComponent(toConfirm.doc_id)}&raw=1`, server.url).href);
    const text = page.locator('[data-testid=document-text]');
    await text.waitFor();
    const span = await text.evaluate((el) => {
      const all = el.textContent ?? '';
      const m = /\d{2,}/.exec(all);
      if (!m) return null;
      const [from, to] = [m.index, m.index + m[0].length];
      // Offsets in the element's text, found across the text nodes the figure marks split it into.
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const n = node.textContent!.length;
        if (from >= seen && from <= seen + n) range.setStart(node, from - seen);
        if (to >= seen && to <= seen + n) { range.setEnd(node, to - seen); break; }
        seen += n;
      }
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return { from, to, quote: m[0] };
    });
    expect(span, 'a number in the document').not.toBeNull();
    await page.locator('[data-testid=review-add-open]').click();
    const form = page.locator('[data-testid=review-form]');
    await form.waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/review') && r.request().method() === 'POST', { timeout: 120_000 });
    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    await form.locator('[data-testid=review-save]').click();
    expect((await saved).status()).toBe(200);
    await reloaded;
    expect(lines().at(-1)).toMatchObject({ doc_id: toConfirm.doc_id, raw_start: span!.from, raw_end: span!.to, quote: span!.quote, action: 'add' });
    const added = await readParquet<{ quote: string; reviewed: boolean }>(dir('data/figures.parquet'), `SELECT quote, reviewed FROM t
      WHERE doc_id = '${toConfirm.doc_id.replace(/'/g, "''")}' AND raw_start = ${span!.from} AND raw_end = ${span!.to}`);
    expect(added).toEqual([{ quote: span!.quote, reviewed: true }]);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
