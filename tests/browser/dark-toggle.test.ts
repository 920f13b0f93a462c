/**
 * The header's theme toggle: on a light system it turns the dashboard dark (the
 * chart redrawn on its dark ground, the drill-down readable), the browser
 * remembers it across a reload and on other views, and toggling back follows the
 * system again. A remembered choice wins over the system's preference.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, expectReadable } from './contrast.ts';
import { pageProblems, url, useBrowser, waitForChart, waitForPanel } from './harness.ts';

const session = useBrowser();
const VIEW = '/?indicator=tech_contract_turnover&measure=amount&unit=CNY';

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const stored = (page: Page) => page.evaluate(() => localStorage.getItem('kelan.theme'));
const chartGround = (page: Page) => page.$eval('[data-testid=chart] svg', (svg) => getComputedStyle(svg).backgroundColor);

describe('theme toggle', () => {
  it('turns the dashboard dark and readable, remembers it, and goes back to following the system', async () => {
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(url(VIEW));
    await waitForChart(page);
    expect(await theme(page)).toBe('light');
    const toggle = page.locator('[data-testid=theme-switch]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    // Light is measured too; its points keep the Okabe–Ito colours, whose orange is light on white, so only text is held to the bar.
    await expectReadable(page, 'compare (light)', ['header', 'main'], ['text', 'chart-text']);

    await toggle.click();
    await expect.poll(() => theme(page)).toBe('dark');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await stored(page)).toBe('dark');
    // The chart is redrawn on its dark ground, not left light on a dark page.
    await expect.poll(async () => contrastRatio(await chartGround(page), 'black')).toBeLessThan(1.5);
    await expectReadable(page, 'compare (dark, toggled)', ['header', 'main']);

    await page.locator('[data-testid=chart] svg [data-figure-id]').first().focus();
    await page.keyboard.press('Enter');
    await waitForPanel(page);
    await expectReadable(page, 'figure panel (dark, toggled)', ['[data-testid=figure-panel]']);

    await page.reload();
    await waitForChart(page);
    expect(await theme(page)).toBe('dark');
    await page.click('header nav a[href*="/table"]');
    await page.locator('[data-testid=figures-table]').waitFor();
    expect(await theme(page)).toBe('dark');
    await expectReadable(page, 'figures table (dark, toggled)', ['main']);

    await toggle.click();
    await expect.poll(() => theme(page)).toBe('light');
    expect(await stored(page), 'back to the system’s theme: nothing remembered').toBeNull();
    expect(pageProblems(page)).toEqual([]);
  });

  it('a remembered light theme wins over a system that prefers dark', async () => {
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(url('/docs'));
    await page.locator('[data-testid=docs-table]').waitFor();
    expect(await theme(page)).toBe('dark');
    await page.click('[data-testid=theme-switch]');
    await expect.poll(() => theme(page)).toBe('light');
    expect(await stored(page)).toBe('light');
    await page.reload();
    await page.locator('[data-testid=docs-table]').waitFor();
    expect(await theme(page)).toBe('light');
    await expectReadable(page, 'documents library (light)', ['header', 'main']);
  });
});
