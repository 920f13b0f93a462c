/**
 * Chinese pages render real glyphs, not missing-glyph boxes ("tofu"). A
 * screenshot is kept in a temp folder for a person to look at; the check itself
 * draws each Han character the page shows, in the font the page gives it, and
 * compares the bitmaps with each other and with the box of unassigned code points.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';
import { useBrowser, waitForChart } from './harness.ts';

const session = useBrowser();

// Unassigned and non-characters: every font draws them as its .notdef box.
const TOFU = ['\u{10FFFF}', '\u0378', '\u{3FFFD}'];
const CJK_FONT = /CJK|Source Han|WenQuanYi|WQY|Droid Sans Fallback|AR PL|Hei|Song|Ming|Kai|Fang/i;

interface FontGroup {
  font: string;
  family: string;
  glyphs: Array<{ ch: string; ink: number; bits: string }>;
  tofu: string[];
  loaded: boolean;
}

/** Draws up to `perFont` Han characters of the page per font stack it uses, and the tofu references. */
function drawGlyphs(page: Page, perFont = 16): Promise<FontGroup[]> {
  return page.evaluate(({ tofu, perFont }) => {
    const groups = new Map<string, { family: string; chars: Set<string> }>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const el = node.parentElement;
      const han = node.data.match(/\p{Script=Han}/gu);
      if (!el || !han || !el.getClientRects().length) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden') continue;
      const font = `${cs.fontStyle} ${cs.fontWeight} 48px ${cs.fontFamily}`;
      const g = groups.get(font) ?? { family: cs.fontFamily, chars: new Set<string>() };
      han.forEach((c) => g.chars.add(c));
      groups.set(font, g);
    }
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const draw = (font: string, ch: string) => {
      ctx.clearRect(0, 0, 64, 64);
      ctx.font = font;
      ctx.textBaseline = 'top';
      ctx.fillStyle = '#000';
      ctx.fillText(ch, 6, 6);
      const data = ctx.getImageData(0, 0, 64, 64).data;
      let bits = '';
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) {
        const on = data[i] > 96;
        bits += on ? '1' : '0';
        if (on) ink++;
      }
      return { ink, bits };
    };
    return [...groups].map(([font, g]) => {
      const chars = [...g.chars].slice(0, perFont);
      return {
        font,
        family: g.family,
        glyphs: chars.map((ch) => ({ ch, ...draw(font, ch) })),
        tofu: tofu.map((t) => draw(font, t).bits),
        loaded: document.fonts.check(font.replace('48px', '16px'), chars.join('')),
      };
    });
  }, { tofu: TOFU, perFont });
}

/** The platform fonts Chromium shaped an element's text with (DevTools protocol). */
async function platformFonts(page: Page, selector: string): Promise<Array<{ familyName: string; glyphCount: number }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element ${selector}`);
    return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
  } finally {
    await cdp.detach();
  }
}

async function expectNoTofu(page: Page, name: string, textSelector: string) {
  const shot = join(tmpdir(), `kelan-glyphs-${name}-${process.pid}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  const png = readFileSync(shot);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  console.log(`glyphs: screenshot of the ${name} page at ${shot}`);

  const groups = await drawGlyphs(page);
  const chars = new Set(groups.flatMap((g) => g.glyphs.map((x) => x.ch)));
  expect(chars.size, 'Han characters on the page').toBeGreaterThanOrEqual(8);
  for (const g of groups) {
    expect(g.loaded, `document.fonts.check(${g.font})`).toBe(true);
    const seen = new Map<string, string>();
    for (const { ch, ink, bits } of g.glyphs) {
      expect(ink, `${ch} in ${g.font} draws nothing`).toBeGreaterThan(20);
      expect(g.tofu.includes(bits), `${ch} in ${g.font} is drawn as the missing-glyph box`).toBe(false);
      expect(seen.get(bits), `${ch} and ${seen.get(bits)} draw the same bitmap in ${g.font}: a missing-glyph box`).toBeUndefined();
      seen.set(bits, ch);
    }
  }

  const fonts = await platformFonts(page, textSelector);
  const cjk = fonts.filter((f) => CJK_FONT.test(f.familyName) && f.glyphCount > 0);
  expect(cjk, `fonts used for ${textSelector}: ${JSON.stringify(fonts)}`).not.toHaveLength(0);
}

describe('glyphs', () => {
  it('the compare page in Chinese has no missing-glyph boxes', async () => {
    const page = await session.open('/?lang=zh');
    await waitForChart(page);
    await page.evaluate(() => document.fonts.ready);
    await expectNoTofu(page, 'compare', 'select[data-testid=indicator]');
  });

  it('a document page, Traditional script included, has no missing-glyph boxes', async () => {
    const [f] = await readParquet<{ doc_id: string; figure_id: string }>(join(ROOT, 'static', 'data', 'figures.parquet'),
      `SELECT f.doc_id, f.figure_id FROM t f WHERE f.quote = '1000億元'`);
    const page = await session.open(`/doc?doc=${encodeURIComponent(f.doc_id)}&figure=${f.figure_id}&lang=zh`);
    await page.locator('mark[data-figure-id]').first().waitFor();
    // The raw text keeps the file's Traditional characters (億, 發展 …), which a Simplified-only font would lack.
    const raw = page.locator('[data-testid=raw-toggle]');
    if (await raw.count()) {
      await raw.click();
      await page.locator(`mark[data-figure-id="${f.figure_id}"]`, { hasText: '億' }).waitFor();
    }
    await page.evaluate(() => document.fonts.ready);
    await expectNoTofu(page, 'document', `mark[data-figure-id="${f.figure_id}"]`);
  });
});
