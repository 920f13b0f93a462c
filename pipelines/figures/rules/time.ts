import type { Period } from '../../../src/lib/types.ts';

/** A phrase of a sentence that sets the year of the figures after it. */
export interface TimeMarker {
  start: number;
  end: number;
  year: number | null;
  /** `next`: binds only the number right after it (2012年的33.8亿元). */
  scope: 'forward' | 'next';
  /** A span (年均, 以来, 过去五年, 十三五期间) rather than a point in time. */
  span: boolean;
  /** The year a change over the span starts from: 2017 for 2017—2021年 and (in 2022) 近5年来, 2020 for 十四五期间. */
  first?: number | null;
  h1: boolean;
  /** The year was read relative to the document's date (今年, 去年, 近年来). */
  relative: boolean;
  /** A base of comparison (较2015年, 较“十三五”末): makes growth multi-year, sets no year. */
  base: boolean;
  /** Part of a name (2025年度…计划, 2025年“活力中国调研行”): dates its number, not a paragraph. */
  named: boolean;
  /** Months of a year (1-5月, 前三季度): flows over it have period `unknown`. */
  partYear: boolean;
}

const YEARS: Record<string, number> = { 一: 1, 两: 2, 三: 3, 五: 5, 十: 10 };
const PLAN_END: Record<string, number> = { 十一五: 2010, 十二五: 2015, 十三五: 2020, 十四五: 2025, 十五五: 2030 };
const BASE_BEFORE = /(?:较|比|与|相比于|相比|同比|相较于?|比较)$/;

/** What a time rule knows when it reads a phrase: the document's current year, the last full year, the phrase's place. */
interface TimeFrame {
  refYear: number | null;
  lastFull: number | null;
  /** The marker that ends right where this phrase starts (2022年 before 1-5月), if any. */
  before: TimeMarker | undefined;
  /** The words just before the phrase. */
  lead: string;
}

/** A named time rule: a phrase, the time it gives (null: none; 'merged': it refined the marker before it). */
export interface TimeRule {
  name: string;
  when: RegExp;
  then: (m: RegExpMatchArray, f: TimeFrame) => Partial<TimeMarker> | null | 'merged';
  /** An invented text (its date on the first line), the quote of a number, and the year and period the rules give it. */
  example: { text: string; quote: string; year: number; period: string };
}

const DATED = '发布日期:2031-03-01\n';

/** Time rules, in order; a later rule skips a phrase an earlier one already read. */
export const TIME_RULES: TimeRule[] = [
  {
    name: 'a span of years',
    when: /(?<![\d.])((?:19|20)\d\d)年?\s*[-—–~至到]\s*((?:19|20)\d\d)年?/g,
    then: (m) => ({ year: Number(m[2]), span: true, first: Number(m[1]) }),
    example: { text: `${DATED}2026—2030年,全市新增高新技术企业5000家。`, quote: '5000家', year: 2030, period: 'multi_year' },
  },
  {
    name: 'a year, its end, its first half, or since it',
    when: /(?<![\d\-—–~.])((?:19|20)\d\d)(?:年度|年)(底|末)?(以来|来)?(上半年)?/g,
    // 2014年以来: a span whose figures are of the last full year (the gold files date them so).
    then: (m, f) => (m[3] ? { year: f.lastFull, span: true, relative: true, first: Number(m[1]) } : { year: Number(m[1]), h1: !!m[4] }),
    example: { text: `${DATED}2029年底,全市共有众创空间130家。`, quote: '130家', year: 2029, period: 'as_of' },
  },
  {
    name: 'this year, last year, next year',
    when: /(今年|本年|当年|去年|上年度|上一年|明年)(上半年|底|末|以来)?/g,
    // 较去年同期, 比上年: a base of comparison, not the figure's year.
    then: (m, f) => (BASE_BEFORE.test(f.lead) ? null : {
      year: f.refYear === null ? null : m[1] === '明年' ? f.refYear + 1 : /去年|上年|上一年/.test(m[1]) ? f.refYear - 1 : f.refYear,
      relative: true, h1: m[2] === '上半年',
    }),
    example: { text: `${DATED}去年,全市新增众创空间12家。`, quote: '12家', year: 2030, period: 'year' },
  },
  {
    name: 'the first half of the current year',
    when: /(?<![年今本])上半年/g,
    then: (_m, f) => ({ year: f.refYear, h1: true, relative: true }),
    example: { text: `${DATED}上半年,全市技术合同成交额320亿元。`, quote: '320亿元', year: 2031, period: 'h1' },
  },
  {
    name: 'months or quarters of a year',
    when: /(?<!\d)(?:1|一)\s*[-—–至到~]\s*(\d{1,2}|[二三四五六七八九十]{1,2})月|前三季度|前[两三]个?季度|一季度/g,
    // 今年1-5月, 2022年1-5月: the year before it is the one these months are of.
    // 1-6月 and 前两个季度 are the first half.
    then: (m, f) => {
      const half = m[1] === '6' || m[1] === '六' || /前两个?季度/.test(m[0]);
      if (!f.before) return half ? { year: f.refYear, relative: true, h1: true } : { year: f.refYear, relative: true, partYear: true };
      if (half) f.before.h1 = true;
      else f.before.partYear = true;
      return 'merged';
    },
    example: { text: `${DATED}2030年1-9月,全市技术合同成交额650亿元。`, quote: '650亿元', year: 2030, period: 'unknown' },
  },
  {
    name: 'now',
    when: /目前|当前|截至目前|现有|现已|如今/g,
    then: (_m, f) => ({ year: f.refYear, relative: true }),
    example: { text: `${DATED}目前,全市共有国家重点实验室18家。`, quote: '18家', year: 2031, period: 'as_of' },
  },
  {
    name: 'a five-year plan period, its end or its start',
    when: /[“"]?(十[一二三四五]五)[”"]?(末|期末|时期|期间|以来|初)?/g,
    then: (m, f) => {
      const planEnd = PLAN_END[m[1]];
      const end = m[2] === '初' ? planEnd - 4 : planEnd;
      const point = m[2] === '末' || m[2] === '期末';
      // 十四五期间…由A增至B: A is where the previous plan ended.
      return { year: f.lastFull !== null && end > f.lastFull && !point ? f.lastFull : end, span: !point, first: point ? null : planEnd - 5 };
    },
    example: { text: `${DATED}“十三五”末,全市高新技术企业达到4000家。`, quote: '4000家', year: 2020, period: 'as_of' },
  },
  {
    name: 'the past N years, yearly averages',
    when: /过去([五三十两一]|\d{1,2})年|近([五三十两一]|\d{1,2})年|([五三十两]|\d{1,2})年来|年均|近年来|多年来|历年/g,
    then: (m, f) => {
      const n = YEARS[m[1] ?? m[2] ?? m[3] ?? ''] ?? Number(m[1] ?? m[2] ?? m[3] ?? NaN);
      // 过去一年 is last year, not a span.
      return { year: f.lastFull, span: n !== 1, relative: true, first: f.lastFull !== null && n > 1 ? f.lastFull - n + 1 : null };
    },
    example: { text: `${DATED}过去一年,全市新增高新技术企业1200家。`, quote: '1200家', year: 2030, period: 'year' },
  },
];

/**
 * Finds the time phrases of text[from, to) by the time rules, each with the
 * scope it has over later numbers.
 */
export function findTimeMarkers(text: string, from: number, to: number, refYear: number | null): TimeMarker[] {
  const s = text.slice(from, to);
  const out: TimeMarker[] = [];
  const lastFull = refYear === null ? null : refYear - 1;
  // Where each marker ends, and which characters are already read (a later rule skips them).
  const byEnd = new Map<number, TimeMarker>();
  const read = new Uint8Array(to - from);
  for (const rule of TIME_RULES) {
    rule.when.lastIndex = 0;
    for (const m of s.matchAll(rule.when)) {
      const start = from + m.index;
      if (read[m.index]) continue;
      const t = rule.then(m, { refYear, lastFull, before: byEnd.get(start), lead: text.slice(Math.max(from, start - 3), start) });
      if (t === null || t === 'merged') continue;
      const found = marker(text, from, start, start + m[0].length, m[0], t);
      out.push(found);
      byEnd.set(found.end, found);
      read.fill(1, m.index, m.index + m[0].length);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A time phrase with the scope it has: its own number only (2012年的33.8亿元), or what follows; a base; a name. */
function marker(text: string, from: number, start: number, end: number, phrase: string, t: Partial<TimeMarker>): TimeMarker {
  const base = BASE_BEFORE.test(text.slice(Math.max(from, start - 4), start)) || (t.base ?? false);
  const after = text.slice(end, end + 2);
  // 2012年的33.8亿元 binds its number; 今年1-5月 is followed by months, not a number.
  const months = /^\d{1,2}\s*(?:[-—–至到~]\s*\d{1,2}\s*)?月/.test(text.slice(end, end + 8));
  const next = /^(?:的)?[\d近超约突一二三四五六七八九十两]/.test(after) && !t.span && !months;
  // A year inside a name dates nothing: 《行动方案(2021—2025年)》, 2023年度…评选, 2022年全省科技创新大会.
  const lead = text.slice(Math.max(0, start - 60), start);
  const inTitle = lead.lastIndexOf('《') > lead.lastIndexOf('》');
  const named = /年度$/.test(phrase) || /^[“"《]/.test(after) || inTitle
    || (!t.relative && /^[^,;。\d]{0,12}?(?:会议|大会|启动会|评选|论坛|博览会|开幕式)/.test(text.slice(end, end + 16)));
  return { start, end, year: null, scope: next ? 'next' : 'forward', span: false, h1: false, relative: false, partYear: false, ...t, base, named };
}

/** The marker that dates a number at `at`: the nearest before it whose scope reaches it. */
export function markerFor(markers: TimeMarker[], at: number, text: string): TimeMarker | null {
  // Markers are sorted by start: the nearest one before `at` that reaches it wins.
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const m = markers[i];
    if (m.base || (m.year === null && !m.h1)) continue;
    // 2012年的33.8亿元: a marker that binds its own number reaches only a number right after it.
    if (m.scope === 'next' && (at - m.end > 12 || !/^(?:的)?[^\d,;。]{0,2}$/.test(text.slice(m.end, at).replace(/[近超约]|突破|超过/g, '')))) continue;
    return m;
  }
  return null;
}

/** Whether the sentence compares against an earlier base (较2015年, 由“十三五”末的…增至, 从2012年的…). */
export function hasBase(markers: TimeMarker[], text: string): boolean {
  return markers.some((m) => m.base || (m.scope === 'next' && m.year !== null && (text[m.end] === '的' || /[从由自]["“]?$/.test(text.slice(Math.max(0, m.start - 2), m.start)))));
}

/** The period of a figure from its measure and the time phrases that reach it. */
export function periodOf(measure: string, marker: TimeMarker | null, h1: boolean, multiYear: boolean): Period {
  if (h1) return 'h1';
  // 一季度…入库数量达12309家: a quarter's figure, stock or flow, is of no whole year.
  if (marker?.partYear && !marker.span) return 'unknown';
  if (measure === 'total') return 'as_of';
  if ((marker?.span || multiYear) && (measure === 'new' || measure === 'amount' || measure === 'growth_rate')) return 'multi_year';
  return 'year';
}
