/**
 * A PDF's lines of text → the document's text, joined the way the page shows
 * them: a line that the page wrapped continues on the next, a new paragraph
 * starts a new line, a visibly blank line stays blank, and page numbers and
 * running headers and footers are dropped.
 */
import { foldCompatibility } from '../normalize/compatibility.ts';

/** One line of a page as drawn: its text and where it stands, in PDF points. */
export interface TextLine {
  text: string;
  left: number;
  right: number;
  /** Baseline height from the bottom of the page (PDF space: up is larger). */
  y: number;
  /** Font size, in points. */
  size: number;
}

// `- 3 -`, `第3页`, `第 3 页 共 9 页`, `3 / 9`, `Page 3 of 9`.
const PAGE_NUMBER =
  /^[-—–―\s]*(?:(?:第\s*)?\d{1,4}\s*页?(?:\s*(?:[/／]|共|of)\s*\d{1,4}\s*页?)?|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)[-—–―\s]*$/i;
/** Characters as wide as the font size; others count as half. */
const WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60\u3000-\u303f“”‘’—…]/;
// The unbreakable start of a line: opening marks, a word of Latin letters and digits (with their
// marks, as in 創(chuàng)) or one character, then the marks that may not start a line (a page
// moves them with the character before).
const FIRST_TOKEN = /^[“‘《（(「『〔【[]*(?:[\p{Script=Latin}\p{Nd}][\p{Script=Latin}\p{Nd}\p{M}.,:%_+-]*|\S)[，。、；：！？）》”’」』〕】\]),.;:!?%…·]*/u;
const WORD_END = /[\p{Script=Latin}\p{Nd}]$/u;
const WORD_START = /^[\p{Script=Latin}\p{Nd}]/u;
/** A sentence's end, perhaps inside closing quotes or brackets. */
const SENTENCE_END = /[。！？；!?;][”’」』）)]*$/;
/** What opens a numbered paragraph or heading: 一、 （二） 3. 4、 第五条 (not 一是, often inside a paragraph). */
const NUMBERED = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十百\d]+[条章节部分])/;
/** A token longer than this cannot tell a wrapped line from a short one. */
const MAX_TOKEN_EM = 8;

/** Joins the lines of a document's pages (each in reading order) into its text. */
export function layoutText(pages: TextLine[][]): string {
  const body = dropFurniture(pages);
  const lines = body.flat();
  if (lines.length === 0) return '';
  const right = edge(lines.map((l) => l.right), lines[0].size);
  const left = -edge(lines.map((l) => -l.left), lines[0].size);
  const pitch = linePitch(body);

  const out: string[] = [];
  let prev: TextLine | undefined;
  for (const page of body) {
    page.forEach((line, i) => {
      if (prev) {
        const samePage = i > 0;
        const step = samePage ? (prev.y - line.y) / line.size : pitch;
        // A gap of two lines or more shows blank lines; a line above the last starts a new block.
        const blank = step > pitch * 1.6 ? Math.round(step / pitch) - 1 : 0;
        const newBlock = step <= 0 || step > pitch * 1.15;
        const indented = line.left > left + line.size;
        // A sentence that ends where a numbered paragraph starts is a paragraph's end, even at the margin.
        const numbered = SENTENCE_END.test(prev.text) && NUMBERED.test(foldCompatibility(line.text.trimStart().slice(0, 8)));
        if (blank === 0 && !newBlock && !indented && !numbered && wrapped(prev, line, right)) {
          out.push(WORD_END.test(prev.text) && WORD_START.test(line.text) ? ' ' : '');
        } else {
          out.push('\n'.repeat(1 + blank));
        }
      }
      out.push(line.text);
      prev = line;
    });
  }
  return out.join('');
}

/** Whether the page broke `line` off `prev`: its first word would not have fitted at the end of `prev`. */
function wrapped(prev: TextLine, line: TextLine, right: number): boolean {
  const token = FIRST_TOKEN.exec(line.text.trimStart())?.[0] ?? '';
  const width = Math.min(ems(token), MAX_TOKEN_EM) * line.size;
  return prev.right + width > right - 0.5 * line.size;
}

/** The width of `text` in font sizes, estimated: Chinese characters and their marks are square, others half as wide. */
export function ems(text: string): number {
  let em = 0;
  for (const c of text) em += WIDE.test(c) ? 1 : 0.5;
  return em;
}

/**
 * The pages without their furniture: a page number as a page's first or last line,
 * and, in a document of three pages or more, a first or last line that recurs
 * (digits aside) on half of the pages or more.
 */
function dropFurniture(pages: TextLine[][]): TextLine[][] {
  const key = (l: TextLine) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '');
  const counts = new Map<string, number>();
  if (pages.length >= 3) {
    for (const page of pages) {
      const ends = new Set(page.length ? [key(page[0]), key(page[page.length - 1])] : []);
      for (const k of ends) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const running = (l: TextLine) => (counts.get(key(l)) ?? 0) >= Math.max(2, pages.length / 2);
  const furniture = (l: TextLine) => PAGE_NUMBER.test(l.text) || running(l);
  return pages.map((page) => {
    let from = 0;
    let to = page.length;
    // At most two lines at each end: a header and a page number.
    for (let k = 0; k < 2 && from < to && furniture(page[from]); k++) from++;
    for (let k = 0; k < 2 && to > from && furniture(page[to - 1]); k++) to--;
    return page.slice(from, to);
  });
}

/**
 * The usual step from one line to the next, in font sizes: the lower quartile of
 * the steps seen (counted in hundredths, so no sort is needed), since paragraph
 * spacing only ever adds to it.
 */
function linePitch(pages: TextLine[][]): number {
  const counts = new Uint32Array(1001);
  let total = 0;
  for (const page of pages) {
    for (let i = 1; i < page.length; i++) {
      const step = (page[i - 1].y - page[i].y) / page[i].size;
      if (step > 0.5) {
        counts[Math.min(Math.round(step * 100), 1000)]++;
        total++;
      }
    }
  }
  if (total === 0) return 1.5;
  for (let bin = 0, seen = 0; bin < counts.length; bin++) {
    seen += counts[bin];
    if (seen > total / 4) return bin / 100;
  }
  return 10;
}

/**
 * The largest of `values`, where the text's margin is; in a document of ten lines
 * or more, a single line that juts out (an unbreakable address past the margin)
 * by more than three font sizes does not set it.
 */
function edge(values: number[], size: number): number {
  let first = -Infinity;
  let second = -Infinity;
  for (const v of values) {
    if (v > first) [first, second] = [v, first];
    else if (v > second) second = v;
  }
  return values.length >= 10 && first - second > 3 * size ? second : first;
}
