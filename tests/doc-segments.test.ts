import { describe, expect, it } from 'vitest';
import { segments, type DocFigure } from '../src/routes/doc/doc.ts';

const fig = (id: string, start: number, end: number, rawStart = start, rawEnd = end) =>
  ({ figure_id: id, text_start: start, text_end: end, raw_start: rawStart, raw_end: rawEnd }) as DocFigure;

const view = (text: string, figures: DocFigure[], raw = false) =>
  segments(text, figures, raw).map((s) => (s.figure ? `[${s.text}:${s.figure.figure_id}]` : s.text)).join('');

describe('document segments', () => {
  it.each([
    ['marks each figure once, in order', '达10400家,位居第七', [fig('b', 10, 12), fig('a', 1, 7)], '达[10400家:a],位居[第七:b]'],
    ['keeps the earlier of overlapping marks whole', '超过4.2万家', [fig('a', 0, 7), fig('b', 2, 7)], '[超过4.2万家:a]'],
    ['skips spans outside the text', '共10家', [fig('a', 1, 4), fig('x', 3, 99), fig('y', -1, 2)], '共[10家:a]'],
    ['leaves a text with no figures whole', '没有数字', [], '没有数字'],
  ])('%s', (_, text, figures, expected) => {
    expect(view(text, figures)).toBe(expected);
  });

  it('uses raw spans for the raw text', () => {
    expect(view('創(chuàng)新10家', [fig('a', 2, 5, 10, 13)], true)).toBe('創(chuàng)新[10家:a]');
  });
});
