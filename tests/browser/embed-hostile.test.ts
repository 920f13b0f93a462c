/**
 * Hostile embed parameters: SQL fragments, markup, script URLs, 10,000-character
 * strings, impossible years and heights, unicode oddities and repeats. Each
 * gives the frame's readable message; nothing the URL carried runs; no query
 * fails, and a malformed value is refused before the database is even asked.
 * A valid embed still draws afterwards.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageProblems, url, useBrowser, waitForChart, WAIT_MS } from './harness.ts';

const session = useBrowser();

/** Sets the flag a payload would set if it ever ran. */
const RUN = 'window.__kelanPwned=1';

/** A hostile URL: its parameters, and whether the catalogs (one query without any of its values) are needed to refuse it. */
type Case = [label: string, params: Array<[string, string]>, refusedBy: 'reading' | 'catalog'];

const CASES: Case[] = [
  ['SQL in the indicator', [['indicator', "'; DROP TABLE figures; --"]], 'reading'],
  ['SQL tautology', [['indicator', "high_tech_enterprises' OR '1'='1"]], 'reading'],
  ['SQL in a region', [['regions', "hubei'); DELETE FROM figures; --"]], 'reading'],
  ['SQL after a measure', [['measure', 'total; SELECT * FROM documents']], 'reading'],
  ['SQL union in the unit', [['unit', "CNY' UNION SELECT raw_text FROM documents --"]], 'reading'],
  ['script tag', [['indicator', `<script>${RUN}</script>`]], 'reading'],
  ['img onerror', [['regions', `<img src=x onerror="${RUN}">`]], 'reading'],
  ['attribute breakout', [['lang', `"><svg onload=${RUN}>`]], 'reading'],
  ['javascript: URL', [['theme', `javascript:${RUN}`]], 'reading'],
  ['javascript: id', [['id', 'javascript:alert(1)']], 'reading'],
  ['iframe in a stance', [['stance', 'actual,<iframe src=javascript:alert(1)>']], 'reading'],
  ['template injection', [['measure', `{{constructor.constructor('${RUN}')()}}`]], 'reading'],
  ['10,000 characters', [['indicator', 'a'.repeat(10_000)]], 'reading'],
  ['10,000 characters of regions', [['regions', 'hubei,'.repeat(2000).slice(0, 10_000)]], 'reading'],
  ['negative year', [['from', '-2020']], 'reading'],
  ['enormous year', [['to', '99999999999999999999']], 'reading'],
  ['1e309', [['from', '1e309']], 'reading'],
  ['NaN', [['from', 'NaN']], 'reading'],
  ['Infinity', [['to', 'Infinity']], 'reading'],
  ['years reversed', [['from', '2024'], ['to', '2020']], 'reading'],
  ['height -1', [['height', '-1']], 'reading'],
  ['height 99999', [['height', '99999']], 'reading'],
  ['hex height', [['height', '0x200']], 'reading'],
  ['Chinese name for an id', [['indicator', '高新技术企业']], 'reading'],
  ['bidi override', [['regions', 'hubei\u202ewuhan']], 'reading'],
  ['NUL byte', [['indicator', 'high_tech_enterprises\u0000']], 'reading'],
  ['full-width letters', [['regions', 'ｈｕｂｅｉ']], 'reading'],
  ['duplicated indicator', [['indicator', 'high_tech_enterprises'], ['indicator', 'rd_expenditure']], 'reading'],
  ['unknown indicator', [['indicator', 'drop_table_figures']], 'catalog'],
  ['unknown region', [['regions', 'hubei,atlantis']], 'catalog'],
];

async function ran(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __kelanPwned?: number }).__kelanPwned !== undefined);
}

describe('hostile embed parameters', () => {
  it('each gives the readable message, runs nothing, fails no query; a valid embed still draws', async () => {
    expect(CASES).toHaveLength(30);
    const page = await session.context.newPage();
    const dialogs: string[] = [];
    const failed: string[] = [];
    const parquet: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('requestfailed', (r) => failed.push(`${r.url().slice(0, 120)} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url().slice(0, 120)}`);
    });
    page.on('request', (r) => {
      if (r.url().endsWith('.parquet')) parquet.push(r.url());
    });

    // A valid embed first: it starts DuckDB once, which is slow on a busy machine.
    const valid = url('/embed?indicator=tech_contract_turnover&regions=hubei,wuhan,chongqing&from=2015&to=2025');
    await page.goto(valid);
    await waitForChart(page, 3 * WAIT_MS);

    for (const [label, params, refusedBy] of CASES) {
      parquet.length = 0;
      await page.goto(url(`/embed?${new URLSearchParams(params)}`));
      const alert = page.locator('[data-testid=embed-error]');
      await alert.waitFor({ state: 'visible', timeout: WAIT_MS });
      expect(await alert.getAttribute('role'), label).toBe('alert');
      const text = await alert.innerText();
      expect(text, label).toMatch(/^无法显示此图表\n/);
      expect(text.length, label).toBeLessThan(400);
      // The value is quoted as text, bounded: markup stays visible characters, never elements.
      expect(await page.locator('.kelan-embed script, .kelan-embed img, .kelan-embed svg, .kelan-embed iframe').count(), label).toBe(0);
      await page.waitForTimeout(50);
      expect(await ran(page), label).toBe(false);
      expect(await page.locator('[data-figure-id]').count(), label).toBe(0);
      if (refusedBy === 'reading') expect(parquet, `${label}: refused before any query`).toEqual([]);
      expect(pageProblems(page), label).toEqual([]);
    }

    const [, markup] = CASES[5];
    await page.goto(url(`/embed?${new URLSearchParams(markup)}`));
    expect(await page.innerText('[data-testid=embed-error]')).toContain(`“<script>${RUN}</script>”`);

    await page.goto(valid);
    const points = await waitForChart(page);
    expect(points.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=embed-error]').count()).toBe(0);

    expect(dialogs).toEqual([]);
    expect(failed).toEqual([]);
    expect(await ran(page)).toBe(false);
    expect(pageProblems(page)).toEqual([]);
  }, 180_000); // Thirty page loads: room for a busy machine.
});
