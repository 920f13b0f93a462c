import { describe, expect, it } from 'vitest';
import { parseState, stateToParams } from '../src/lib/state.ts';
import { MAX_IDS } from '../src/lib/params.ts';

describe('view state in the URL', () => {
  it('round-trips a view with a selected point', () => {
    const s = parseState(new URLSearchParams('indicator=tech_contract_turnover&measure=amount&unit=CNY&regions=hubei,wuhan&figure=0123456789abcdef&lang=en'));
    expect(s).toMatchObject({ indicator: 'tech_contract_turnover', measure: 'amount', unit: 'CNY', regions: ['hubei', 'wuhan'], figure: '0123456789abcdef', lang: 'en' });
    expect(parseState(stateToParams(s, 'compare'))).toEqual(s);
  });

  it('opens on Hubei, Wuhan and Chongqing', () => {
    expect(parseState(new URLSearchParams('')).regions).toEqual(['hubei', 'wuhan', 'chongqing']);
  });

  it.each([
    ["indicator=x'; DROP TABLE figures; --"], ['regions=<script>alert(1)</script>,hubei'], ['figure=../../etc/passwd'], ['lang=fr'],
  ])('drops malformed values: %s', (q) => {
    const s = parseState(new URLSearchParams(q));
    expect(s.indicator).toMatch(/^[a-z0-9_]+$/);
    expect(s.regions.every((r) => /^[a-z0-9_]+$/.test(r))).toBe(true);
    expect(s.figure === null || /^[0-9a-f]{16}$/.test(s.figure)).toBe(true);
    expect(s.lang === null || s.lang === 'zh' || s.lang === 'en').toBe(true);
  });

  it('keeps each id once and at most MAX_IDS of them', () => {
    const s = parseState(new URLSearchParams(`indicators=rd_expenditure,rd_expenditure,x1&regions=${Array.from({ length: 3000 }, (_, i) => `r${i % 20}`).join(',')}`));
    expect(s.indicators).toEqual(['rd_expenditure', 'x1']);
    expect(s.regions).toEqual(Array.from({ length: MAX_IDS }, (_, i) => `r${i}`));
  });

  it('round-trips a label of `other` as the compare view\'s indicator and among the multiples\' panels', () => {
    const s = parseState(new URLSearchParams('indicator=other:院士团队&regions=hubei'));
    expect(s.indicator).toBe('other:院士团队');
    const url = `?${stateToParams(s, 'compare')}`;
    expect(url).toContain('indicator=other%3A%E9%99%A2%E5%A3%AB%E5%9B%A2%E9%98%9F');
    expect(parseState(new URL(url, 'http://x/').searchParams)).toEqual(s);
    const m = parseState(new URLSearchParams('indicators=rd_expenditure,other:A类学科,other:院士团队'));
    expect(m.indicators).toEqual(['rd_expenditure', 'other:A类学科', 'other:院士团队']);
    expect(parseState(new URL(`?${stateToParams(m, 'multiples')}`, 'http://x/').searchParams).indicators).toEqual(m.indicators);
  });

  it.each([['other:甲,乙'], ['other:'], [`other:${'长'.repeat(33)}`], ["other:x' OR '1'='1"], ['other:a b']])('drops a malformed label: %j', (id) => {
    expect(parseState(new URLSearchParams({ indicator: id })).indicator).toBe('high_tech_enterprises');
    expect(parseState(new URLSearchParams({ indicators: `${id},rd_expenditure` })).indicators).not.toContain(id);
  });

  it('reads regions as catalog ids only, never as labels', () => {
    expect(parseState(new URLSearchParams('regions=other:湖北,hubei')).regions).toEqual(['hubei']);
  });
});
