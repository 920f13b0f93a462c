import type { Qualifier, Unit } from '../../src/lib/types.ts';

/** What kind of number a mention is; it decides the measure the figure stage may give it. */
export type NumberKind = 'quantity' | 'percent' | 'points' | 'rank' | 'rank_change' | 'doubling' | 'fraction';

/** A number found in normalised text, with its unit and qualifier. */
export interface NumberMention {
  /** The quote span: qualifier words touching the number, the number, its unit. */
  start: number;
  end: number;
  value: number;
  unit: Unit;
  /** The unit as written after normalisation: 家, 亿元, %, 个百分点, … */
  unitWord: string;
  qualifier: Qualifier;
  kind: NumberKind;
}

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_CHARS = '零〇一二两三四五六七八九十百千万亿';

/** Reads a Chinese numeral (七, 十一, 两, 三万, 万亿, 一百零五); null when it is not one. */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  const yi = s.lastIndexOf('亿');
  if (yi >= 0) {
    const left = yi === 0 ? 1 : parseChineseNumeral(s.slice(0, yi));
    const right = yi === s.length - 1 ? 0 : parseChineseNumeral(s.slice(yi + 1));
    return left === null || right === null ? null : left * 1e8 + right;
  }
  const wan = s.lastIndexOf('万');
  if (wan >= 0) {
    const left = wan === 0 ? 1 : parseChineseNumeral(s.slice(0, wan));
    const right = wan === s.length - 1 ? 0 : parseChineseNumeral(s.slice(wan + 1));
    return left === null || right === null ? null : left * 1e4 + right;
  }
  let total = 0;
  let digit = -1;
  let sawUnit = false;
  for (const c of s) {
    if (c in CN_DIGIT) {
      digit = CN_DIGIT[c];
    } else if (c in CN_SMALL) {
      total += (digit < 0 ? 1 : digit) * CN_SMALL[c];
      digit = -1;
      sawUnit = true;
    } else return null;
  }
  if (!sawUnit && s.length > 1) {
    // 二〇二一: positional digits.
    let v = 0;
    for (const c of s) v = v * 10 + CN_DIGIT[c];
    return v;
  }
  return total + (digit < 0 ? 0 : digit);
}

/** Multiplies a decimal string by 10^power exactly (4.2 × 10^4 → 42000, not 42000.00000000001). */
export function scaleDecimal(digits: string, power: number): number {
  const [int, frac = ''] = digits.split('.');
  const shifted = int + frac.slice(0, power).padEnd(power, '0') + (frac.length > power ? '.' + frac.slice(power) : '');
  return Number(shifted);
}

const SCALE_POWER: Record<string, number> = { 万亿: 12, 千亿: 11, 百亿: 10, 亿: 8, 千万: 7, 百万: 6, 万: 4 };
const SCALES = ['万亿', '千亿', '百亿', '千万', '百万', '亿', '万'];

// Longest first: 个百分点 before 个, 人年 before 人.
const UNIT_WORDS: Array<[string, Unit]> = [
  ['个百分点', 'percent'], ['百分点', 'percent'], ['%', 'percent'],
  ['元', 'CNY'],
  ['人年', 'people'], ['人次', 'people'],
  ['家', 'count'], ['个', 'count'], ['户', 'count'], ['所', 'count'], ['只', 'count'], ['座', 'count'],
  ['台', 'count'], ['套', 'count'], ['门', 'count'], ['支', 'count'], ['处', 'count'],
  ['项', 'items'], ['件', 'items'], ['篇', 'items'],
  ['名', 'people'], ['人', 'people'], ['位', 'people'],
  ['场', 'times'], ['次', 'times'], ['批', 'times'],
];

// Words that may not follow a unit character if it is to be that unit (人口, 名单, 个人, 家庭 …).
const NOT_UNIT_AFTER: Record<string, string> = {
  人: '口才员民工类大均体们士', 名: '单称义牌录次额校', 个: '人性体案', 家: '庭长乡属电', 位: '置于次列居数',
  门: '户类槛', 所: '属在有以得', 次: '数序', 处: '理置于', 支: '持出付撑柱', 台: '阶', 件: '事', 元: '旦素件器',
  项: '目', 批: '准复示次', 户: '籍口',
};

const LEADING: Array<[string, Qualifier]> = [
  ['不少于', 'at_least'], ['不低于', 'at_least'], ['不超过', 'at_most'], ['不到', 'at_most'], ['不足', 'at_most'],
  ['超过', 'more_than'], ['突破', 'more_than'], ['冲破', 'more_than'], ['多达', 'exact'],
  ['近', 'approx'], ['约', 'approx'], ['超', 'more_than'], ['逾', 'more_than'], ['破', 'more_than'],
];
const TRAILING: Array<[string, Qualifier]> = [
  ['以上', 'at_least'], ['左右', 'approx'], ['以下', 'at_most'], ['以内', 'at_most'], ['多', 'more_than'], ['余', 'more_than'],
];

const PEOPLE_NOUNS = /^(?:以上|左右|多|余)?(?:的)?(?:科技|高校|高层次|青年|优秀|专业|技术|研发|技能|科研|大学|高端|各类|海外|留学)?(?:人才|人员|人|院士|学生|大学生|毕业生|专家|工程师|职工|干部|研究生|博士|名)/;
const MONEY_CONTEXT = /元|额|投入|收入|产值|增加值|经费|规模|资金|贷款|融资|营收|基金|补贴|销售/;

// A 第N that is a position in a ranking, not an ordinal (第一次, 第四代, 第278号).
const RANK_CONTEXT = /(?:全国|全省|全市|全球|世界|中部|西部|东部|东北|中西部|副省级城市|同类城市|排名|排名为|排在|位居|居|位列|列|保持|提升到|提升至|上升到|上升至|跃居|跃升至|跃升到|跻身|稳居|排|获批数|数量)$/;
const NOT_RANK_AFTER = /^[次届号代批条章篇款个阶段轮季度期节梯年天类种级部名单]/;

const COUNTED_ASPECT = /^(?:大)?(?:新|关键|主要|重大|重点)?(?:领域|方面|赛道|特点|新特点|计划|行动|环节|层次|维度|阶段|板块|方向|梯队|任务|体系|机制|步骤|原则|指标|新兴|未来产业)/;
// 1,234.5: thousands separators only in groups of exactly three digits (12%,15% is a list).
const ARABIC = /\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?/y;
const RANGE_TAIL = /\s*[-—–~至到]\s*(\d+(?:\.\d+)?)/y;
const CN_RUN = new RegExp(`[${CN_CHARS}]+`, 'y');

function startsWithAny<T>(text: string, at: number, table: Array<[string, T]>): [string, T] | null {
  for (const entry of table) if (text.startsWith(entry[0], at)) return entry;
  return null;
}

function endsWithAny<T>(text: string, at: number, table: Array<[string, T]>): [string, T] | null {
  for (const entry of table) if (at - entry[0].length >= 0 && text.startsWith(entry[0], at - entry[0].length)) return entry;
  return null;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/**
 * Finds the numbers of text[from, to) that can be figures: quantities with a unit,
 * percentages and percentage points, ranks, doublings and fractions, each with its
 * qualifier. Dates, document numbers, ordinals, numbers inside names and durations
 * are left out.
 */
export function findNumbers(text: string, from = 0, to = text.length): NumberMention[] {
  const out: NumberMention[] = [];
  let i = from;
  while (i < to) {
    const m = readAt(text, i, to, out);
    if (m) {
      out.push(m);
      i = Math.max(m.end, i + 1);
    } else i++;
  }
  return out;
}

function readAt(text: string, i: number, to: number, previous: NumberMention[]): NumberMention | null {
  const c = text[i];
  if (c === '翻') return readDoubling(text, i);
  if (c === '第') return readRank(text, i, to);
  if (c === '半' || (c === '过' && text[i + 1] === '半')) return readHalf(text, i);
  if (isDigit(c)) {
    if (isDigit(text[i - 1]) || text[i - 1] === '.') return null;
    return readArabic(text, i, to);
  }
  if (CN_CHARS.includes(c) && !CN_CHARS.includes(text[i - 1] ?? '')) {
    const continued = readRankContinuation(text, i, previous);
    if (continued) return continued;
    return readFraction(text, i) ?? readChinese(text, i, to);
  }
  return null;
}

/** Context that makes a number part of a name, a band or a per-capita rate, not a figure. */
function excludedBefore(text: string, start: number, chinese: boolean): boolean {
  const p = text[start - 1];
  if (p === '“' || p === '《' || p === '"' || p === '「' || p === '+' || p === '〔' || p === '[' || p === '/') return true;
  if (isLatin(p) || p === '-' || p === '第' || p === '前' || p === '每') return true;
  // 上百家, 数十个, 几千项: vague amounts.
  if (chinese && (p === '上' || p === '数' || p === '几' || p === '成' || p === '好' || p === '届')) return true;
  const before = text.slice(Math.max(0, start - 2), start);
  if (before === '以下' || before === '如下' || before === '上述' || before === '指标') return true;
  // “万人攻万项”, “联百校、转千果”: a slogan in quotes.
  // Looked for in a window of a few characters, so a text of many quotes costs no more per number.
  const from = Math.max(0, start - 8);
  const lead = text.slice(from, start);
  const open = lead.lastIndexOf('“');
  if (open >= 0 && lead.lastIndexOf('”') < open) {
    const close = text.slice(start, from + open + 13).indexOf('”');
    if (close >= 0) return true;
  }
  return false;
}

function withQualifiers(text: string, start: number, end: number, to: number): { start: number; end: number; q: Qualifier } {
  let q: Qualifier = 'exact';
  let s = start;
  const lead = endsWithAny(text, start, LEADING);
  if (lead && !(lead[0] === '近' && text[start - 2] === '最')) {
    s = start - lead[0].length;
    q = lead[1];
  }
  let e = end;
  const trail = end < to ? startsWithAny(text, end, TRAILING) : null;
  if (trail && !(trail[0] === '多' && /[元种样方]/.test(text[end + 1] ?? ''))) {
    e = end + trail[0].length;
    if (q === 'exact') q = trail[1];
  }
  if (q === 'exact' && /至少[^,，;；。]{0,4}$/.test(text.slice(Math.max(0, start - 8), start))) q = 'at_least';
  return { start: s, end: e, q };
}

function readArabic(text: string, i: number, to: number): NumberMention | null {
  if (excludedBefore(text, i, false)) return null;
  ARABIC.lastIndex = i;
  const m = ARABIC.exec(text);
  if (!m) return null;
  let digits = m[0].replace(/,/g, '');
  let j = i + m[0].length;
  if (isLatin(text[j]) || text[j] === '+' || text[j] === '/' || text[j] === ':') return null;
  let q: Qualifier | null = null;
  RANGE_TAIL.lastIndex = j;
  const range = RANGE_TAIL.exec(text);
  if (range && range.index === j) {
    // 2016—2017 is a span of years, 1-2个 a range of counts.
    if (/^(19|20)\d\d$/.test(digits)) return null;
    digits = range[1];
    j += range[0].length;
    q = 'at_most';
  }
  return readUnitAfter(text, i, j, to, digits, null, q);
}

function readChinese(text: string, i: number, to: number): NumberMention | null {
  if (excludedBefore(text, i, true)) return null;
  CN_RUN.lastIndex = i;
  const m = CN_RUN.exec(text);
  if (!m) return null;
  let run = m[0];
  // 万亿级 / 千亿级: an order of magnitude of money.
  if (text[i + run.length] === '级' && /[万亿]$/.test(run)) {
    const v = parseChineseNumeral(run);
    if (v === null || v < 1e8) return null;
    return { start: i, end: i + run.length + 1, value: v, unit: 'CNY', unitWord: run + '级', qualifier: 'at_least', kind: 'quantity' };
  }
  // The article 一 (一个, 一批, 一家) is not a count; nor are 十四五-style names.
  if (run === '一' || run === '十四五' || run === '十三五' || run === '十二五' || run === '十五五') return null;
  const value = parseChineseNumeral(run);
  if (value === null) return null;
  return readUnitAfter(text, i, i + run.length, to, null, value, null);
}

function readUnitAfter(
  text: string, start: number, j: number, to: number,
  digits: string | null, cnValue: number | null, rangeQ: Qualifier | null,
): NumberMention | null {
  let q = rangeQ;
  // 300多万, 10余个: 多/余 between number and scale or unit.
  let innerQ = false;
  if ((text[j] === '多' || text[j] === '余') && text[j + 1] !== '年') {
    innerQ = true;
    j++;
  }
  let power = 0;
  if (digits !== null) {
    const scale = SCALES.find((s) => text.startsWith(s, j));
    if (scale) {
      power = SCALE_POWER[scale];
      j += scale.length;
    }
  }
  if (!innerQ && (text[j] === '多' || text[j] === '余') && power > 0) {
    innerQ = true;
    j++;
  }
  // 10亿美元: not yuan, and not convertible without a rate.
  if (/^(?:美元|港元|港币|欧元|日元|英镑)/.test(text.slice(j, j + 2))) return null;
  const base = digits !== null ? scaleDecimal(digits, power) : (cnValue as number);
  const scaled = power > 0 || (cnValue !== null && cnValue >= 10000);

  // 238.2 %: a space some pages put before the percent sign.
  if (digits !== null && text[j] === ' ' && text[j + 1] === '%') j++;
  // 百分之N
  const unitEntry = startsWithAny(text, j, UNIT_WORDS);
  let unit: Unit;
  let unitWord: string;
  let kind: NumberKind = 'quantity';
  let value = base;
  const next = text[j + (unitEntry?.[0].length ?? 0)];
  if (unitEntry && !(next !== undefined && (NOT_UNIT_AFTER[unitEntry[0]] ?? '').includes(next))) {
    [unitWord, unit] = unitEntry;
    if (unitWord === '位' && /(?:提升|上升|前进|提高|下降|后退|下滑)了?$/.test(text.slice(Math.max(0, start - 4), start))) {
      kind = 'rank_change';
      unit = 'count';
    } else if (unitWord === '%') kind = 'percent';
    else if (unit === 'percent') kind = 'points';
    if (cnValue !== null && cnValue === 10000 && unitWord === '人') return null; // 万人口, 万人R&D: per 10,000 people
    j += unitWord.length;
  } else if (scaled) {
    // 300多万科研人才, 30万以上大学毕业生; 突破千亿 in a sentence about money.
    const after = text.slice(j, j + 12);
    if (PEOPLE_NOUNS.test(after)) {
      unit = 'people';
      unitWord = '';
    } else if (MONEY_CONTEXT.test(text.slice(Math.max(0, start - 20), Math.min(to, j + 6))) && base >= 1e8) {
      unit = 'CNY';
      unitWord = '';
    } else return null;
  } else return null;

  if (digits === null && cnValue !== null && unit === 'percent' && kind === 'percent') kind = 'percent';
  // 五个新特点, 七个方面, 5个关键赛道: counts of aspects or fields, not of things;
  // 百人计划, 八项规定, 三次会议: names.
  if (unit === 'count' && COUNTED_ASPECT.test(text.slice(j, j + 6))) return null;
  if (/^(?:计划|工程|规定|会议|全会|战略)/.test(text.slice(j, j + 2))) return null;
  const qual = withQualifiers(text, start, j, to);
  let qualifier = q ?? qual.q;
  if (innerQ && qualifier === 'exact') qualifier = 'more_than';
  // Durations and multipliers never reach here (年, 倍 are not units); neither do dates.
  return { start: qual.start, end: qual.end, value, unit, unitWord, qualifier, kind };
}

function readRank(text: string, i: number, to: number): NumberMention | null {
  let j = i + 1;
  let value: number | null = null;
  ARABIC.lastIndex = j;
  const a = ARABIC.exec(text);
  if (a && a.index === j && !a[0].includes('.')) {
    value = Number(a[0].replaceAll(',', ''));
    j += a[0].length;
  } else {
    CN_RUN.lastIndex = j;
    const c = CN_RUN.exec(text);
    if (!c || c.index !== j) return null;
    value = parseChineseNumeral(c[0]);
    j += c[0].length;
  }
  if (value === null || value <= 0) return null;
  const hasPosition = text[j] === '位' || (text[j] === '名' && text[j + 1] !== '单');
  const rest = text.slice(hasPosition ? j + 1 : j, Math.min(to, j + 4));
  if (!hasPosition && NOT_RANK_AFTER.test(rest)) return null;
  if (hasPosition && /^[次于置]/.test(rest)) return null;
  const before = text.slice(Math.max(0, i - 8), i);
  if (!RANK_CONTEXT.test(before) && !(hasPosition && /(?:排名|位居|居|列|排)[^,;。]{0,12}$/.test(before))) {
    if (!hasPosition) return null;
    if (!/(?:排名|位居|居|位列|列|排|名列)/.test(text.slice(Math.max(0, i - 20), i))) return null;
  }
  const end = hasPosition ? j + 1 : j;
  return { start: i, end, value, unit: 'count', unitWord: hasPosition ? text[j] : '', qualifier: 'exact', kind: 'rank' };
}

/** 第七、八、十一和第九位: the bare numerals of a list of ranks. */
function readRankContinuation(text: string, i: number, previous: NumberMention[]): NumberMention | null {
  const last = previous[previous.length - 1];
  if (!last || last.kind !== 'rank') return null;
  const gap = text.slice(last.end, i);
  if (!/^[、和及与]$/.test(gap)) return null;
  CN_RUN.lastIndex = i;
  const c = CN_RUN.exec(text);
  if (!c) return null;
  const value = parseChineseNumeral(c[0]);
  if (value === null) return null;
  let end = i + c[0].length;
  if (text[end] === '位' || text[end] === '名') end++;
  return { start: i, end, value, unit: 'count', unitWord: '', qualifier: 'exact', kind: 'rank' };
}

function readDoubling(text: string, i: number): NumberMention | null {
  const m = /^翻(?:了)?(一|两|二)?番/.exec(text.slice(i, i + 5));
  if (!m) return null;
  const value = m[1] === '两' || m[1] === '二' ? 300 : 100;
  return { start: i, end: i + m[0].length, value, unit: 'percent', unitWord: '', qualifier: 'approx', kind: 'doubling' };
}

function readHalf(text: string, i: number): NumberMention | null {
  const m = /^(?:过半数?|半数|一半)/.exec(text.slice(i - (text[i - 1] === '一' ? 1 : 0), i + 3));
  if (!m) return null;
  const start = text[i - 1] === '一' ? i - 1 : i;
  const near = text[start - 1] === '近';
  const q: Qualifier = near ? 'approx' : m[0].startsWith('过') ? 'more_than' : 'approx';
  return { start: near ? start - 1 : start, end: start + m[0].length, value: 50, unit: 'percent', unitWord: '', qualifier: q, kind: 'fraction' };
}

/** Fractions written as 五成 or 四分之一, read as percentages. */
function readFraction(text: string, i: number): NumberMention | null {
  const tenths = /^([一二三四五六七八九])成/.exec(text.slice(i, i + 2));
  if (tenths && !/[为本功立员]/.test(text[i + 2] ?? '')) {
    return { start: i, end: i + 2, value: CN_DIGIT[tenths[1]] * 10, unit: 'percent', unitWord: '成', qualifier: 'approx', kind: 'fraction' };
  }
  const frac = /^([一二三四五六七八九十百]+)分之([一二三四五六七八九十]+)/.exec(text.slice(i, i + 8));
  if (frac) {
    const d = parseChineseNumeral(frac[1]);
    const n = parseChineseNumeral(frac[2]);
    if (d && n !== null) return { start: i, end: i + frac[0].length, value: (n / d) * 100, unit: 'percent', unitWord: '', qualifier: 'exact', kind: 'fraction' };
  }
  return null;
}
