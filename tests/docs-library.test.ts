import { describe, expect, it } from 'vitest';
import { dateOf, docsStateToParams, hostOf, parseDocsState, regionLabel, sortDocsBy, withDocsFilter } from '../src/routes/docs/docs.ts';

const parse = (q: string) => parseDocsState(new URLSearchParams(q));

describe('documents library state', () => {
  it('reads its URL, dropping what is malformed, and writes it back without defaults', () => {
    expect(parse('')).toEqual({ filter: {}, sort: 'date', descending: true });
    expect(parse('q=%20答复%20&region=wuhan&genre=reply%20to%20a%20proposal&sort=title')).toEqual({
      filter: { q: '答复', region: 'wuhan', genre: 'reply to a proposal' }, sort: 'title', descending: false,
    });
    expect(parse("region=wuhan';--&sort=sha256&dir=sideways")).toEqual({ filter: {}, sort: 'date', descending: true });
    expect(parse('sort=figures&dir=asc')).toEqual({ filter: {}, sort: 'figures', descending: false });
    for (const q of ['', 'q=答复&region=hubei', 'sort=region&dir=desc', 'genre=News&sort=date&dir=asc']) {
      expect(parse(docsStateToParams(parse(q), null).toString())).toEqual(parse(q));
    }
    expect(docsStateToParams(parse('sort=date&dir=desc'), 'en').toString()).toBe('lang=en');
  });

  it('a header click flips its own column and starts another in its natural direction', () => {
    const s = parse('');
    expect(sortDocsBy(s, 'date')).toMatchObject({ sort: 'date', descending: false });
    expect(sortDocsBy(s, 'title')).toMatchObject({ sort: 'title', descending: false });
    expect(sortDocsBy(s, 'figures')).toMatchObject({ sort: 'figures', descending: true });
    expect(sortDocsBy(sortDocsBy(s, 'region'), 'region')).toMatchObject({ sort: 'region', descending: true });
  });

  it('a filter set to nothing is removed', () => {
    const s = withDocsFilter(parse('q=x&region=hubei'), { region: undefined, genre: 'news' });
    expect(s.filter).toEqual({ q: 'x', genre: 'news' });
    expect(withDocsFilter(s, { q: '' }).filter).toEqual({ genre: 'news' });
  });
});

describe('documents library cells', () => {
  it('a date is the publication date, else the current year with the rule that gave it', () => {
    expect(dateOf({ published: '2021-07-29', current_year: 2021, date_source: 'labelled publication date' }, 'zh')).toEqual({ date: '2021-07-29', note: null });
    expect(dateOf({ published: null, current_year: 2025, date_source: 'the latest year the text reports' }, 'en'))
      .toEqual({ date: '2025', note: 'the latest year the text reports' });
    expect(dateOf({ published: null, current_year: null, date_source: '' }, 'en')).toEqual({ date: 'unknown', note: null });
  });

  it('names a region from the catalog in the interface language, else shows its id', () => {
    const regions = [{ region: 'hubei', name_zh: '湖北', name_en: 'Hubei', n: 2 }, { region: 'xanadu', name_zh: null, name_en: null, n: 1 }];
    expect(regionLabel('zh', regions, 'hubei')).toBe('湖北');
    expect(regionLabel('en', regions, 'hubei')).toBe('Hubei');
    expect(regionLabel('en', regions, 'xanadu')).toBe('xanadu');
    expect(regionLabel('en', regions, '')).toBe('—');
  });

  it('shows a source by its host, or as written when it is no URL', () => {
    expect(hostOf('http://kjj.wuhan.gov.cn/a/b.html?x=1')).toBe('kjj.wuhan.gov.cn');
    expect(hostOf('not a url')).toBe('not a url');
  });
});
