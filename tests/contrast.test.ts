import { describe, expect, it } from 'vitest';
import { belowBar, contrastRatio, groundOf, measure, over, parseColor } from './browser/contrast.ts';

describe('WCAG contrast of computed colours', () => {
  it.each([
    ['rgb(0, 0, 0)', 'rgb(255, 255, 255)', 21],
    ['white', 'white', 1],
    ['#777', '#fff', 4.48],
    ['#0072B2', 'rgb(22, 25, 29)', 3.4],
    ['rgb(230, 233, 238)', '#16191d', 14.49],
    ['#E69F00', 'white', 2.25],
  ])('%s on %s is %s', (fg, bg, ratio) => {
    expect(contrastRatio(fg, bg)).toBeCloseTo(ratio, 2);
    expect(contrastRatio(bg, fg)).toBeCloseTo(ratio, 2);
  });

  it('reads the colour forms Chromium computes, and refuses others by name', () => {
    expect(parseColor('rgba(29, 36, 48, 0.5)')).toEqual([29, 36, 48, 0.5]);
    expect(parseColor('rgb(29 36 48 / 0.25)')).toEqual([29, 36, 48, 0.25]);
    expect(parseColor('#abc')).toEqual([170, 187, 204, 1]);
    expect(parseColor('transparent')[3]).toBe(0);
    expect(() => parseColor('color(display-p3 1 0 0)')).toThrow(/cannot read colour: color\(display-p3/);
  });

  it('composes translucent layers from the outermost in', () => {
    expect(over([0, 0, 0, 0.5], [255, 255, 255, 1])).toEqual([127.5, 127.5, 127.5, 1]);
    expect(groundOf(['rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)'])).toEqual([127.5, 127.5, 127.5, 1]);
    expect(groundOf([])).toEqual([255, 255, 255, 1]);
    // Half-transparent white ink on black reads as mid grey.
    expect(contrastRatio('rgba(255, 255, 255, 0.5)', 'black')).toBeCloseTo(contrastRatio([127.5, 127.5, 127.5, 1], 'black'), 6);
  });

  it('holds text to 4.5 and chart text and marks to 3', () => {
    const measured = measure([
      { kind: 'text', what: 'a', fg: '#767676', backgrounds: ['#fff'] },
      { kind: 'text', what: 'b', fg: '#777', backgrounds: ['#fff'] },
      { kind: 'mark', what: 'c', fg: '#0072B2', backgrounds: ['#16191d'] },
      { kind: 'chart-text', what: 'd', fg: '#E69F00', backgrounds: ['white'] },
    ]);
    expect(belowBar(measured).map((m) => m.what)).toEqual(['b', 'd']);
  });
});
