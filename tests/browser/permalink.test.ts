/**
 * Sharing a view: the URL of a compare view with a selected point, opened by
 * someone else (a fresh browser context), shows the same chart and the same open figure.
 */
import { describe, expect, it } from 'vitest';
import { chartPoints, pageProblems, pointLocator, searchParams, useBrowser, waitForChart, waitForPanel } from './harness.ts';

const session = useBrowser();

describe('permalink', () => {
  it('reproduces the chart, the regions and the open figure in a fresh context', async () => {
    const page = await session.open('/?indicator=tech_contract_turnover&measure=amount&unit=CNY');
    await waitForChart(page);
    // A state that differs from the defaults: Chongqing taken off, Wuhan's target opened.
    // click, not uncheck: the view may re-render its checkboxes, and the URL is what must change.
    await page.click('input[type=checkbox][data-testid=region-chongqing]');
    await page.waitForURL((u) => !(u.searchParams.get('regions') ?? 'chongqing').split(',').includes('chongqing'));
    await page.waitForFunction(() => !document.querySelector('[data-testid=chart] svg [data-region=chongqing]'), undefined, { timeout: 20_000 });
    const points = await waitForChart(page);
    expect(new Set(points.map((p) => p.region))).toEqual(new Set(['hubei', 'wuhan']));
    await pointLocator(page, { region: 'wuhan', year: 2021, stance: 'target' }).click();
    const panel = await waitForPanel(page);
    const sentence = await panel.locator('[data-testid=figure-sentence]').innerText();
    const mark = await panel.locator('[data-testid=figure-sentence] mark').innerText();
    await expect.poll(() => searchParams(page).get('figure')).toMatch(/^[0-9a-f]{16}$/);
    const link = page.url();
    const figure = searchParams(page).get('figure');
    expect(searchParams(page).get('regions')?.split(',').sort()).toEqual(['hubei', 'wuhan']);

    const stranger = await session.newContext();
    const shared = await stranger.newPage();
    await shared.goto(link);
    const again = await waitForChart(shared);
    expect(again).toEqual(await chartPoints(page));
    expect(await shared.inputValue('select[data-testid=indicator]')).toBe('tech_contract_turnover');
    expect(await shared.inputValue('select[data-testid=measure]')).toBe('amount|CNY');
    expect(await shared.isChecked('input[type=checkbox][data-testid=region-hubei]')).toBe(true);
    expect(await shared.isChecked('input[type=checkbox][data-testid=region-wuhan]')).toBe(true);
    expect(await shared.locator('input[type=checkbox][data-testid=region-chongqing]:checked').count()).toBe(0);

    const sharedPanel = await waitForPanel(shared);
    expect(await sharedPanel.locator('[data-testid=figure-sentence]').innerText()).toBe(sentence);
    expect(await sharedPanel.locator('[data-testid=figure-sentence] mark').innerText()).toBe(mark);
    expect(mark).toContain('1000');
    expect(searchParams(shared).get('figure')).toBe(figure);
    expect(pageProblems(shared)).toEqual([]);
  });
});
