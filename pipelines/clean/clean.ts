/**
 * Stage 2: RawDocument text → set-aside spans. Finds injected spam, navigation,
 * page chrome and footers, which must never yield figures. The text is left
 * whole; later stages skip these spans. Every lexicon entry is written in both
 * scripts, `simplified/traditional`, since pages come in either.
 */
import {
  BREADCRUMB, COUNTER_COMPANIONS, COUNTER_LINE_START, COUNTER_PART, CRUMB_SEP, EMAIL, EMAIL_LINE, ERROR_PAGE, FOOTER, FORUM, METADATA_KEYS, MENU_WORDS, NAV_PHRASES, PREFIX_RE, SHARE, SHORT_FOOTER, STRONG_RE, SUFFIX_RE, WEAK_RE, CATEGORY,
} from './lexicon.ts';
import { foldCompatibilityInPlace } from '../normalize/compatibility.ts';

/** A span of raw text that holds no document content, end exclusive. */
export interface SetAside {
  start: number;
  end: number;
  /** `kind:detail`, e.g. `spam:adult`, `navigation:breadcrumb`, `footer:link`. */
  reason: string;
  text: string;
}

/** The spans set aside (sorted by start, non-overlapping) and one warning per kind found. */
export interface CleanResult {
  setAside: SetAside[];
  warnings: string[];
}

const BULLET_LINE = /^[•·▪◦]\s*(.*)$/;
const DATE_LINE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/;
const KEY_STRIP = /[\s•·●◆◇■□▪◦▶►»>*【】[\]()（）:：\-]/g;
/** The 字(pinyin) mojibake some sites print, `創(chuàng)新`: removed before whole-line rules compare words. */
const PINYIN = /\((?<=\p{Script=Han}\()[a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}\)/gu;
const plain = (text: string): string => (text.indexOf('(') < 0 ? text : text.replace(PINYIN, ''));
const phraseKey = (text: string): string => plain(text).replace(KEY_STRIP, '');
const SEPARATORS = /[|｜,，、\-－—–_/·•\s]+/g;
const BAR = /\s*[|｜]\s*/g;

interface Line {
  no: number;
  start: number;
  end: number;
  text: string;
}
interface Span {
  start: number;
  end: number;
  reason: string;
  /** 1-based line number, for the warnings. */
  line: number;
}

/** Finds the spam, navigation, page-chrome and footer spans of a document's raw text. */
export function clean(rawText: string): CleanResult {
  // The lexicons match ideographs, not the Kangxi radicals a PDF's text layer may give for them.
  const lines = splitLines(foldCompatibilityInPlace(rawText));
  const spans: Span[] = [];
  const whole = new Set<number>();
  const setWhole = (line: Line, reason: string): void => {
    whole.add(line.no);
    spans.push({ start: line.start, end: line.end, reason, line: line.no });
  };

  for (const line of lines) {
    const spam = spamSpans(line);
    if (spam === 'line') {
      setWhole(line, `spam:${firstStrong(line.text)}`);
      continue;
    }
    const reason = lineReason(plain(line.text));
    if (reason) {
      setWhole(line, reason);
      continue;
    }
    const crumb = breadcrumbEnd(line.text);
    if (crumb === line.text.length) {
      setWhole(line, 'navigation:breadcrumb');
      continue;
    }
    if (crumb > 0) {
      spans.push({ start: line.start, end: line.start + crumb, reason: 'navigation:breadcrumb', line: line.no });
    }
    spans.push(...spam, ...partSpans(line));
  }
  contextRules(lines, whole, setWhole);

  const merged = mergeSpans(spans);
  const setAside = merged.map(({ start, end, reason }) => ({ start, end, reason, text: rawText.slice(start, end) }));
  return { setAside, warnings: warnings(merged, setAside) };
}

/** Non-blank lines with their content trimmed (spaces, NBSP, ideographic spaces, \r). */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let no = 1; start <= text.length; no++) {
    const nl = text.indexOf('\n', start);
    let end = nl < 0 ? text.length : nl;
    let a = start;
    while (a < end && isSpace(text.charCodeAt(a))) a++;
    while (end > a && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > a) lines.push({ no, start: a, end, text: text.slice(a, end) });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff;
}

/** The category of the first strong spam term in `text`, if any. */
function firstStrong(text: string): string | undefined {
  STRONG_RE.lastIndex = 0;
  const m = STRONG_RE.exec(text);
  return m ? (CATEGORY.get(m[1]) ?? 'adult') : undefined;
}

/**
 * Spam in a line: `'line'` when spam segments make up most of it; otherwise the
 * spam cells between `|` bars, or else just the spam terms.
 */
function spamSpans(line: Line): Span[] | 'line' {
  const text = line.text;
  const strong = matches(STRONG_RE, text);
  if (strong.length === 0) return [];
  const covered = new Uint8Array(text.length);
  for (const m of [...strong, ...matches(WEAK_RE, text)]) covered.fill(1, m.start, m.end);
  const isSpamSegment = (a: number, b: number): boolean => {
    if (!strong.some((m) => m.start < b && m.end > a)) return false;
    let hits = 0;
    for (let i = a; i < b; i++) hits += covered[i];
    return hits >= (b - a) * 0.3;
  };

  let spamChars = 0;
  let allChars = 0;
  for (const [a, b] of segments(text, SEPARATORS)) {
    allChars += b - a;
    if (isSpamSegment(a, b)) spamChars += b - a;
  }
  if (spamChars >= allChars * 0.6) return 'line';

  const out: Span[] = [];
  const cells = segments(text, BAR);
  cells.forEach(([a, b], k) => {
    if (!isSpamSegment(a, b)) return;
    // A spam cell appended to a title takes its bar with it; a cell inside a table leaves the bars.
    let start = a;
    let end = b;
    if (k === cells.length - 1 && k > 0) start = cells[k - 1][1] + text.slice(cells[k - 1][1], a).search(/[|｜]/);
    else if (k === 0 && cells.length > 1) end = b + text.slice(b, cells[1][0]).search(/[|｜]/) + 1;
    const reason = `spam:${firstStrong(text.slice(a, b))}`;
    out.push({ start: line.start + start, end: line.start + end, reason, line: line.no });
  });
  for (const m of strong) {
    if (out.some((s) => s.start <= line.start + m.start && s.end >= line.start + m.end)) continue;
    out.push({ start: line.start + m.start, end: line.start + m.end, reason: `spam:${m.category}`, line: line.no });
  }
  return out;
}

function matches(re: RegExp, text: string): { start: number; end: number; category: string }[] {
  const found: { start: number; end: number; category: string }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    if (re === STRONG_RE) {
      // 网上赌搏平台 is set aside whole: the phrase, not just 赌搏.
      start -= PREFIX_RE.exec(text.slice(Math.max(0, start - 2), start))?.[0].length ?? 0;
      end += SUFFIX_RE.exec(text.slice(end, end + 3))?.[0].length ?? 0;
      re.lastIndex = end;
    }
    found.push({ start, end, category: CATEGORY.get(m[1] ?? '') ?? 'adult' });
    if (m[0].length === 0) re.lastIndex++;
  }
  return found;
}

/** The [start, end) ranges of the non-empty parts of `text` between separator matches. */
function segments(text: string, separator: RegExp): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  separator.lastIndex = 0;
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    if (m.index > from) out.push([from, m.index]);
    from = m.index + m[0].length;
    if (m[0].length === 0) separator.lastIndex++;
  }
  if (text.length > from) out.push([from, text.length]);
  return out;
}

/** The reason a whole line is page chrome, or undefined for content. */
function lineReason(text: string): string | undefined {
  for (const [re, detail] of FOOTER) if (re.test(text)) return `footer:${detail}`;
  if (text.length > 200) return undefined;
  if (text.length <= 120 && FORUM.test(text)) return 'navigation:forum';
  if (text.length <= 40 && ERROR_PAGE.test(text)) return 'navigation:error-page';
  if (text.length <= 40 && SHARE.test(text)) return 'navigation:share';
  if (text.length <= 24 && NAV_PHRASES.has(phraseKey(text))) return 'navigation:widget';
  if (COUNTER_LINE_START.test(text) && text.replace(COUNTER_COMPANIONS, '') === '') return 'navigation:counter';
  if (menuItems(text)) return 'navigation:menu';
  for (const [re, detail, max] of SHORT_FOOTER) {
    if (text.length <= max && re.test(text) && (detail !== 'site' || !/\d/.test(text))) return `footer:${detail}`;
  }
  if (text.length <= 60 && EMAIL_LINE.test(text)) return 'footer:contact';
  return undefined;
}

/**
 * Where the kept part of a breadcrumb line starts: 0 for a line that is not a
 * breadcrumb, the line's length when it is all navigation, or the start of its
 * last item when that item is the article's title (a title can hold a figure).
 */
function breadcrumbEnd(text: string): number {
  if (text.length > 200 || !BREADCRUMB.test(text)) return 0;
  let lastItem = 0;
  CRUMB_SEP.lastIndex = 0;
  for (let m = CRUMB_SEP.exec(text); m; m = CRUMB_SEP.exec(text)) lastItem = m.index + m[0].length;
  return text.length - lastItem > 12 && lastItem > 0 ? lastItem : text.length;
}

/** The items of a menu bar (`首页 | 学院概况 | …`), or undefined when the line is not one. */
function menuItems(text: string): string[] | undefined {
  if (text.indexOf('|') < 0 && text.indexOf('｜') < 0 && text.indexOf('丨') < 0) return undefined;
  const items = text.split(/[|｜丨]/).map((s) => s.trim()).filter((s) => s !== '');
  if (items.length < 3 || items.some((s) => s.length > 12)) return undefined;
  // Digits mean table data (dates, index numbers, figures); metadata keys mean the document's own table.
  if (/[0-9０-９]/.test(text) || METADATA_KEYS.test(text)) return undefined;
  return items.length >= 5 || MENU_WORDS.test(text) ? items : undefined;
}

/** Parts of content lines: page counters and e-mail addresses written inside a byline or a paragraph. */
function partSpans(line: Line): Span[] {
  const out: Span[] = [];
  for (const m of matches(COUNTER_PART, line.text)) {
    out.push({ start: line.start + m.start, end: line.start + m.end, reason: 'navigation:counter', line: line.no });
  }
  for (const m of matches(EMAIL, line.text)) {
    out.push({ start: line.start + m.start, end: line.start + m.end, reason: 'footer:contact', line: line.no });
  }
  return out;
}

/** Rules that need neighbouring lines: menu items repeated below the bar, bullet menus, 404 widgets, date lists. */
function contextRules(lines: Line[], whole: Set<number>, setWhole: (line: Line, reason: string) => void): void {
  let menu: { items: Set<string>; no: number } | undefined;
  lines.forEach((line, k) => {
    const items = menuItems(plain(line.text));
    if (items) menu = { items: new Set(items.map(phraseKey)), no: line.no };
    if (whole.has(line.no)) return;
    if (menu && line.no - menu.no <= 5 && line.text.length <= 12 && menu.items.has(phraseKey(line.text))) {
      setWhole(line, 'navigation:menu');
    } else if (line.text === '404' && nearErrorPage(lines, k)) {
      setWhole(line, 'navigation:error-page');
    }
  });

  // A run of short bullet lines is a menu when one of them is a known widget title (• 为你推荐).
  for (let k = 0; k < lines.length; ) {
    let j = k;
    while (j < lines.length && isMenuBullet(lines[j].text)) j++;
    const run = lines.slice(k, j);
    if (run.length >= 2 && run.some((l) => NAV_PHRASES.has(phraseKey(l.text)))) {
      for (const l of run) if (!whole.has(l.no)) setWhole(l, 'navigation:menu');
    }
    k = Math.max(j, k + 1);
  }

  // Three or more bare dates in a row are a sidebar list, not the document's date.
  for (let k = 0; k < lines.length; ) {
    let j = k;
    while (j < lines.length && DATE_LINE.test(lines[j].text)) j++;
    if (j - k >= 3) for (const l of lines.slice(k, j)) if (!whole.has(l.no)) setWhole(l, 'navigation:list');
    k = Math.max(j, k + 1);
  }
}

function nearErrorPage(lines: Line[], k: number): boolean {
  for (let j = Math.max(0, k - 3); j < Math.min(lines.length, k + 4); j++) {
    if (j !== k && ERROR_PAGE.test(lines[j].text)) return true;
  }
  return false;
}

function isMenuBullet(text: string): boolean {
  const m = BULLET_LINE.exec(plain(text));
  return m !== null && m[1].length <= 10 && !/\d/.test(m[1]);
}

/** Sorts spans and merges overlapping ones, keeping the reason of the longer. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end - s.start > last.end - last.start) last.reason = s.reason;
      last.end = Math.max(last.end, s.end);
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

const KIND_ORDER = ['spam', 'navigation', 'footer'];

/** One warning per kind: `spam removed: line 1 "免费在线看h,羞羞视频…" (adult)`, under 120 characters. */
function warnings(spans: Span[], setAside: SetAside[]): string[] {
  const byKind = new Map<string, number[]>();
  spans.forEach((s, k) => {
    const kind = s.reason.split(':')[0];
    const list = byKind.get(kind);
    if (list) list.push(k);
    else byKind.set(kind, [k]);
  });
  const kinds = [...byKind.keys()].sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));
  return kinds.map((kind) => {
    const indices = byKind.get(kind) as number[];
    const details = [...new Set(indices.map((k) => spans[k].reason.split(':')[1]))].join(', ');
    const first = setAside[indices[0]].text;
    const excerpt = first.length > 24 ? `${first.slice(0, 24)}…` : first;
    const lineCount = new Set(indices.map((k) => spans[k].line)).size;
    const firstLine = spans[indices[0]].line;
    const where = lineCount === 1 ? `line ${firstLine}` : `${lineCount} lines, first line ${firstLine}`;
    const message = `${kind} removed: ${where} "${excerpt}" (${details})`;
    return message.length <= 120 ? message : `${message.slice(0, 118)}…)`;
  });
}
