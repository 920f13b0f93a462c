/**
 * When a document was written: its publication date when the text gives one in
 * any of the forms pages use, else the current year that its wording implies.
 * "This year" for every figure of the document is read from here.
 */

/** A document's date, and where in the text it came from. */
export interface DocumentDate {
  /** `YYYY-MM-DD` when year, month and day are known; else null. */
  published: string | null;
  /** The year "now" is for the document (今年, 目前, undated actuals are read against it). */
  currentYear: number | null;
  /** Which rule found it (a rule name of DATE_RULES or YEAR_RULES), or `none`. */
  source: string;
}

/** A rule that finds a full date: `find` gives the ISO date or null. */
export interface DateRule {
  name: string;
  find: (text: string, lines: string[]) => string | null;
  /** An invented text and the date the rule reads from it. */
  example: [string, string];
}

/** A rule that finds the current year when no full date is given. */
export interface YearRule {
  name: string;
  find: (text: string) => number | null;
  example: [string, number];
}

const YMD = /((?:19|20)\d\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})/;
const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** An ISO date from its parts, or null when they are not a date. */
function isoDate(y: number, mo: number, d: number): string | null {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function ymd(s: string | undefined): string | null {
  const m = s ? YMD.exec(s) : null;
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** 二〇二一年三月五日 → 2021-03-05 (signatures write dates in Chinese numerals). */
function chineseDate(s: string): string | null {
  const m = /([〇零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/.exec(s);
  if (!m) return null;
  const small = (t: string) => {
    if (!t.includes('十')) return Number(CN_DIGIT[t]);
    const [tens, ones] = t.split('十');
    return (tens ? Number(CN_DIGIT[tens]) : 1) * 10 + (ones ? Number(CN_DIGIT[ones]) : 0);
  };
  return isoDate(Number([...m[1]].map((c) => CN_DIGIT[c]).join('')), small(m[2]), small(m[3]));
}

const firstMatch = (re: RegExp, text: string) => re.exec(text)?.[1];

/** Full-date rules, most trusted first: the first that finds a date wins. */
export const DATE_RULES: DateRule[] = [
  {
    name: 'labelled publication date',
    find: (text) => ymd(firstMatch(/(?:发\s*布\s*日\s*期|发\s*文\s*日\s*期|成\s*文\s*日\s*期)[^\d\n]{0,8}(\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2})/, text)),
    example: ['索引号:123\n发布日期:2019-04-02\n正文', '2019-04-02'],
  },
  {
    name: 'a line that is only a date (signature or footer)',
    find: (_text, lines) => {
      for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i].trim();
        if (/^[(（]?(?:\d{4}年\d{1,2}月\d{1,2}日|[〇零O一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)(?:印发|发布|公布)?[)）]?$/.test(line)) return ymd(line) ?? chineseDate(line);
      }
      return null;
    },
    example: ['关于做好科技工作的通知\n' + '正文。\n'.repeat(20) + '某某市科学技术局\n（二〇一八年五月九日印发）', '2018-05-09'],
  },
  {
    name: 'page date field',
    find: (text) => ymd(firstMatch(/(?:发布时间|发表于|时间|日期|供稿|来源|更新)[^\d\n]{0,8}(\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2})/, text)),
    example: ['某地新闻网\n时间:2020-11-03 09:12 来源:本网\n正文', '2020-11-03'],
  },
  {
    name: 'a date in the page head',
    find: (_text, lines) => ymd(YMD.exec(lines.slice(0, 12).join('\n'))?.[0]),
    example: ['某市科技新闻\n2016/5/7 阅读次数 30\n正文。', '2016-05-07'],
  },
  {
    name: 'day.month.year',
    find: (text) => {
      const m = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.])/.exec(text);
      return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : null;
    },
    example: ['科技创新成果丰硕\n发布于 04.09.2018\n正文。', '2018-09-04'],
  },
];

// A year named as the present: 2026年是…收官之年.
const PRESENT_YEAR = /((?:19|20)\d\d)年(?:是|为)[^。,;]{0,30}之年/;
// A plan span the document issues: 《…行动方案(2025—2027年)》 is issued in or just before its first year.
const ISSUED_PLAN = /(?:发布|印发|出台|提出|制定|审议通过)[^。]{0,16}《[^《》]{2,60}[(（]((?:19|20)\d\d)\s*[-—–~至]\s*(?:19|20)\d\d年?[)）]》/g;
const YEAR = /(?<![\d.])((?:19|20)\d\d)(?=年|(?:全国|全省|全市|全区)[\u4e00-\u9fff]{0,8}(?:会议|大会|工作会))/g;
// What stands before a year the text aims at: 到2027年, 目标2027年, 2025—2027年.
const AIMED_BEFORE = /(?:(?<![升增长高跃降少提截])(?:到|至)|目标|力争|争取|预计)$/;
// A year followed by months or part of the year is the present or the past: 2025年7月, 2023年一季度.
const IN_YEAR_AFTER = /^年(?:\d{1,2}月|[一二三四五六七八九十]{1,2}月|上半年|前三季度|[一二三]季度|1\s*[-—–至~]\s*\d{1,2}月|[\u4e00-\u9fff]{0,4}(?:发布|印发|出台|召开|举行|举办)的)/;
// A year that names an event, a campaign or a report held in it: 2024全省科技工作会议, 2025年“活力中国调研行”, 《2020年全球创新指数报告》.
const NAMED_AFTER = /^(?:年度|年?[“"《]|年?[\u4e00-\u9fff]{0,10}(?:会议|大会|工作会|论坛|博览会|调研行|报告》))/;

/** What the years of a text say about its present: the latest it reports as past, the latest it is in. */
function yearEvidence(text: string): { past: number | null; within: number | null; aimed: Set<number> } {
  const aimed = new Set<number>();
  const found: Array<{ year: number; kind: 'past' | 'within' }> = [];
  for (const m of text.matchAll(YEAR)) {
    const year = Number(m[1]);
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    const after = text.slice(m.index + 4, m.index + 30);
    const clause = after.slice(0, after.search(/[,;。]|$/));
    // The ends of a span (2017—2021年) and a plan's years date nothing about the present.
    if (/[—–~-]$/.test(before) || /^年?\s*[—–~-]/.test(after)) continue;
    if (AIMED_BEFORE.test(before) || /^年?(?:底|末)?前?(?:将|要|力争|争取|目标)/.test(after) || /将|力争|争取|目标|计划/.test(clause.slice(0, 8))) {
      if (!/^年?(?:底|末)/.test(after) || !/[到至]$/.test(before)) aimed.add(year);
      continue;
    }
    if (IN_YEAR_AFTER.test(after) || (NAMED_AFTER.test(after) && !/^年?度?[“"《]?[^”"》]{0,12}(?:规划|纲要|目标|远景|行动计划)/.test(after))) found.push({ year, kind: 'within' });
    else if (!/^年(?:以来|来)/.test(after)) found.push({ year, kind: 'past' });
  }
  let past: number | null = null;
  let within: number | null = null;
  for (const f of found) {
    if (aimed.has(f.year)) continue;
    if (f.kind === 'past') past = Math.max(past ?? f.year, f.year);
    else within = Math.max(within ?? f.year, f.year);
  }
  for (const m of text.matchAll(ISSUED_PLAN)) within = Math.max(within ?? 0, Number(m[1]));
  return { past, within, aimed };
}

/** Current-year rules, used when no full date is found: the first that finds one wins. */
export const YEAR_RULES: YearRule[] = [
  {
    name: 'the year named as the present',
    find: (text) => Number(firstMatch(PRESENT_YEAR, text)) || null,
    example: ['2026年是“十五五”开局之年,全市将新增高新技术企业500家。', 2026],
  },
  {
    name: '今年 said with its year',
    find: (text) => {
      const m = /今年[^,;。]{0,24}?(?<![较比同与])((?:19|20)\d\d)年(?!以来|来)/.exec(text) ?? /((?:19|20)\d\d)年[(（]?今年/.exec(text);
      return m ? Number(m[1]) : null;
    },
    example: ['今年发布的《2032年区域创新报告》显示,全市排名第5位,较2031年上升2位。', 2032],
  },
  {
    name: 'the latest year the text reports as past, plus one, or the latest it is in',
    find: (text) => {
      const { past, within } = yearEvidence(text);
      if (past === null) return within;
      return Math.max(past + 1, within ?? 0);
    },
    example: ['2031全省科技创新大会召开。2029年全省技术合同成交额达到900亿元,到2033年力争达到1500亿元。', 2031],
  },
];

// A dateline gives month and day without the year: 新华社武汉3月5日电, 本报讯 5月6日.
const DATELINE = /(?:电|讯)[^\n]{0,6}?(?<!\d)(\d{1,2})月(\d{1,2})日|(?<!\d)(\d{1,2})月(\d{1,2})日(?:电|讯)/;

/**
 * The document's date: the first full-date rule that finds one; else the current
 * year from the year rules, with a dateline's month and day when the page has one.
 * `clean` is the text with spam and navigation blanked, `full` the whole text.
 */
export function findDocumentDate(clean: string, full: string): DocumentDate {
  for (const text of [clean, full]) {
    const lines = text.split('\n');
    for (const rule of DATE_RULES) {
      const iso = rule.find(text, lines);
      if (iso) return { published: iso, currentYear: Number(iso.slice(0, 4)), source: rule.name };
    }
  }
  for (const rule of YEAR_RULES) {
    const year = rule.find(clean);
    if (year === null) continue;
    const line = DATELINE.exec(clean.slice(0, 400));
    const published = line ? isoDate(year, Number(line[1] ?? line[3]), Number(line[2] ?? line[4])) : null;
    return { published, currentYear: year, source: published ? `dateline, year from: ${rule.name}` : rule.name };
  }
  return { published: null, currentYear: null, source: 'none' };
}
