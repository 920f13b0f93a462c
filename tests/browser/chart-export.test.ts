/**
 * Exporting the compare chart of 技术合同成交额: the SVG carries title, unit,
 * legend, the numbered source documents and the data version, and the same
 * points the page draws; the PNG is the same chart at twice its size, with its
 * title drawn; the CSV holds exactly the figures behind the plotted points with sentences, quotes,
 * sources and the data version; the embed code frames the same chart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../helpers/csv.ts';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { pageProblems, useBrowser, waitForChart } from './harness.ts';

const DATA = join(ROOT, 'static', 'data');
const VIEW = '/?indicator=tech_contract_turnover&regions=hubei,wuhan,chongqing&lang=zh';

const session = useBrowser();

async function download(page: Page, testId: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  const path = await file.path();
  return { file, bytes: readFileSync(path) };
}

describe('chart export', () => {
  it('downloads SVG, 2× PNG and CSV of exactly the plotted rows, each with sources and data version', async () => {
    const run = JSON.parse(readFileSync(join(DATA, 'run.json'), 'utf8')) as { data_version: string; started: string };
    const version = run.data_version;
    const page = await session.open(VIEW);
    const points = await waitForChart(page);
    const plotted = points.map((p) => p.figureId).sort();
    expect(plotted.length).toBeGreaterThanOrEqual(3);

    // The figures those points stand for (each point shows one of them), and their documents, straight from the Parquet files.
    const behind = (await readParquet<{ figure_id: string }>(join(DATA, 'figures.parquet'), `SELECT figure_id FROM t
      WHERE indicator = 'tech_contract_turnover' AND measure = 'amount' AND unit = 'CNY' AND year IS NOT NULL
        AND region IN ('hubei', 'wuhan', 'chongqing') ORDER BY figure_id`)).map((r) => r.figure_id);
    expect(behind).toEqual(expect.arrayContaining(plotted));
    const docs = await readParquet<{ title: string; issuer: string }>(join(DATA, 'figures.parquet'), `SELECT DISTINCT d.title, d.issuer
      FROM t JOIN read_parquet('${join(DATA, 'documents.parquet')}') d ON d.doc_id = t.doc_id
      WHERE t.figure_id IN (${behind.map((id) => `'${id}'`).join(', ')})`);

    const svg = await download(page, 'export-svg');
    expect(svg.file.suggestedFilename()).toBe(`kelan-tech_contract_turnover-amount-hubei-wuhan-chongqing-${version}.svg`);
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).toContain('>技术合同成交额<');
    expect(text).toContain('亿元');
    for (const name of ['湖北', '武汉', '重庆']) expect(text).toContain(`>${name}<`);
    docs.forEach((d) => expect(text).toContain(`《${d.title}》`));
    expect(text).toContain(`[${docs.length}] `);
    expect(text).not.toContain(`[${docs.length + 1}] `);
    expect(text).toContain(`数据版本 ${version}`);
    const exported = [...text.matchAll(/data-figure-id="([0-9a-f]{16})"/g)].map((m) => m[1]).sort();
    expect(exported).toEqual(plotted);

    // The PNG: twice the SVG's size, and ink where the title is (its glyphs were drawn).
    const png = await download(page, 'export-png');
    expect(png.file.suggestedFilename()).toMatch(/\.png$/);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [width, height] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
    const svgSize = /<svg [^>]*?\bwidth="(\d+)"[^>]*?\bheight="(\d+)"|<svg [^>]*?\bheight="(\d+)"[^>]*?\bwidth="(\d+)"/.exec(text)!;
    const [svgWidth, svgHeight] = svgSize[1] ? [Number(svgSize[1]), Number(svgSize[2])] : [Number(svgSize[4]), Number(svgSize[3])];
    expect([width, height]).toEqual([svgWidth * 2, svgHeight * 2]);
    const ink = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = Object.assign(document.createElement('canvas'), { width: img.width, height: img.height });
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      // The title's box at 2×: x 32–400, y 30–76.
      const { data } = ctx.getImageData(32, 30, 368, 46);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 300) dark++;
      return dark / (data.length / 4);
    }, png.bytes.toString('base64'));
    expect(ink).toBeGreaterThan(0.03);

    const csv = await download(page, 'export-csv');
    expect(csv.file.suggestedFilename()).toMatch(/\.csv$/);
    const [header, ...records] = parseCsv(csv.bytes.toString('utf8').slice(1));
    const rows = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(rows.map((r) => r.figure_id).sort()).toEqual(behind);
    for (const r of rows) {
      // The quote is as the file had it (Traditional, maybe); the sentence holds the same number.
      expect(r.quote).not.toBe('');
      expect(r.sentence).toContain(r.quote.match(/[\d.]+/)![0]);
      expect(r.title).not.toBe('');
      expect(r.data_version).toBe(version);
      expect(r.data_built).toBe(run.started.slice(0, 10));
    }
    // Copy embed code: an iframe of the same chart and the host script that sizes it.
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('[data-testid=copy-embed]');
    await page.waitForSelector('[data-testid=export-status]');
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    const src = /<iframe src="([^"]+)"[^>]* data-kelan-embed[^>]*>/.exec(snippet)?.[1].replace(/&amp;/g, '&');
    expect(src).toBeDefined();
    const embed = new URL(src!);
    expect(embed.pathname).toBe('/embed');
    expect(Object.fromEntries(embed.searchParams)).toMatchObject({ indicator: 'tech_contract_turnover', regions: 'hubei,wuhan,chongqing', lang: 'zh' });
    expect(snippet).toContain(`<script src="${embed.origin}/embed.js" async></script>`);
    // The printable report of this chart.
    expect(await page.getAttribute('[data-testid=report-link]', 'href')).toBe('/report?indicators=tech_contract_turnover&regions=hubei%2Cwuhan%2Cchongqing&lang=zh');
    expect(pageProblems(page)).toEqual([]);
  });
});
