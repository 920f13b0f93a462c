/**
 * Contrast as WCAG 2 defines it, measured on what Chromium computed: every
 * piece of text on a part of the page against the background it is drawn on
 * (the nearest opaque one, with translucent layers composed over it), and the
 * chart's points and lines against the chart's own ground.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A colour as red, green, blue (0–255) and alpha (0–1). */
export type Rgba = [number, number, number, number];

const NAMED: Record<string, Rgba> = { white: [255, 255, 255, 1], black: [0, 0, 0, 1], transparent: [0, 0, 0, 0] };

/** Parses a computed CSS colour: `rgb(…)`, `rgba(…)`, `#rrggbb`, `#rgb`, or white, black, transparent. */
export function parseColor(css: string): Rgba {
  const s = css.trim().toLowerCase();
  if (NAMED[s]) return NAMED[s];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).concat(1) as Rgba;
  }
  const fn = /^rgba?\(([^)]+)\)$/.exec(s);
  if (fn) {
    const parts = fn[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    if (parts.length >= 3 && parts.every((n) => Number.isFinite(n))) return [parts[0], parts[1], parts[2], parts[3] ?? 1];
  }
  throw new Error(`cannot read colour: ${css}`);
}

/** `top` painted over `bottom` (source-over). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3] + bottom[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
  return [mix(0), mix(1), mix(2), a];
}

/** Relative luminance of an opaque colour (WCAG 2). */
export function luminance(c: Rgba): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
}

/** The contrast ratio (1–21) of a foreground over a background; a translucent foreground is composed over it first. */
export function contrastRatio(fg: Rgba | string, bg: Rgba | string): number {
  const back = typeof bg === 'string' ? parseColor(bg) : bg;
  const ground = back[3] < 1 ? over(back, NAMED.white) : back;
  const front = over(typeof fg === 'string' ? parseColor(fg) : fg, ground);
  const [a, b] = [luminance(front), luminance(ground)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

/** One thing measured: what it is, its colour and the backgrounds behind it (innermost first). */
export interface Sample {
  kind: 'text' | 'chart-text' | 'mark';
  what: string;
  fg: string;
  backgrounds: string[];
}

/** A sample with its contrast ratio. */
export interface Measured extends Sample {
  ratio: number;
}

/** The background a sample is drawn on: its backgrounds composed from the outermost in. */
export function groundOf(backgrounds: string[]): Rgba {
  let ground: Rgba = NAMED.white;
  for (const bg of [...backgrounds].reverse()) ground = over(parseColor(bg), ground);
  return ground;
}

/** Every sample with its ratio. */
export function measure(samples: Sample[]): Measured[] {
  return samples.map((s) => ({ ...s, ratio: contrastRatio(s.fg, groundOf(s.backgrounds)) }));
}

/**
 * Collects, under each of `roots`, every visible element that holds text of its
 * own (its colour: `color` in HTML, `fill` in SVG) and, in charts, every point
 * and line (fill, or stroke when hollow: a target's or expected value's). A
 * chart's axis text is `chart-text`; its other text labels points, so is a `mark`. Disabled controls are left out, as
 * WCAG leaves them out.
 */
export function collectSamples(page: Page, roots: string[]): Promise<Sample[]> {
  return page.evaluate((roots) => {
    const out: Array<{ kind: 'text' | 'chart-text' | 'mark'; what: string; fg: string; backgrounds: string[] }> = [];
    const transparent = (c: string) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
    const backgrounds = (el: Element): string[] => {
      const list: string[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (!transparent(bg)) {
          list.push(bg);
          if (!/^rgba/.test(bg)) return list;
        }
      }
      // Nothing opaque up to <html>: the canvas shows the root's or the body's background, else white.
      return list;
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(/\s+/).join('.')}` : ''} “${(el.textContent ?? '').trim().slice(0, 30)}”`;
    const seen = new Set<Element>();
    for (const selector of roots) {
      for (const root of document.querySelectorAll(selector)) {
        for (const el of [root, ...root.querySelectorAll('*')]) {
          if (seen.has(el)) continue;
          seen.add(el);
          if (el.closest('option, optgroup, title, desc, style, script, :disabled, [hidden]')) continue;
          const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
          const inSvg = el instanceof SVGElement;
          if (inSvg && el.closest('svg') && el.hasAttribute('data-figure-id')) {
            const st = getComputedStyle(el);
            const bgs = backgrounds(el.closest('svg')!);
            // Targets and expected values are hollow: their ring is what shows.
            const hollow = el.getAttribute('data-stance') !== 'actual' || st.fill === 'none';
            out.push({ kind: 'mark', what: `point ${el.getAttribute('data-region')} ${el.getAttribute('data-year')}`, fg: hollow ? st.stroke : st.fill, backgrounds: bgs });
            continue;
          }
          if (inSvg && el.tagName.toLowerCase() === 'path' && el.closest('g[aria-label=line]')) {
            out.push({ kind: 'mark', what: 'line', fg: getComputedStyle(el).stroke, backgrounds: backgrounds(el.closest('svg')!) });
            continue;
          }
          if (!ownText || !visible(el)) continue;
          const st = getComputedStyle(el);
          // Axis text is the chart's own; any other text in a chart labels a point in its region's colour, as a mark does.
          out.push(inSvg
            ? { kind: el.closest('g[aria-label*=axis]') ? 'chart-text' : 'mark', what: describe(el), fg: st.fill, backgrounds: backgrounds(el) }
            : { kind: 'text', what: describe(el), fg: st.color, backgrounds: backgrounds(el) });
        }
      }
    }
    return out;
  }, roots);
}

/** The lowest ratio of a kind, with what has it. */
export function lowest(measured: Measured[], kind: Sample['kind']): Measured | undefined {
  return measured.filter((m) => m.kind === kind).sort((a, b) => a.ratio - b.ratio)[0];
}

/** Those below the bar for their kind: 4.5 for text, 3 for chart text and marks. */
export function belowBar(measured: Measured[]): Measured[] {
  return measured.filter((m) => m.ratio < (m.kind === 'text' ? 4.5 : 3));
}

/** One line per kind: how many were measured and the lowest ratio, for the test log. */
export function summary(label: string, measured: Measured[]): string {
  const kinds = ['text', 'chart-text', 'mark'] as const;
  return `${label}: ` + kinds
    .map((k) => {
      const low = lowest(measured, k);
      return low ? `${k} ${measured.filter((m) => m.kind === k).length}, lowest ${low.ratio.toFixed(2)} (${low.what})` : null;
    })
    .filter(Boolean)
    .join('; ');
}

/**
 * Measures the parts of the page under `roots`, logs the lowest ratio of each
 * kind, and fails on any of the `kinds` below its bar.
 */
export async function expectReadable(page: Page, label: string, roots: string[], kinds: Array<Sample['kind']> = ['text', 'chart-text', 'mark']) {
  const measured = measure(await collectSamples(page, roots));
  console.log(summary(label, measured));
  expect(measured.filter((m) => m.kind === 'text').length, `${label}: text measured`).toBeGreaterThan(0);
  const failing = belowBar(measured).filter((m) => kinds.includes(m.kind));
  expect(failing.map((m) => `${m.kind} ${m.what}: ${m.ratio.toFixed(2)} (${m.fg} on ${m.backgrounds.join(' over ')})`), label).toEqual([]);
  return measured;
}
