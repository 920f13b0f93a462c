/**
 * The dashboard as a reader on a phone (390 × 844, touch) and on a laptop
 * (1366 × 900) sees it: the compare chart fills its column and is drawn for it,
 * its text never under 11 px; it is drawn again when the width changes; the
 * figure panel sits beside the chart on a wide screen; one legend, which is the
 * regions' control, in the chart's colour order; every point of 高新技术企业
 * opens its figure when tapped, and a point several documents report lists them
 * all, each reachable.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser, waitForChart, WAIT_MS } from './harness.ts';

const session = useBrowser();
const VIEW = '/?indicator=high_tech_enterprises&regions=hubei,wuhan,chongqing';
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const LAPTOP = { viewport: { width: 1366, height: 900 } };
const LIVE = '[data-testid=chart] .live svg';

async function open(options: typeof PHONE | typeof LAPTOP, path = VIEW): Promise<Page> {
  const context = await session.newContext(options);
  const page = await session.open(path, context);
  await waitForChart(page);
  await page.locator(`${LIVE} [data-figure-id]`).first().waitFor();
  return page;
}

/** The chart's drawn width against the width of the column it sits in, and the smallest text in it as rendered. */
function measure(page: Page) {
  return page.evaluate((live) => {
    const main = document.querySelector('main')!;
    const style = getComputedStyle(main);
    const content = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const svg = document.querySelector(live) as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    // Rendered size: the computed font size times the drawing's scale on screen (1 when drawn for its box).
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.getBoundingClientRect().width > 0);
    const sizes = texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const axis = [...svg.querySelectorAll('[aria-label$="tick label"] text')].map((t) => t.getBoundingClientRect().height);
    return { content, chart: box.width, drawnAt: Number(svg.getAttribute('width')), smallest: Math.min(...sizes), texts: texts.length, axis };
  }, LIVE);
}

describe('the compare chart fits its page', () => {
  for (const [name, options] of [['phone 390 px', PHONE], ['laptop 1366 px', LAPTOP]] as const) {
    it(`${name}: at least 80% of the content width, drawn for it, no text under 11 px`, async () => {
      const page = await open(options);
      const m = await measure(page);
      expect(m.chart / m.content, `chart ${m.chart} px in ${m.content} px`).toBeGreaterThanOrEqual(0.8);
      // Drawn for its width, not a wider drawing scaled down.
      expect(Math.abs(m.drawnAt - m.chart), `drawn at ${m.drawnAt} px, shown at ${m.chart} px`).toBeLessThanOrEqual(1);
      expect(m.texts).toBeGreaterThan(5);
      expect(m.smallest, 'smallest chart text, px').toBeGreaterThanOrEqual(11);
      expect(m.axis.length).toBeGreaterThan(3);
      for (const h of m.axis) expect(h, 'axis label height, px').toBeGreaterThanOrEqual(11);
      // Nothing wider than the screen: no sideways scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(options.viewport.width);
    });
  }

  it('is drawn again when its width changes', async () => {
    const page = await open(LAPTOP);
    const before = await measure(page);
    await page.setViewportSize({ width: 800, height: 900 });
    await page.waitForFunction(([live, w]) => Number(document.querySelector(live)?.getAttribute('width')) < w, [LIVE, before.drawnAt] as const, { timeout: WAIT_MS });
    const after = await measure(page);
    expect(after.chart / after.content).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(after.drawnAt - after.chart)).toBeLessThanOrEqual(1);
    expect(after.smallest).toBeGreaterThanOrEqual(11);
  });

  it('wide: the figure panel beside the chart; phone: below it, with the pickers folded above', async () => {
    const wide = await open(LAPTOP);
    await wide.locator(`${LIVE} [data-figure-id]`).first().click();
    const panel = wide.locator('[data-testid=figure-panel]');
    await panel.waitFor();
    await wide.waitForFunction((live) => {
      const svg = document.querySelector(live);
      const panel = document.querySelector('[data-testid=figure-panel]');
      return svg && panel && svg.getBoundingClientRect().right <= panel.getBoundingClientRect().left + 1;
    }, LIVE, { timeout: WAIT_MS });
    const [chartBox, panelBox] = [await wide.locator(LIVE).boundingBox(), await panel.boundingBox()];
    expect(panelBox!.y, 'panel beside the chart, not below').toBeLessThan(chartBox!.y + chartBox!.height);
    // The chart was drawn again for the narrower column.
    expect(Math.abs(Number(await wide.locator(LIVE).getAttribute('width')) - chartBox!.width)).toBeLessThanOrEqual(1);

    const phone = await open(PHONE);
    const pickers = phone.locator('[data-testid=pickers-box]');
    expect(await pickers.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await phone.locator('[data-testid=indicator]').isVisible()).toBe(false);
    await pickers.locator('summary').tap();
    await phone.locator('[data-testid=indicator]').waitFor({ state: 'visible' });
    await phone.locator(`${LIVE} [data-figure-id]`).first().tap();
    const below = phone.locator('[data-testid=figure-panel]');
    await below.waitFor();
    const [c, p] = [await phone.locator(LIVE).boundingBox(), await below.boundingBox()];
    expect(p!.y).toBeGreaterThanOrEqual(c!.y + c!.height);
  });
});

describe('one legend, which is the regions\' control', () => {
  it('lists the regions in the chart\'s colour order with the stances\' key; Plot draws none; unticking hides a region', async () => {
    const page = await open(LAPTOP, '/?indicator=high_tech_enterprises&regions=chongqing,hubei,wuhan');
    expect(await page.locator('[data-testid=chart-legend]').count()).toBe(1);
    // Plot's own legend (its swatches) is gone.
    expect(await page.locator('[data-testid=chart] [class*=swatch]').count()).toBe(0);
    const order = await page.locator('[data-testid=chart-legend] [data-region]').evaluateAll((els) => els.map((e) => e.getAttribute('data-region')));
    expect(order).toEqual(['chongqing', 'hubei', 'wuhan']);
    // Each swatch is the colour the chart draws that region's points in.
    for (const region of order) {
      const swatch = await page.locator(`[data-testid=chart-legend] [data-region=${region}] .swatch`).evaluate((e) => getComputedStyle(e).backgroundColor);
      const fill = await page.locator(`${LIVE} .point.actual[data-region=${region}]`).first().evaluate((e) => getComputedStyle(e).fill);
      expect(swatch, region!).toBe(fill);
    }
    expect(await page.locator('[data-testid=stance-key]').innerText()).toMatch(/实际.*目标.*预计/);

    await page.locator('[data-testid=region-wuhan]').uncheck();
    await page.waitForFunction((live) => !document.querySelector(`${live} [data-region=wuhan]`) && document.querySelector(`${live} [data-region=hubei]`), LIVE, { timeout: WAIT_MS });
    expect(new URL(page.url()).searchParams.get('regions')).toBe('chongqing,hubei');
    // Unticked, a default region stays listed to be ticked back.
    await page.locator('[data-testid=region-wuhan]').check();
    await page.locator(`${LIVE} [data-region=wuhan]`).first().waitFor();
  });
});

describe('touch: every point can be tapped', () => {
  it('tapping each point of 高新技术企业 opens its figure', async () => {
    const page = await open(PHONE);
    const points = await page.locator(`${LIVE} [data-figure-id]`).evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.getAttribute('data-figure-id')!, x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }));
    expect(points.length).toBeGreaterThan(5);
    for (const p of points) {
      await page.locator(`${LIVE} [data-figure-id="${p.id}"]`).scrollIntoViewIfNeeded();
      const box = (await page.locator(`${LIVE} [data-figure-id="${p.id}"]`).boundingBox())!;
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForFunction((id) => new URL(location.href).searchParams.get('figure') === id, p.id, { timeout: WAIT_MS });
      await page.locator('[data-testid=figure-panel]').waitFor();
    }
  });

  it('a tap beside a point, inside 24 × 24 px, opens it: the hit area is larger than the mark', async () => {
    const page = await open(PHONE);
    const points = page.locator(`${LIVE} .point[data-figure-id]`);
    const n = await points.count();
    let tried = 0;
    for (let i = 0; i < n && tried < 3; i++) {
      const el = points.nth(i);
      const box = (await el.boundingBox())!;
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2 + 9];
      // Only where nothing else is under the finger: no other point's hit area or mark.
      const under = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.getAttribute('data-hit-for') ?? null, [x, y] as const);
      const id = await el.getAttribute('data-figure-id');
      if (under !== id) continue;
      expect(box.height, 'the mark stays small').toBeLessThan(16);
      await page.touchscreen.tap(x, y);
      await page.waitForFunction((id) => new URL(location.href).searchParams.get('figure') === id, id, { timeout: WAIT_MS });
      tried++;
    }
    expect(tried, 'points tapped beside their mark').toBeGreaterThan(0);
  });

  it('a point several documents report shows their count and lists them all, each reachable', async () => {
    const page = await open(PHONE);
    const counted = page.locator(`${LIVE} [data-count]`).first();
    await counted.waitFor();
    const count = Number(await counted.getAttribute('data-count'));
    expect(count).toBeGreaterThan(1);
    expect(await page.locator(`${LIVE} .count-mark text`).allTextContents()).toContain(`×${count}`);
    const shown = (await counted.getAttribute('data-figure-id'))!;
    await counted.tap();
    const list = page.locator('[data-testid=same-fact] [data-testid=same-open]');
    await list.first().waitFor();
    // The panel shows the point's figure and lists the others: all of them, the figure itself not again.
    const others = await list.evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')));
    expect(others).toHaveLength(count - 1);
    expect(others).not.toContain(shown);
    const source = await page.locator('[data-testid=open-document]').getAttribute('href');
    await list.first().tap();
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('figure') === id, others[0], { timeout: WAIT_MS });
    await page.waitForFunction((shown) => [...document.querySelectorAll('[data-testid=same-open]')].some((e) => e.getAttribute('data-figure') === shown), shown, { timeout: WAIT_MS });
    // The other document's figure is open now, with the first one listed in turn.
    expect(await page.locator('[data-testid=open-document]').getAttribute('href')).not.toBe(source);
  });
});
