import { describe, expect, it } from 'vitest';
import { normalize, rawSpan } from '../pipelines/normalize/normalize.ts';

describe('normalize', () => {
  it.each([
    ['創(chuàng)新數(shù)量', '创新数量'],
    ['國家重點實驗室２８家', '国家重点实验室28家'],
    ['增長１２％；', '增长12%;'],
    ['（一）建設', '(一)建设'],
    ['高新技术企业10400家', '高新技术企业10400家'],
    ['研發(f)投入', '研发(f)投入'],
  ])('%s → %s', (raw, text) => {
    expect(normalize(raw).text).toBe(text);
  });

  it('maps every character back to the raw text', () => {
    const raw = '全社會研發(fā)投入增長１２％,高新技術企業(yè)數(shù)量新增2000家';
    const n = normalize(raw);
    for (const quote of ['12%', '2000家', '研发投入']) {
      const i = n.text.indexOf(quote);
      const [s, e] = rawSpan(n, i, i + quote.length);
      expect(normalize(raw.slice(s, e)).text).toBe(quote);
    }
    const i = n.text.indexOf('企业数量');
    const [s, e] = rawSpan(n, i, i + 4);
    expect(raw.slice(s, e)).toBe('企業(yè)數(shù)量');
  });

  it.each([
    ['全省高新技术企业数量达10400家', 'simplified'],
    ['全省高新技術企業數量達10400家,國家級創新平台', 'traditional'],
  ])('tells the script of %s', (raw, script) => {
    expect(normalize(raw).script).toBe(script);
  });

  it('keeps offsets right when a character changes UTF-16 length', () => {
    const raw = '𠀀創新100家';
    const n = normalize(raw);
    const i = n.text.indexOf('100家');
    const [s, e] = rawSpan(n, i, i + 4);
    expect(raw.slice(s, e)).toBe('100家');
  });
});
