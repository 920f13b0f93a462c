import { describe, expect, it } from 'vitest';
import type { ChartData, PlottedRow } from '../src/lib/charts/spec.ts';
import type { SourceDoc } from '../src/lib/charts/frame.ts';
import { ignoredNote, isoDay, numberCitations, numberSections, parseReportParams } from '../src/routes/report/report.ts';
import { reportHref } from '../src/lib/links.ts';
import { DEFAULT_INDICATORS, MAX_IDS } from '../src/lib/params.ts';

const parse = (q: string) => parseReportParams(new URLSearchParams(q));

describe('the report URL', () => {
  it('opens on three indicators for Hubei, Wuhan and Chongqing', () => {
    expect(parse('')).toEqual({
      indicators: DEFAULT_INDICATORS, regions: ['hubei', 'wuhan', 'chongqing'], from: undefined, to: undefined, targets: false, lang: null, ignored: [],
    });
  });

  it('round-trips through reportHref', () => {
    const state = { indicators: ['rd_expenditure', 'high_tech_enterprises'], regions: ['wuhan'], lang: 'en' as const, from: 2016, to: 2025, targets: true };
    const href = reportHref(state);
    expect(href).toMatch(/^\/report\?/);
    expect(parse(href.slice('/report?'.length))).toEqual({ ...state, ignored: [] });
    expect(reportHref({ indicators: ['a'], regions: ['b'], lang: null })).toBe('/report?indicators=a&regions=b');
  });

  it.each([
    ['a malformed id', 'indicators=rd_expenditure,1;DROP TABLE figures', { indicators: ['rd_expenditure'] },
      [{ param: 'indicators', value: '1;DROP TABLE figures', why: 'malformed' }]],
    ['a script tag', 'regions=<script>alert(1)</script>,wuhan', { regions: ['wuhan'] },
      [{ param: 'regions', value: '<script>alert(1)</script>', why: 'malformed' }]],
    ['a long value, cut in the note', `regions=${'x'.repeat(10_000)}`, { regions: [] },
      [{ param: 'regions', value: `${'x'.repeat(40)}…`, why: 'malformed' }]],
    ['a repeated id, once', 'indicators=rd_expenditure,rd_expenditure', { indicators: ['rd_expenditure'] }, []],
    ['an empty list, empty (not the default)', 'indicators=&regions=', { indicators: [], regions: [] }, []],
    ['bad years', 'from=-5&to=99999', { from: undefined, to: undefined },
      [{ param: 'from', value: '-5', why: 'badYear' }, { param: 'to', value: '99999', why: 'badYear' }]],
    ['good years', 'from=2016&to=2025', { from: 2016, to: 2025 }, []],
    ['an unknown language', 'lang=fr', { lang: null }, []],
    ['a targets switch that is neither 1 nor 0', 'targets=yes', { targets: false }, [{ param: 'targets', value: 'yes', why: 'malformed' }]],
    ['targets=0', 'targets=0', { targets: false }, []],
  ])('drops %s', (_, query, expected, ignored) => {
    const p = parse(query);
    expect(p).toMatchObject(expected);
    expect(p.ignored).toEqual(ignored);
  });

  it(`keeps at most ${MAX_IDS} ids and notes the rest`, () => {
    const ids = Array.from({ length: MAX_IDS + 2 }, (_, i) => `r${i}`);
    const p = parse(`regions=${ids.join(',')}`);
    expect(p.regions).toEqual(ids.slice(0, MAX_IDS));
    expect(p.ignored.map((i) => i.why)).toEqual(['tooMany', 'tooMany']);
  });

  it('says what it ignored and why, in either language', () => {
    const ignored = parse('regions=atlantis!&from=20x6').ignored;
    expect(ignoredNote(ignored, 'en')).toBe('regions=atlantis! (not an id); from=20x6 (not a year between 1900 and 2100)');
    expect(ignoredNote(ignored, 'zh')).toContain('regions=atlantis! (不是有效的编号)');
  });

  it('names ten ignored values at most and counts the rest (a link may list thousands)', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `r${i}`);
    const note = ignoredNote(parse(`regions=${ids.join(',')}`).ignored, 'en');
    expect(note).toMatch(/^regions=r12 \(over the limit of 12\); .*regions=r21 \(over the limit of 12\); 2,978 more$/);
    expect(note.length).toBeLessThan(500);
  });
});

const doc = (id: string, published: string): SourceDoc => ({ doc_id: id, issuer: '湖北省科学技术厅', title: `文件${id}`, published, doc_number: null });

describe('citations numbered across the report', () => {
  it('number each document once, in the order the charts cite them', () => {
    const { citations, numberOf } = numberCitations([[doc('b', '2023'), doc('a', '2021')], [doc('c', '2024'), doc('a', '2021')]]);
    expect(citations.map((c) => c.doc_id)).toEqual(['b', 'a', 'c']);
    expect([...numberOf]).toEqual([['b', 1], ['a', 2], ['c', 3]]);
  });

  it("give each chart's footer and table the report's numbers", () => {
    const row = (doc_id: string, region: string, year: number): PlottedRow => ({
      figure_id: `${doc_id}${year}`, doc_id, region, year, stance: 'actual', value: 2.4e9, unit: 'CNY', qualifier: 'approx', quote: '近24亿元',
      measure: 'amount', confidence: 0.9, label: '', indicator: 'x', period: 'year', sentence: '', year_inferred: false, issuer: '', title: '', published: null,
    });
    const chart = (indicator: string, sources: SourceDoc[], rows: PlottedRow[]) =>
      ({ spec: { indicator, regions: ['hubei'], lang: 'zh' }, sources, rows, regionName: (r: string) => (r === 'hubei' ? '湖北省' : r) }) as unknown as ChartData;
    const { sections, citations } = numberSections([
      chart('one', [doc('b', '2023'), doc('a', '2021')], [row('a', 'hubei', 2020), row('b', 'hubei', 2022)]),
      chart('two', [doc('c', '2024'), doc('a', '2021')], [row('a', 'hubei', 2020), row('c', 'hubei', 2023)]),
    ], 'zh');
    expect(citations.map((c) => c.doc_id)).toEqual(['b', 'a', 'c']);
    expect(sections[1].sources.map((s) => s.doc_id)).toEqual(['a', 'c']);
    expect(sections[1].numbers).toEqual([2, 3]);
    expect(sections[1].rows.map((r) => r.cite)).toEqual([2, 3]);
    expect(sections[0].rows[0]).toEqual({ figure_id: 'a2020', region: '湖北省', year: 2020, stance: '实际', value: '≈24 亿元', quote: '近24亿元', cite: 2 });
  });
});

describe('the printed date', () => {
  it('is the local day', () => {
    // 2026-11-29 20:00 UTC is already the 30th in Shanghai (the tests pin TZ=Asia/Shanghai).
    expect(isoDay(new Date('2026-11-29T20:00:00Z'))).toBe('2026-11-30');
  });
});
