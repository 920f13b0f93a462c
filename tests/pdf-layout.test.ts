import { describe, expect, it } from 'vitest';
import { layoutText, type TextLine } from '../pipelines/read/pdf-layout.ts';

// An A4-like page: text from x = 50 to 530 in 12 pt, a line every 17 pt.
const SIZE = 12;
const LEFT = 50;
const RIGHT = 530;
const PITCH = 17;

interface Row {
  text: string;
  /** Where the line ends; the full width unless given. */
  right?: number;
  left?: number;
  /** Lines of space above this one (1 = the next line). */
  step?: number;
}

/** A page of rows, each one step below the last. */
function page(...rows: Array<Row | string>): TextLine[] {
  let y = 800;
  return rows.map((r) => {
    const row = typeof r === 'string' ? { text: r } : r;
    y -= (row.step ?? 1) * PITCH;
    return { text: row.text, left: row.left ?? LEFT, right: row.right ?? RIGHT, y, size: SIZE };
  });
}

const FULL = '全省高新技术企业数量持续增长'; // any text that fills a line; the geometry decides
const short = (text: string): Row => ({ text, right: 200 });

describe('layoutText', () => {
  it.each<[string, TextLine[][], string]>([
    ['a line the page wrapped continues without a break', [page(FULL, FULL, short('达到1.2万家。'))], `${FULL}${FULL}达到1.2万家。`],
    ['a line that ends short ends its paragraph', [page(short('一、总体要求'), FULL, short('尾。'))], `一、总体要求\n${FULL}尾。`],
    [
      'a line ending where the next word would still fit ends its paragraph',
      [page(FULL, { text: '到2025年', right: 480 }, short('二、主要任务'))],
      `${FULL}到2025年\n二、主要任务`,
    ],
    ['a blank line stays blank', [page(FULL, FULL, short('第一段。'), { ...short('第二段。'), step: 2 })], `${FULL}${FULL}第一段。\n\n第二段。`],
    [
      'paragraph spacing starts a new paragraph, even after a full line',
      [page(FULL, FULL, FULL, { text: '新段落', right: 200, step: 1.4 }, FULL, short('完。'))],
      `${FULL}${FULL}${FULL}\n新段落\n${FULL}完。`,
    ],
    ['an indented line starts a new paragraph', [page(FULL, { text: '新段落开头', left: LEFT + 2 * SIZE })], `${FULL}\n新段落开头`],
    ['a sentence that ends at the margin before a numbered heading ends there', [page({ text: '工作。', right: RIGHT }, short('三、保障措施'))], '工作。\n三、保障措施'],
    ['a Latin word wrapped onto the next line keeps its space', [page({ text: 'the National Science', right: 525 }, short('Foundation'))], 'the National Science Foundation'],
    ['a paragraph goes on across a page break', [page(FULL, FULL), page(short('续完。'))], `${FULL}${FULL}续完。`],
    ['a page number at the foot of a page is dropped', [page(FULL, FULL, short('- 1 -')), page(short('续完。'), short('- 2 -'))], `${FULL}${FULL}续完。`],
    [
      'a running header and footer (digits aside) on most pages are dropped',
      [
        page(short('湖北省科技厅文件'), FULL, FULL, short('第 1 页 共 3 页')),
        page(short('湖北省科技厅文件'), FULL, short('完。'), short('第 2 页 共 3 页')),
        page(short('湖北省科技厅文件'), short('附件'), short('第 3 页 共 3 页')),
      ],
      `${FULL}${FULL}${FULL}完。\n附件`,
    ],
    ['no lines give no text', [[], []], ''],
  ])('%s', (_name, pages, text) => {
    expect(layoutText(pages)).toBe(text);
  });

  it('reads a long document in time linear in its lines', () => {
    // Lines that differ in their words, not only their digits, so that none looks like a running header.
    const lineText = (n: number) => `${FULL.slice(0, 9)}${[...String(n).padStart(5, '0')].map((d) => '零一二三四五六七八九'[+d]).join('')}`;
    const pages = Array.from({ length: 2000 }, (_, p) => page(...Array.from({ length: 40 }, (_, i) => lineText(p * 40 + i))));
    const t = performance.now();
    const text = layoutText(pages);
    expect(text.length).toBe(2000 * 40 * lineText(0).length);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
