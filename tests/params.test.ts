import { describe, expect, it } from 'vitest';
import { EMBED_YEARS, indicatorRef, isId, isIndicatorId, labelId, LANGS, MAX_LABEL, oneOf, readIndicator, readWhole, readYear, STANCES, YEARS } from '../src/lib/params.ts';

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

  it.each([
    ['high_tech_enterprises', { indicator: 'high_tech_enterprises', label: null }],
    ['other', { indicator: 'other', label: null }],
    ['other:院士团队', { indicator: 'other', label: '院士团队' }],
    ['other:A类学科', { indicator: 'other', label: 'A类学科' }],
    ['other:R&D经费变化(百分点)', { indicator: 'other', label: 'R&D经费变化(百分点)' }],
    [`other:${'院'.repeat(MAX_LABEL)}`, { indicator: 'other', label: '院'.repeat(MAX_LABEL) }],
    [`other:${'院'.repeat(MAX_LABEL + 1)}`, null],
    ['other:', null], ['other:甲,乙', null], ['other:院士 团队', null], ["other:x' OR '1'='1", null], ['other:<b>', null],
    ['other:院士\u0000团队', null], ['other:院士\u200b团队', null], ['other:院士\u202e团队', null], ['other:\ud800', null],
    ['Other:院士团队', null], ['rd_expenditure:院士团队', null], ['院士团队', null], ['', null],
  ])('an indicator id: %j → %j', (raw, ref) => {
    expect(readIndicator(raw)).toEqual(ref);
    expect(isIndicatorId(raw)).toBe(ref !== null);
  });

  it('a label makes an id when it can be read back, and a malformed id asks for an indicator no row has', () => {
    expect(labelId('院士团队')).toBe('other:院士团队');
    expect(labelId('甲,乙')).toBeNull();
    expect(labelId('')).toBeNull();
    for (const label of ['院士团队', 'A类学科', '(百分点)']) expect(readIndicator(labelId(label)!)).toEqual({ indicator: 'other', label });
    expect(indicatorRef("x'; DROP")).toEqual({ indicator: "x'; DROP", label: null });
  });
});
