/**
 * The compare page's default chart is in its HTML, drawn when the build
 * prerenders the page (any `vite build`) from the data it serves: with
 * JavaScript off it shows the points of Hubei, Wuhan and Chongqing; with it on,
 * the app's own chart replaces it in the same place (a pixel or two at most)
 * and a click on a point opens the figure panel.
 */
import { describe, expect, it } from 'vitest';
import { pageProblems, url, useBrowser, waitForChart, waitForPanel } from './harness.ts';

const session = useBrowser();
const ANY_POINT = '[data-testid=chart] svg [data-figure-id]';

interface Box { x: number; y: number; width: number; height: number; pre: string | null }

// From the first frame that shows a point: where its chart's SVG is, and whether it is the prerendered one.
const RECORD_FIRST_PAINT = `(() => {
  const box = () => {
    const point = Array.from(document.querySelectorAll(${JSON.stringify(ANY_POINT)})).find((el) => el.checkVisibility());
    if (!point) return null;
    const r = point.ownerSVGElement.getBoundingClientRect();
    const pre = point.closest('.pre');
    return { x: r.x, y: r.y, width: r.width, height: r.height, pre: pre ? pre.className : null };
  };
  const frame = () => {
    window.__firstPaint = box();
    if (!window.__firstPaint) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.__chartBox = box;
})()`;

describe('the default chart before the app starts', () => {
  it('shows the chart with JavaScript disabled', async () => {
    const context = await session.newContext({ javaScriptEnabled: false });
    const page = await session.open('/', context);
    const points = page.locator(ANY_POINT).filter({ visible: true });
    await points.first().waitFor({ state: 'visible' });
    const regions = new Set(await points.evaluateAll((els) => els.map((el) => el.getAttribute('data-region'))));
    expect([...regions].sort()).toEqual(['chongqing', 'hubei', 'wuhan']);
    expect(await page.locator('[data-testid=chart] svg').first().isVisible()).toBe(true);
    // Drawn by the build's prerender from the data it serves, not from a file beside the data.
    expect((await fetch(url('/data/first-view.json'))).status).toBe(404);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`becomes interactive in place (${scheme})`, async () => {
      const page = await session.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.addInitScript(RECORD_FIRST_PAINT);
      await page.goto(url('/'), { waitUntil: 'commit' });
      await page.waitForFunction(() => (window as unknown as { __firstPaint: unknown }).__firstPaint);
      await waitForChart(page);
      const first = (await page.evaluate('window.__firstPaint')) as Box;
      const live = (await page.evaluate('window.__chartBox()')) as Box;
      expect(first.pre, 'the first paint shows the prerendered chart of the theme').toContain(`pre-${scheme}`);
      expect(live.pre, 'the app drew its own chart').toBeNull();
      for (const k of ['x', 'y', 'width', 'height'] as const) {
        expect(Math.abs(live[k] - first[k]), `the chart's ${k} moved from ${first[k]} to ${live[k]}`).toBeLessThanOrEqual(2);
      }

      // Points can overlap (two sources of one fact): a click at Hubei's 2020 point opens whichever is on top.
      const box = (await page.locator('[data-testid=chart] .live svg [data-region=hubei][data-year="2020"][data-stance=actual]').first().boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await waitForPanel(page);
      expect(pageProblems(page)).toEqual([]);
    });
  }
});
