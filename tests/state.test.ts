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
});
