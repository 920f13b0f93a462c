/**
 * The interface in Chinese and English: the switch changes the labels, the
 * catalog names and `<html lang>`, and the browser remembers the choice.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { pageProblems, url, useBrowser, waitForChart } from './harness.ts';

const session = useBrowser();

/** The indicator picker's own label, without the text of its options. */
function indicatorLabel(page: Page): Promise<string> {
  return page.$eval('select[data-testid=indicator]', (select) => {
    const s = select as HTMLSelectElement;
    const byId = s.getAttribute('aria-labelledby')?.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    if (byId) return byId.trim();
    const label = s.labels?.[0];
    if (label) {
      const copy = label.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('select, option, optgroup, input').forEach((e) => e.remove());
      return (copy.textContent ?? '').trim();
    }
    return (s.getAttribute('aria-label') ?? '').trim();
  });
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const optionText = (page: Page, id: string) => page.locator(`select[data-testid=indicator] option[value=${id}]`).innerText();

/** Waits until the page is in `lang`: `<html lang>` and the indicator label agree. */
async function expectLanguage(page: Page, lang: 'zh' | 'en') {
  await expect.poll(() => htmlLang(page)).toMatch(lang === 'zh' ? /^zh/ : /^en/);
  await expect.poll(() => indicatorLabel(page)).toBe(lang === 'zh' ? '指标' : 'Indicator');
}

describe('language', () => {
  it('switches between Chinese and English and remembers the choice', async () => {
    const [names] = await readParquet<{ name_zh: string; name_en: string }>(join(ROOT, 'static', 'data', 'indicators.parquet'),
      `SELECT name_zh, name_en FROM t WHERE indicator = 'tech_contract_turnover'`);
    const page = await session.open('/');
    await waitForChart(page);
    await expectLanguage(page, 'zh');
    expect(await optionText(page, 'tech_contract_turnover')).toContain(names.name_zh);
    const switchZh = await page.innerText('button[data-testid=lang-switch]');

    await page.click('button[data-testid=lang-switch]');
    await expectLanguage(page, 'en');
    await expect.poll(() => optionText(page, 'tech_contract_turnover')).toContain(names.name_en);
    expect(await page.innerText('button[data-testid=lang-switch]')).not.toBe(switchZh);

    await page.reload();
    await waitForChart(page);
    await expectLanguage(page, 'en');

    // A bare address, with no lang in it: the language comes from what the browser remembered.
    await page.goto(url('/'));
    await waitForChart(page);
    await expectLanguage(page, 'en');
    expect(await page.evaluate(() => Object.values({ ...localStorage }).includes('en'))).toBe(true);

    await page.click('button[data-testid=lang-switch]');
    await expectLanguage(page, 'zh');
    await page.goto(url('/'));
    await waitForChart(page);
    await expectLanguage(page, 'zh');
    expect(pageProblems(page)).toEqual([]);
  });

  it('starts in Chinese for a new visitor, and a lang=en link opens in English', async () => {
    const page = await session.open('/?lang=en');
    await waitForChart(page);
    await expectLanguage(page, 'en');
    const other = await session.open('/', await session.newContext());
    await waitForChart(other);
    await expectLanguage(other, 'zh');
  });
});
