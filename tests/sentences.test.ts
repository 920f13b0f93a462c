import { describe, expect, it } from 'vitest';
import { splitSentences } from '../pipelines/sentences/sentences.ts';

const texts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('sentences', () => {
  it('ends sentences at 。！？ and line breaks, taking closing quotes along', () => {
    expect(texts('他说:“好。”然后走了！第二行\n第三行?  ')).toEqual(['他说:“好。”', '然后走了！', '第二行', '第三行?']);
  });

  it('keeps decimals and numbered items whole', () => {
    expect(texts('1.组建实验室3.5家。2.新增4.2万家。')).toEqual(['1.组建实验室3.5家。', '2.新增4.2万家。']);
  });

  it('splits clauses at ；', () => {
    const t = '截至2020年底,达10400家;今年上半年,申报3332家。';
    const [s] = splitSentences(t);
    expect(s.clauses.map((c) => t.slice(c.start, c.end))).toEqual(['截至2020年底,达10400家;', '今年上半年,申报3332家。']);
  });

  it('records the line each sentence starts on', () => {
    expect(splitSentences('甲。乙。\n\n丙。').map((s) => s.line)).toEqual([0, 0, 2]);
  });

  it('is linear on a long text', () => {
    const t = '全省高新技术企业达10400家,位居全国第七。'.repeat(100_000);
    expect(splitSentences(t)).toHaveLength(100_000);
  });
});
