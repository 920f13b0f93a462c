/**
 * Kelan's chart in someone else's page: a host page served from another
 * localhost port pastes the embed snippet three times. Each frame draws the
 * chart, the host script sizes each iframe to its own content, and the
 * parameters take effect: `theme=dark&lang=en&plain=1` gives a dark, English
 * chart without title or footer, and `theme=auto` follows the host's dark scheme.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Serving } from '../../scripts/serve.ts';
import { embedSnippet, embedUrl, type EmbedParams } from '../../src/lib/embed.ts';
import { pageProblems, url, useBrowser, WAIT_MS } from './harness.ts';

// The host's reader prefers dark pages; only the theme=auto frame follows that.
const session = useBrowser({ colorScheme: 'dark' });

const INITIAL_HEIGHT = 300;
const CHART: EmbedParams = { indicator: 'tech_contract_turnover', regions: ['hubei', 'wuhan', 'chongqing'] };
const FRAMES = {
  zh: CHART,
  plain: { ...CHART, theme: 'dark', lang: 'en', plain: true },
  auto: { ...CHART, theme: 'auto', plain: true },
} satisfies Record<string, EmbedParams>;

let host: Serving;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'kelan-embed-host-'));
  const kelan = url('/');
  const snippets = Object.entries(FRAMES)
    .map(([name, params]) => `<section id="${name}">${embedSnippet(embedUrl(kelan, params), `chart ${name}`, INITIAL_HEIGHT)}</section>`)
    .join('\n<p>Some of the host\'s own text between the charts.</p>\n');
  writeFileSync(join(folder, 'host.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A report</title></head>
<body style="margin: 0 auto; max-width: 760px; font-family: serif"><h1>A report with Kelan's charts</h1>
${snippets}
</body></html>`);
  host = await serve({ root: folder, port: 0 });
});

afterAll(async () => {
  await host?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function frameOf(page: Page, name: string): Promise<Frame> {
  const frame = await (await page.waitForSelector(`#${name} iframe[data-kelan-embed]`)).contentFrame();
  if (!frame) throw new Error(`no frame in #${name}`);
  return frame;
}

/** The iframe's height on the host page, and the height of the frame's content. */
async function heights(page: Page, name: string) {
  const frame = await frameOf(page, name);
  const iframe = await page.$eval(`#${name} iframe`, (f) => f.getBoundingClientRect().height);
  const inside = await frame.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    content: document.querySelector('.kelan-embed')!.getBoundingClientRect().height,
  }));
  return { iframe, ...inside };
}

describe('embed in a page from another origin', () => {
  it('draws in each frame, sizes each iframe to its content, and applies theme, language and plain', async () => {
    const page = await session.context.newPage();
    await page.goto(`${host.url}host.html`);
    expect(new URL(host.url).origin).not.toBe(new URL(url('/')).origin);

    for (const name of Object.keys(FRAMES)) {
      const frame = await frameOf(page, name);
      // Generous: the first frame starts DuckDB (fetches and compiles its wasm).
      await frame.waitForSelector('[data-testid=chart] svg [data-figure-id]', { timeout: 3 * WAIT_MS });
      const ids = await frame.$$eval('[data-figure-id]', (els) => els.map((e) => e.getAttribute('data-figure-id')));
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
      // The SVG scales with its frame: a viewBox, and the frame's full width.
      const svg = await frame.$eval('[data-testid=chart] svg', (s) => ({ viewBox: s.getAttribute('viewBox'), width: s.getBoundingClientRect().width, frame: document.documentElement.clientWidth }));
      expect(svg.viewBox).toMatch(/^0 0 \d+ \d+/);
      expect(svg.frame - svg.width).toBeLessThan(30);

      // Polled as the heights themselves, so that a failure prints them.
      await expect.poll(() => heights(page, name), { timeout: WAIT_MS })
        .toSatisfy((h: Awaited<ReturnType<typeof heights>>) => Math.abs(h.iframe - h.content) <= 2 && Math.abs(h.iframe - h.scroll) <= 2);
      expect((await heights(page, name)).iframe).not.toBe(INITIAL_HEIGHT);
    }

    // Chinese, light, with its chrome: title, units, legend, a source note and a link back to the full view.
    const zh = await frameOf(page, 'zh');
    expect(await zh.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await zh.innerText('[data-testid=embed-title]')).toBe('技术合同成交额');
    expect(await zh.innerText('.kelan-embed')).toContain('亿元');
    expect(await zh.innerText('[data-testid=embed-note]')).toMatch(/^来源：.+ 等 \d+ 份文件 · 数据版本 [0-9a-f]{6,} · 生成于 \d{4}-\d{2}-\d{2} · 在科览中查看完整图表$/);
    const link = zh.locator('[data-testid=embed-note] a');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('href')).toBe(url('/?indicator=tech_contract_turnover&regions=hubei%2Cwuhan%2Cchongqing&lang=zh'));
    expect(await zh.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await zh.getAttribute('link[rel=alternate][type="application/json+oembed"]', 'href')).toBe(url('/oembed/tech_contract_turnover.json'));
    // The oEmbed answer a content system reads: a rich embed whose html is the snippet for this indicator.
    const oembed = await (await fetch(url('/oembed/tech_contract_turnover.json'))).json();
    expect(oembed).toMatchObject({ type: 'rich', version: '1.0', provider_name: 'Kelan 科览', width: 720 });
    expect(oembed.title).toContain('技术合同成交额');
    expect(oembed.html).toMatch(/^<iframe src="https?:\/\/[^"]+\/embed\?indicator=tech_contract_turnover&amp;regions=hubei,wuhan,chongqing" [^>]*data-kelan-embed[^>]*><\/iframe><script src="[^"]+\/embed\.js" async><\/script>$/);

    // theme=dark&lang=en&plain=1: a dark ground, English labels, no title and no footer.
    const plain = await frameOf(page, 'plain');
    expect(await plain.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await plain.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(22, 25, 29)');
    const text = await plain.innerText('.kelan-embed');
    expect(text).toContain('Year');
    expect(text).toContain('100 million yuan');
    expect(text).not.toMatch(/年份|亿元|来源|Sources/);
    expect(await plain.locator('[data-testid=embed-title], [data-testid=embed-note], h1').count()).toBe(0);
    expect(await plain.$eval('[data-figure-id]', (e) => e.getAttribute('aria-label'))).toMatch(/^[A-Z][\w ]* \d{4} (Actual|Target|Expected): /);

    // theme=auto follows the host reader's dark scheme.
    const auto = await frameOf(page, 'auto');
    expect(await auto.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(22, 25, 29)');

    // Each iframe has its own height: the plain frames, without title and footer, are shorter.
    const [full, bare] = [(await heights(page, 'zh')).iframe, (await heights(page, 'plain')).iframe];
    expect(full - bare).toBeGreaterThan(40);

    // A height message from anything but a Kelan frame (here the host page itself) is ignored.
    await page.evaluate(() => window.postMessage({ type: 'kelan:embed-height', id: null, height: 4000 }, '*'));
    await page.waitForTimeout(300);
    expect((await heights(page, 'zh')).iframe).toBe(full);

    expect(pageProblems(page)).toEqual([]);
  }, 120_000); // Three frames, each starting its own DuckDB.
});
