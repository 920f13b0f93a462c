/**
 * The report view printed to an A4 PDF in headless Chromium: no controls, each
 * chart whole on one page, a table of the plotted figures whose [n] all point
 * into the numbered "Sources cited" list, and the data version. The PDF is read
 * back with pdf.js, as a reader's PDF viewer would.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/start.ts';
import { useBrowser, WAIT_MS } from './harness.ts';

const session = useBrowser();

const INDICATORS = ['high_tech_enterprises', 'tech_contract_turnover', 'rd_expenditure'];
// A4 less the report's 14 mm margins, in CSS pixels (96 per inch).
const MM = 96 / 25.4;
const PRINTED_WIDTH = Math.floor((210 - 2 * 14) * MM);
const PRINTED_HEIGHT = (297 - 2 * 14) * MM;

/** Waits until every chart of the report is drawn, or fails with the alert the page shows. */
async function waitForCharts(page: Page, n: number): Promise<void> {
  const outcome = await page
    .waitForFunction(
      (n) => {
        const alert = document.querySelector('[role=alert]');
        if (alert) return { alert: alert.textContent ?? '' };
        return document.querySelectorAll('[data-testid=report-chart] svg.kelan-chart').length === n ? { alert: null } : null;
      },
      n,
      { timeout: WAIT_MS, polling: 100 },
    )
    .then((h) => h.jsonValue() as Promise<{ alert: string | null }>);
  if (outcome.alert !== null) throw new Error(`the report shows an alert instead of its charts: ${outcome.alert}`);
}

/**
 * The text of each page of a PDF, whitespace removed (pdf.js splits and spaces runs as the PDF draws them).
 * The CJK font maps some glyphs to radicals: NFKC turns Kangxi radicals back into ideographs (⾼ → 高).
 */
async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').normalize('NFKC').replace(/\s+/g, ''));
  }
  await doc.destroy();
  return pages;
}

const HAN = /\p{Script=Han}/u;

/**
 * Some text as it reads in {@link pdfPages}: a simplified form may come out as a
 * CJK Radicals Supplement character (⻓ for 长), which NFKC leaves alone.
 */
function printed(text: string): RegExp {
  const chars = [...text.replace(/\s+/g, '')].map((ch) => {
    const escaped = ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return HAN.test(ch) ? `(?:${escaped}|[\\u2E80-\\u2EFF])` : escaped;
  });
  return new RegExp(chars.join(''), 'gu');
}
const count = (text: string, part: string) => text.match(printed(part))?.length ?? 0;

describe('the printed report', () => {
  it('prints to A4 with each chart whole on a page, no controls, and numbered citations', async () => {
    const page = await session.open(`/report?indicators=${INDICATORS.join(',')}&regions=hubei,wuhan,chongqing&lang=zh`);
    await waitForCharts(page, INDICATORS.length);

    // What a reader must not see on paper: the controls' own words, read from the page.
    const controls = [
      await page.locator('[data-testid=report-print]').innerText(),
      await page.locator('[data-testid=lang-switch]').innerText(),
      (await page.locator('[data-testid=theme-switch]').innerText()).replace('☾', ''),
      ...(await page.locator('header nav a').allInnerTexts()),
    ].map((s) => s.trim());
    expect(controls).toEqual(['打印报告', 'English', '深色', '对比', '多指标', '数据表', '目标与实际', '文档库']);
    const charts = await page.$$eval('[data-testid=report-chart] svg.kelan-chart', (svgs) =>
      svgs.map((svg) => ({ title: svg.querySelector('.title')!.textContent!, subtitle: svg.querySelector('.subtitle')!.textContent! })));
    const cited = await page.$$eval('table [data-cite]', (as) => as.map((a) => Number(a.getAttribute('data-cite'))));
    const entries = await page.$$eval('[data-testid=report-citations] li', (lis) => lis.map((li) => Number(li.getAttribute('data-cite'))));
    expect(cited.length).toBeGreaterThan(0);
    expect(entries).toEqual(entries.map((_, i) => i + 1));
    for (const n of cited) expect(entries).toContain(n);

    // Laid out for print at the printed width, each chart fits one page's height, and scales to the width.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: PRINTED_WIDTH, height: 900 });
    const boxes = await page.$$eval('[data-testid=report-chart]', (figs) =>
      figs.map((f) => ({ width: f.getBoundingClientRect().width, height: f.getBoundingClientRect().height, svg: f.querySelector('svg')!.getBoundingClientRect().width })));
    for (const box of boxes) {
      expect(box.height).toBeGreaterThan(100);
      expect(box.height).toBeLessThan(PRINTED_HEIGHT);
      expect(box.svg).toBeCloseTo(box.width, 0);
      expect(box.width).toBeGreaterThan(PRINTED_WIDTH - 2);
    }
    await page.screenshot({ path: join(tmpdir(), 'kelan-report-print.png'), fullPage: true });

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(tmpdir(), 'kelan-report.pdf'), pdf);
    const pages = await pdfPages(new Uint8Array(pdf));
    const all = pages.join('\n');

    for (const label of controls) expect(count(all, label), `a control's label is on paper: ${label}`).toBe(0);

    // Each chart's title on one page, and on each page as many chart legends and source footers as titles:
    // a chart's top and bottom are printed together, so no chart is split.
    const headings = charts.map((c) => c.title + c.subtitle);
    for (const [i, heading] of headings.entries()) {
      expect(pages.filter((p) => count(p, heading) > 0), `pages with the chart ${charts[i].title}`).toHaveLength(1);
    }
    for (const [i, text] of pages.entries()) {
      const titles = headings.filter((h) => count(text, h)).length;
      expect(count(text, '●实际○目标◇预计'), `chart legends on page ${i + 1}`).toBe(titles);
      expect(count(text, '来源:'), `chart source footers on page ${i + 1}`).toBe(titles);
    }

    // The citations list, numbered; every [n] on paper (tables and chart footers) is one of its entries.
    const heading = [...all.matchAll(printed('引用来源'))].at(-1);
    expect(heading, 'the "Sources cited" heading').toBeDefined();
    const list = all.slice(heading!.index);
    for (const n of entries) expect(list).toContain(`[${n}]`);
    const numbers = [...all.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    for (const n of numbers) expect(entries).toContain(n);

    const run = JSON.parse(readFileSync(join(ROOT, 'static', 'data', 'run.json'), 'utf8')) as { data_version: string; started: string };
    expect(all).toContain(run.data_version);
    expect(all).toContain(run.started.slice(0, 10));
  });
});
