/** The label/value grid that Chinese government pages put above a document (信息公开 headers). */

/**
 * The labels such grids use, in Simplified script (the text is normalised before
 * metadata is read). A value runs to the next label, so a label missing here lets
 * its neighbour's value swallow it: 发布机构 湖北省科技厅 发文日期 2017-03-01.
 */
const LABELS = [
  '索引号', '分类', '主题分类', '体裁分类', '组配分类', '服务对象分类', '主题词', '关键词', '公开方式', '公开范围', '公开时限',
  '发布机构', '发文机关', '发文机构', '发文单位', '发布单位', '所属机构', '来源', '信息来源', '作者',
  '发文日期', '成文日期', '发布日期', '生效日期', '实施日期', '废止日期', '发布时间', '时间', '日期',
  '文号', '发文字号', '文件编号', '统一编号', '有效性', '效力状态', '时效性', '标题', '名称',
  // Page furniture that shares the line with the fields.
  '浏览次数', '浏览量', '访问量', '点击数', '阅读量', '字号', '责任编辑', '编辑',
];

/** The labels whose value names the issuing agency, and those whose value is the 文号. */
export const ISSUER_LABELS = ['发布机构', '发文机关', '发文机构', '发文单位', '发布单位'];
export const NUMBER_LABELS = ['文号', '发文字号', '文件编号'];
/** The labels whose value names who published a page (a paper, a site, an agency). */
export const SOURCE_LABELS = ['来源', '信息来源'];

// Longest first, so that 主题分类 is not read as 分类 nor 发布时间 as 时间; a label may be
// written with spaces between its characters (文    号, 有 效 性).
const LABEL = new RegExp(
  [...LABELS].sort((a, b) => b.length - a.length).map((l) => [...l].join('[^\\S\\n]*')).join('|'),
  'g',
);
const OPEN = '[【［';
const CLOSE = '\\]】］';
const BEFORE = new RegExp(`[\\s|${OPEN}${CLOSE}:]`);
/** After a label: a colon or closing bracket, a cell border, a space, or the end of the line. */
const AFTER = new RegExp(`^(?:[^\\S\\n]*[:|${CLOSE}]|[^\\S\\n]|$)`);
const TIGHT = new RegExp(`^[^\\S\\n]*[:${CLOSE}]`);
/** Cell borders, brackets and colons around a value. */
const FRAME = new RegExp(`^[\\s|:${OPEN}${CLOSE}]+|[\\s|:${OPEN}${CLOSE}]+$`, 'g');

/** One labelled value of a header grid. */
export interface HeaderField {
  label: string;
  /** The value as the page shows it, spaces collapsed; empty when the label has none. */
  value: string;
  /** The value in the cleaned text: differs from `value` when the clean stage set part of it aside. */
  cleanValue: string;
  /** Whether the clean stage set the label itself aside (the whole line was page chrome or spam). */
  labelSetAside: boolean;
}

/** A document number: an issuer's abbreviation, a year in brackets, a serial number and 号 (鄂科技发〔2017〕5号). */
export const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}[^\S\n]*[〔[(【［﹝〖][^\S\n]*(?:19|20)\d{2}[^\S\n]*[〕\])】］﹞〗][^\S\n]*第?[^\S\n]*\d{1,5}[^\S\n]*号/;

/** The 文号 in a value, or null when the value is not one (有效, 无, a date). */
export function docNumberIn(value: string): string | null {
  const m = DOC_NUMBER.exec(value);
  return m ? m[0].replace(/[^\S\n]+/g, '') : null;
}

const UNKNOWN_LABEL = /[^\S\n]+[\u4e00-\u9fff]{2,6}[^\S\n]*:.*$/;

const squeeze = (s: string) => s.replace(FRAME, '').replace(/\s+/g, ' ').trim();

interface Found { label: string; start: number; end: number }

/** The labels of one line that stand as labels: set off by spaces, brackets, borders or a colon. */
function labelsOf(line: string): Found[] {
  const out: Found[] = [];
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(line); m; m = LABEL.exec(line)) {
    const after = line.slice(m.index + m[0].length);
    const before = m.index === 0 || BEFORE.test(line[m.index - 1]);
    if ((before && AFTER.test(after)) || TIGHT.test(after)) {
      out.push({ label: m[0].replace(/[^\S\n]/g, ''), start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

/**
 * Reads the header grid of a document: each label's value runs to the next
 * label on its line, or to a cell border, so that a line may hold several fields
 * and a label with no value is followed straight by the next label. The first
 * occurrence of a label wins (pages often repeat their grid).
 * `full` is the normalised text; `clean` the same text with the set-aside spans blanked.
 */
export function readHeaderFields(full: string, clean: string): Map<string, HeaderField> {
  const fields = new Map<string, HeaderField>();
  let offset = 0;
  const lines = full.split('\n');
  lines.forEach((line, i) => {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.length > 200) return;
    const found = labelsOf(line);
    found.forEach((f, j) => {
      if (fields.has(f.label)) return;
      const to = j + 1 < found.length ? found[j + 1].start : line.length;
      // A table row's cells: the value is the first cell after the label.
      // A label this list lacks still ends the value when a colon marks it (点击率:12).
      const cells = line.slice(f.end, to).replace(UNKNOWN_LABEL, '|').split('|').map(squeeze).filter(Boolean);
      let value = cells[0] ?? '';
      let from = value ? lineStart + f.end + line.slice(f.end, to).indexOf(value.split(' ')[0]) : -1;
      // A label alone on its line may have its value on the next one (a grid laid out in divs).
      if (!value && found.length === 1 && squeeze(line.slice(0, f.start)) === '' && i + 1 < lines.length) {
        const next = lines[i + 1];
        if (next.trim() && next.length <= 40 && labelsOf(next).length === 0) {
          value = squeeze(next);
          from = offset + next.indexOf(value.split(' ')[0]);
        }
      }
      const cleanValue = from >= 0 ? clean.slice(from, from + rawLength(full, from, value)).replace(/\s+/g, ' ').trim() : '';
      const labelSetAside = clean.slice(lineStart + f.start, lineStart + f.end).trim() === '';
      fields.set(f.label, { label: f.label, value, cleanValue, labelSetAside });
    });
  });
  return fields;
}

/** How many characters of `text` from `from` spell `value` (whose spaces were collapsed). */
function rawLength(text: string, from: number, value: string): number {
  let i = from;
  for (const c of value) {
    if (c === ' ') while (i < text.length && /\s/.test(text[i])) i++;
    else i++;
  }
  return i - from;
}
