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
    // Kangxi radicals and supplement radicals, as PDF text layers give them for 文, 门, 长, 民.
    ['发\u2f42字号', '发文字号'],
    ['专\u2ed4\u2ea0营企业增\u2ed3', '专门民营企业增长'],
    ['\u2f00批国家实验室', '一批国家实验室'],
    // A CJK compatibility ideograph (U+F9xx) and the dashes and brackets of PDF text layers.
    ['\uf967断\uf9b2增长', '不断零增长'],
    ['2016―2020年 〈含开发区〉', '2016—2020年 〈含开发区〉'],
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

  it('maps radicals and compatibility ideographs back to the raw text, and they tell no script', () => {
    // U+2F800 (astral) folds to 丽 U+4E3D (BMP): the text is one code unit shorter than the raw text.
    const raw = '\u{2f800}\u2f24\u2f24\u2fbc新技术企业\u2f00万家,\u2ed3江';
    const n = normalize(raw);
    expect(n.text).toBe('丽大大高新技术企业一万家,长江');
    expect(n.script).toBe('simplified');
    for (const quote of ['一万家', '长江', '高新技术企业']) {
      const i = n.text.indexOf(quote);
      const [s, e] = rawSpan(n, i, i + quote.length);
      expect(normalize(raw.slice(s, e)).text).toBe(quote);
    }
  });

  it('keeps offsets right when a character changes UTF-16 length', () => {
    const raw = '𠀀創新100家';
    const n = normalize(raw);
    const i = n.text.indexOf('100家');
    const [s, e] = rawSpan(n, i, i + 4);
    expect(raw.slice(s, e)).toBe('100家');
  });
});

describe('Traditional conversion only where a text has Traditional characters', () => {
  it('the generated table is the converter\'s (npm run gen:traditional after upgrading opencc-js)', async () => {
    const { changedChars } = await import('../pipelines/normalize/traditional-table.ts');
    const { TRADITIONAL_CHARS } = await import('../pipelines/normalize/traditional-chars.ts');
    expect(TRADITIONAL_CHARS).toBe(changedChars());
  });

  it('a Simplified text comes out as it went in; a Traditional one converted; a mixed one too', () => {
    expect(normalize('全市高新技术企业达到1.66万家。').text).toBe('全市高新技术企业达到1.66万家。');
    expect(normalize('全市高新技術企業達到1.66萬家。').text).toBe('全市高新技术企业达到1.66万家。');
    expect(normalize('全市高新技术企业達到1.66万家。').text).toBe('全市高新技术企业达到1.66万家。');
  });
});
