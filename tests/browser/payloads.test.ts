/**
 * Nothing runs from the documents: a site whose data was made by the pipeline
 * from the seeds plus documents carrying script and markup payloads in their
 * title, sentences, file name, source URL (`javascript:`) and genre, a refused
 * file whose name is one, and payloads written into their issuer, 文号 and
 * warnings as another tool might (payload-corpus.ts). Every view is opened on
 * them — compare with its figure panel and derived-share panel, small
 * multiples, the table, the document (normal and raw text), the documents
 * library, the report, the embed, the targets view — and every export (SVG, PNG, CSV of a chart; CSV of the table). In
 * each: the payloads are shown as the text they are, no payload ran, no
 * element was made from their markup, no `javascript:` link or inline handler
 * exists, and the page raised no Content-Security-Policy violation in this
 * normal use (the CSP is on: the views run under it as a reader's browser does).
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { pageProblems, useBrowser, waitForPanel, WAIT_MS } from './harness.ts';
import { HTML_FILE, MARK, PAYLOADS, REFUSED_FILE, RUN, TAMPERED, TEXT_FILE, FOLDER, payloadFiles, tamperDocuments } from './payload-corpus.ts';
import { serveCorpusSite, type RefusedSite } from './refused-site.ts';

const session = useBrowser();
let site: RefusedSite;
/** The payload documents' figures, by indicator, region and year. */
let figures: Array<{ figure_id: string; doc_id: string; indicator: string; region: string; year: number }>;

const TEXT_TITLE = `关于${PAYLOADS.script}高新技术企业的报告`;
const HTML_TITLE = `武汉市科技创新<script>${RUN}</script>工作报告`;

beforeAll(async () => {
  site = await serveCorpusSite(payloadFiles(), tamperDocuments);
  figures = await readParquet(`${site.data}/figures.parquet`,
    `SELECT figure_id, doc_id, indicator, region, year FROM t WHERE doc_id IN ('${TEXT_FILE.replace(/'/g, "''")}', '${HTML_FILE}') ORDER BY ALL`);
}, 180_000);
afterAll(async () => {
  await site?.close();
});

/** Keeps every Content-Security-Policy violation the page reports. */
const WATCH_CSP = `window.__kelanCsp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__kelanCsp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));`;

function figureOf(indicator: string, region: string, year: number): string {
  const f = figures.find((x) => x.indicator === indicator && x.region === region && x.year === year);
  if (!f) throw new Error(`no payload figure of ${indicator} in ${region} ${year}: ${JSON.stringify(figures)}`);
  return f.figure_id;
}

const dialogs: string[] = [];

/** A new page of this test's context, watched for CSP violations and dialogs, opened at `path` of the payload site. */
async function open(path: string): Promise<Page> {
  await session.context.addInitScript(WATCH_CSP);
  const page = await session.context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(new URL(path.replace(/^\//, ''), site.url).href);
  return page;
}

/** What a view must never have: a payload that ran, an element made from markup, an inline handler, a script link, a CSP violation. */
async function expectClean(page: Page, label: string): Promise<void> {
  await page.waitForTimeout(100);
  const seen = await page.evaluate((mark) => ({
    ran: (window as unknown as { __kelanPwned?: unknown }).__kelanPwned !== undefined,
    made: document.querySelectorAll(`.${mark}`).length,
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`)),
    scriptLinks: [...document.querySelectorAll('a[href], area[href], iframe[src], form[action], object[data], embed[src]')]
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('data') ?? '')
      .filter((h) => /^\s*(javascript|vbscript|data):/i.test(h)),
    // Only the site's own scripts: static/boot.js and SvelteKit's bootstrap.
    scripts: [...document.scripts].filter((s) => !s.src.endsWith('/boot.js') && !(s.textContent ?? '').includes('__sveltekit_')).map((s) => s.outerHTML.slice(0, 120)),
    frames: document.querySelectorAll('iframe, object, embed').length,
    csp: (window as unknown as { __kelanCsp?: string[] }).__kelanCsp ?? ['(not watched)'],
  }), MARK);
  expect(seen, label).toEqual({ ran: false, made: 0, handlers: [], scriptLinks: [], scripts: [], frames: 0, csp: [] });
  expect(dialogs, label).toEqual([]);
  expect(pageProblems(page), label).toEqual([]);
}

/** A download's bytes, once the page has handed it over. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 3 * WAIT_MS }), click()]) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path!) };
}

/** Checks an exported SVG in the browser's own parser: no script, handler, foreign or payload element; the payloads as text. */
async function expectInertSvg(page: Page, svg: string, texts: string[], label: string): Promise<void> {
  const found = await page.evaluate(({ svg, mark }) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const all = [...doc.querySelectorAll('*')];
    return {
      parsed: !doc.querySelector('parsererror'),
      bad: all.filter((e) => /^(script|foreignObject|iframe|img|image|object|embed|a)$/i.test(e.localName) || e.classList.contains(mark)).map((e) => e.localName),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)).map((a) => a.name)),
      text: doc.documentElement.textContent ?? '',
    };
  }, { svg, mark: MARK });
  expect({ parsed: found.parsed, bad: found.bad, handlers: found.handlers }, label).toEqual({ parsed: true, bad: [], handlers: [] });
  for (const t of texts) expect(found.text, `${label}: ${t}`).toContain(t);
}

describe('payloads in documents, in every view', () => {
  it('the data holds the payloads where the views show them', () => {
    expect(site.report.refused.map((r) => r.file)).toContain(`${FOLDER}/${REFUSED_FILE}`);
    expect(new Set(figures.map((f) => f.doc_id))).toEqual(new Set([TEXT_FILE, HTML_FILE]));
  });

  it('compare, the figure panel and the chart exports', async () => {
    const hubei2022 = figureOf('high_tech_enterprises', 'hubei', 2022);
    const page = await open(`/?indicator=high_tech_enterprises&regions=hubei,wuhan&figure=${hubei2022}`);
    const panel = await waitForPanel(page, 3 * WAIT_MS);
    const text = await panel.innerText();
    for (const t of [TEXT_TITLE, TAMPERED.issuer, TAMPERED.doc_number, `25000家${PAYLOADS.script}`, PAYLOADS.img]) expect(text, t).toContain(t);
    await page.locator(`[data-testid=chart] .live svg [data-figure-id="${hubei2022}"]`).waitFor();
    await expectClean(page, 'compare and panel');

    // Another source of a fact the seeds report too: the panel lists it beside them.
    const hubei2021 = figureOf('high_tech_enterprises', 'hubei', 2021);
    await page.goto(new URL(`?indicator=high_tech_enterprises&regions=hubei,wuhan&figure=${hubei2021}`, site.url).href);
    const same = await waitForPanel(page, 3 * WAIT_MS);
    await expect.poll(() => same.innerText()).toContain(PAYLOADS.sql);
    expect(await same.locator('ul.same li').count()).toBeGreaterThan(0);
    await expectClean(page, 'panel of a shared fact');

    // Wuhan's share of Hubei, derived from the two payload documents: its panel quotes both sentences; targets joined to actuals.
    const wuhan2022 = figureOf('high_tech_enterprises', 'wuhan', 2022);
    await page.goto(new URL(`?indicator=high_tech_enterprises&regions=hubei,wuhan&targets=1&share=1&derived=${wuhan2022}.${hubei2022}`, site.url).href);
    const derived = page.locator('[data-testid=derived-panel]');
    await derived.waitFor({ timeout: 3 * WAIT_MS });
    const sources = await derived.innerText();
    for (const t of [`25000家${PAYLOADS.script}`, `12000家<b class=${MARK}>粗</b>`, TEXT_TITLE, HTML_TITLE]) expect(sources, t).toContain(t);
    await expectClean(page, 'derived share panel');
    await page.goto(new URL(`?indicator=high_tech_enterprises&regions=hubei,wuhan&figure=${hubei2021}`, site.url).href);
    await waitForPanel(page, 3 * WAIT_MS);

    const svg = await downloaded(page, () => page.click('[data-testid=export-svg]'));
    expect(svg.name).toMatch(/\.svg$/);
    await expectInertSvg(page, svg.bytes.toString('utf8'), [TEXT_TITLE, TAMPERED.issuer, TAMPERED.doc_number], 'SVG export');
    const png = await downloaded(page, () => page.click('[data-testid=export-png]'));
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const csv = (await downloaded(page, () => page.click('[data-testid=export-csv]'))).bytes.toString('utf8');
    expect(csv).toContain(TEXT_TITLE);
    expect(csv).toContain(`"'${TAMPERED.doc_number.replace(/"/g, '""')}"`);
    expect(csv).toContain(PAYLOADS.img.replace(/"/g, '""'));
    await expectClean(page, 'after the exports');
  });

  it('small multiples, a panel export, and a point opened from a panel', async () => {
    const page = await open('/multiples?indicators=high_tech_enterprises,tech_contract_turnover&regions=hubei,wuhan');
    const id = figureOf('tech_contract_turnover', 'hubei', 2023);
    const point = page.locator(`.panel svg [data-figure-id="${id}"]`);
    await point.waitFor({ timeout: 3 * WAIT_MS });
    await expectClean(page, 'multiples');
    const panel = page.locator('.panel', { has: page.locator(`svg [data-figure-id="${id}"]`) });
    const svg = await downloaded(page, () => panel.locator('[data-testid=export-svg]').click());
    await expectInertSvg(page, svg.bytes.toString('utf8'), [TEXT_TITLE], 'multiples SVG export');
    await point.click();
    const opened = await waitForPanel(page, 3 * WAIT_MS);
    expect(await opened.innerText()).toContain(PAYLOADS.iframe);
    await expectClean(page, 'multiples → compare panel');
  });

  it('the figures table and its CSV', async () => {
    const page = await open(`/table?q=${encodeURIComponent('kelanPwned')}`);
    const table = page.locator('[data-testid=figures-table]');
    await table.waitFor({ timeout: 3 * WAIT_MS });
    const text = await table.innerText();
    expect(text).toContain(TEXT_TITLE);
    expect(text).toContain(HTML_TITLE);
    await expectClean(page, 'table');
    const csv = (await downloaded(page, () => page.click('[data-testid=download-csv]'))).bytes.toString('utf8');
    expect(csv).toContain(`25000家${PAYLOADS.script}`);
    expect(csv).toContain(`"'${TAMPERED.doc_number.replace(/"/g, '""')}"`);
    // The document link of a payload row: its id (a file name with quotes and markup) goes through the URL and back.
    await table.locator('tr', { hasText: TEXT_TITLE }).first().locator('[data-testid=doc-link]').click();
    await expect.poll(() => page.locator('[data-testid=doc-title]').count(), { timeout: 3 * WAIT_MS }).toBe(1);
    expect(await page.innerText('[data-testid=doc-title]')).toBe(TEXT_TITLE);
    await expectClean(page, 'table → document');
  });

  it('the document view, normal and raw text, of both documents', async () => {
    const page = await open(`/doc?doc=${encodeURIComponent(TEXT_FILE)}&figure=${figureOf('high_tech_enterprises', 'hubei', 2022)}`);
    await page.locator('[data-testid=document-text] mark').first().waitFor({ timeout: 3 * WAIT_MS });
    expect(await page.innerText('[data-testid=doc-title]')).toBe(TEXT_TITLE);
    expect(await page.innerText('[data-testid=doc-issuer]')).toBe(TAMPERED.issuer);
    expect(await page.innerText('[data-testid=doc-genre]')).toContain(PAYLOADS.script);
    // A javascript: source URL is shown as text, not as a link.
    expect(await page.innerText('[data-testid=doc-source]')).toBe(`javascript:${RUN}`);
    expect(await page.locator('[data-testid=doc-source] a').count()).toBe(0);
    const body = await page.innerText('[data-testid=document-text]');
    for (const t of [PAYLOADS.script, PAYLOADS.img, PAYLOADS.iframe, PAYLOADS.template, PAYLOADS.sql]) expect(body, t).toContain(t);
    expect(await page.innerText('article')).toContain(TAMPERED.warning);
    await expectClean(page, 'document, normal text');

    await page.click('[data-testid=raw-toggle]');
    await expect.poll(() => page.getAttribute('[data-testid=raw-toggle]', 'aria-pressed')).toBe('true');
    expect(await page.innerText('[data-testid=document-text]')).toContain(`发布机构 | 湖北省科技厅${PAYLOADS.img}`);
    await expectClean(page, 'document, raw text');

    for (const raw of ['', '&raw=1']) {
      await page.goto(new URL(`doc?doc=${HTML_FILE}${raw}`, site.url).href);
      await page.locator('[data-testid=document-text] mark').first().waitFor({ timeout: 3 * WAIT_MS });
      expect(await page.innerText('[data-testid=doc-title]')).toBe(HTML_TITLE);
      expect(await page.innerText('[data-testid=document-text]')).toContain(`12000家<b class=${MARK}>粗</b>`);
      await expectClean(page, `web page document${raw ? ', raw text' : ''}`);
    }
  });

  it('the documents library, its filters and the refused files', async () => {
    const page = await open('/docs');
    await page.locator('[data-testid=docs-table]').waitFor({ timeout: 3 * WAIT_MS });
    const row = page.locator(`tr[data-doc-id="${TEXT_FILE.replace(/"/g, '\\"')}"]`);
    expect(await row.locator('[data-testid=docs-open]').innerText()).toBe(TEXT_TITLE);
    expect(await row.innerText()).toContain(`${FOLDER}/${TEXT_FILE}`);
    expect(await row.innerText()).toContain(TAMPERED.issuer);
    expect(await row.locator('td.source a').count()).toBe(0);
    expect(await row.locator('td.source').innerText()).toContain('javascript:');
    const refused = page.locator('[data-testid=refused-list] li').filter({ hasText: REFUSED_FILE });
    expect(await refused.locator('code').innerText()).toBe(`${FOLDER}/${REFUSED_FILE}`);
    await expectClean(page, 'library');

    // The payload genre as a filter: through the URL and back to the one document.
    const genre = `reply ${PAYLOADS.img} ${PAYLOADS.script}`;
    await page.selectOption('[data-testid=docs-genre]', genre);
    await expect.poll(() => page.getAttribute('[data-testid=docs-count]', 'data-count')).toBe('1');
    expect(new URL(page.url()).searchParams.get('genre')).toBe(genre);
    await expectClean(page, 'library filtered by a payload genre');

    await row.locator('[data-testid=docs-open]').click();
    await expect.poll(() => page.locator('[data-testid=doc-title]').count(), { timeout: 3 * WAIT_MS }).toBe(1);
    expect(await page.innerText('[data-testid=doc-title]')).toBe(TEXT_TITLE);
    await expectClean(page, 'library → document');
  });

  it('the printed report, with a markup region in its URL', async () => {
    const page = await open(`/report?indicators=high_tech_enterprises,tech_contract_turnover&regions=hubei,wuhan,${encodeURIComponent(PAYLOADS.bold)}`);
    await page.locator('[data-testid=report-chart]').first().waitFor({ timeout: 3 * WAIT_MS });
    const citations = await page.innerText('[data-testid=report-citations]');
    expect(citations).toContain(TEXT_TITLE);
    expect(citations).toContain(TAMPERED.issuer);
    expect(await page.innerText('article')).toContain(`25000家`);
    expect(await page.innerText('[data-testid=report-ignored]')).toContain(`<b class="${MARK}">`);
    await expectClean(page, 'report');
  });

  it('the targets view', async () => {
    const page = await open('/targets?region=hubei&indicator=high_tech_enterprises');
    const row = page.locator('[data-testid=target-row]', { has: page.locator('[data-testid=target-doc]', { hasText: TEXT_TITLE }) });
    await row.first().waitFor({ timeout: 3 * WAIT_MS });
    expect(await row.first().locator('[data-testid=target-doc]').innerText()).toBe(TEXT_TITLE);
    await expectClean(page, 'targets');
  });

  it('the embed, its source note and its citations', async () => {
    const page = await open('/embed?indicator=high_tech_enterprises&regions=hubei,wuhan');
    await page.locator(`[data-testid=chart] svg [data-figure-id="${figureOf('high_tech_enterprises', 'hubei', 2022)}"]`).waitFor({ timeout: 3 * WAIT_MS });
    const note = page.locator('[data-testid=embed-note] span[title]');
    expect(await note.getAttribute('title')).toContain(TEXT_TITLE);
    expect(`${await note.innerText()}${await note.getAttribute('title')}`).toContain(TAMPERED.issuer);
    await expectClean(page, 'embed');
  });
});
