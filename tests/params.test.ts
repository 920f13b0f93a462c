import { describe, expect, it } from 'vitest';
import { EMBED_YEARS, isId, LANGS, oneOf, readWhole, readYear, STANCES, YEARS } from '../src/lib/params.ts';

describe('what a URL may say', () => {
  it.each([
    ['2016', 2016], ['1900', 1900], ['2100', 2100], ['02016', 2016],
    ['1899', null], ['2101', null], ['20x6', null], ['-5', null], ['99999', null], ['2016.0', null], [' 2016', null], ['', null],
  ])('a year: %j → %j', (raw, year) => {
    expect(readYear(raw)).toBe(year);
  });

  it('an embed reads its own, narrower years', () => {
    expect(readYear('1948', EMBED_YEARS)).toBeNull();
    expect(readYear('1949', EMBED_YEARS)).toBe(1949);
    expect(EMBED_YEARS.max).toBe(YEARS.max);
  });

  it('whole numbers within bounds, nothing else', () => {
    expect(readWhole('380', { min: 200, max: 2000 })).toBe(380);
    expect(readWhole('1e3', { min: 200, max: 2000 })).toBeNull();
    expect(readWhole('199', { min: 200, max: 2000 })).toBeNull();
  });

  it.each([['high_tech_enterprises', true], ['r12', true], ['Hubei', false], ['a-b', false], ['', false], ['x'.repeat(65), false], ["x'; DROP", false]])(
    'an id: %j → %j', (raw, ok) => expect(isId(raw)).toBe(ok),
  );

  it('a value of a closed list, or null', () => {
    expect(oneOf('target', STANCES)).toBe('target');
    expect(oneOf('Target', STANCES)).toBeNull();
    expect(oneOf(null, LANGS)).toBeNull();
    expect(oneOf('en', LANGS)).toBe('en');
  });
});
