import { regions, regionOfAbbreviation, type Region } from './catalog/regions.ts';
import { findRegionMentions } from './region-mentions.ts';

/** What a document says about itself: title, issuer, date, 文号, main region. */
export interface Metadata {
  title: string;
  issuer: string;
  /** `YYYY-MM-DD`, or null when the page shows no date. */
  published: string | null;
  docNumber: string | null;
  region: string;
  /** The year "now" is for the document: its date's year, else the latest year it names. */
  referenceYear: number | null;
  /** True when referenceYear comes from the publication date. */
  dated: boolean;
  /** A plan, work programme or target document: its figures are targets unless said otherwise. */
  isPlan: boolean;
  /** 索引号 prefix (the issuing agency's code), used to infer a polluted issuer. */
  indexPrefix: string | null;
  /** The issuer field was missing or set aside as spam. */
  issuerPolluted: boolean;
  warnings: string[];
}

const UNKNOWN: Region = { region: 'unknown', name_zh: '未知', name_en: 'Unknown', level: 'country', parent: null, adcode: '', names: [] };

const DATE = /(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})/;
// Official fields first, then a signature date, then page furniture.
const DATE_LABELS: Array<[RegExp, number]> = [
  [/(?:发布日期|发文日期|成文日期)[^\d\n]{0,8}(\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2})/, 0],
  [/^\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*$/m, 1],
  [/(?:发布时间|发表于|时间|日期|供稿|来源)[^\d\n]{0,8}(\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2})/, 2],
];
const AGENCY = /(?:人民政府办公厅|人民政府|科学技术厅|科学技术局|科技厅|科技局|发展和改革委员会|统计局|办公厅|委员会)$/;
const PLAN_TITLE = /要点|方案|规划|计划|纲要|实施意见|行动|目标/;

/** A field of a metadata table: `发布机构 | X |` or `[ 发布机构 ] | X`. */
function field(text: string, label: RegExp): { value: string; start: number } | null {
  const m = new RegExp(`${label.source}\\s*(?:\\])?\\s*[|:：]?\\s*([^|\\n\\[]*)`).exec(text);
  if (!m) return null;
  const value = m[1].trim();
  return { value, start: m.index + m[0].length - m[1].length + (m[1].length - m[1].trimStart().length) };
}

function isoDate(s: string): string | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function findDate(text: string): string | null {
  for (const [re] of DATE_LABELS) {
    const m = re.exec(text);
    const iso = m && isoDate(m[1]);
    if (iso) return iso;
  }
  const head = text.split('\n').slice(0, 12).join('\n');
  const m = DATE.exec(head);
  return m ? isoDate(m[0]) : null;
}

/** The document's title, and whether it is one (a page may open straight into prose). */
function findTitle(lines: string[]): { title: string; real: boolean } {
  const candidates = lines.map((l) => l.trim()).filter((l) => l.length >= 6 && !/^[\[【]|索\s*引|^\d{4}[-/]|^(?:作者|来源|发布)/.test(l) && !l.includes(' | '));
  const short = candidates.slice(0, 12).filter((l) => l.length <= 80 && !/。./.test(l));
  const titled = short.find((l) => /关于|报告|方案|要点|规划|通知|答复|复函|意见|发布|召开/.test(l)) ?? short[0];
  if (titled) return { title: titled.replace(/\s+/g, ' '), real: true };
  const first = candidates[0] ?? '';
  return { title: first.slice(0, first.indexOf('。') > 0 ? first.indexOf('。') : 60).replace(/\s+/g, ' '), real: false };
}

/** The agency named by a line near the end that is followed by a date: the signature. */
function signature(lines: string[]): string | null {
  for (let i = lines.length - 1; i > 0 && i > lines.length - 12; i--) {
    if (!/^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$/.test(lines[i])) continue;
    const prev = lines[i - 1].trim();
    if (prev.length <= 20 && AGENCY.test(prev)) return prev;
  }
  return null;
}

function latestYear(text: string): number | null {
  let best: number | null = null;
  // Years reached by a plan (到2027年, 2025—2027年) are not the present.
  for (const m of text.matchAll(/(?<![\d到至—–~-])(20[0-4]\d|19[89]\d)(?=年)/g)) {
    const y = Number(m[1]);
    if (best === null || y > best) best = y;
  }
  return best;
}

function mainRegion(text: string, title: string, issuer: string, docNumber: string | null): Region {
  const all = regions();
  const first = (s: string) => findRegionMentions(s).find((m) => m.region.level !== 'country')?.region;
  const byIssuer = first(issuer);
  if (byIssuer) return byIssuer;
  const byNumber = docNumber ? regionOfAbbreviation(docNumber[0]) : undefined;
  if (byNumber) return byNumber;
  const byTitle = first(title);
  if (byTitle) return byTitle;
  const counts = new Map<Region, number>();
  for (const m of findRegionMentions(text)) {
    if (m.region.level === 'country') continue;
    counts.set(m.region, (counts.get(m.region) ?? 0) + 1);
  }
  let best: Region | undefined;
  for (const [r, n] of counts) if (!best || n > counts.get(best)!) best = r;
  // 关于省十三届人大…建议的答复, 我厅: a provincial body writing about one of its cities.
  if (best?.level === 'prefecture' && best.parent && /省(?:人大|政协|政府|委)|^关于省|我厅|省科技厅/.test(title + text.slice(0, 3000))) {
    return all.find((r) => r.region === best!.parent) ?? best;
  }
  // No place named anywhere: say so rather than file the figures under the country.
  return best ?? UNKNOWN;
}

/**
 * Reads a document's metadata from its normalised text, with the spans that
 * the clean stage set aside masked out (`clean` has spaces where they were).
 */
export function readMetadata(clean: string, full: string): Metadata {
  const warnings: string[] = [];
  const lines = clean.split('\n');
  const { title, real } = findTitle(lines);
  const issuerField = field(full, /发\s*布\s*机\s*构/);
  const cleanIssuer = issuerField ? clean.slice(issuerField.start, issuerField.start + issuerField.value.length).trim() : '';
  const issuerPolluted = !!issuerField && cleanIssuer !== issuerField.value;
  let issuer = issuerPolluted ? '' : cleanIssuer;
  if (!issuer) {
    const signed = signature(lines);
    if (signed) {
      issuer = signed;
      if (issuerPolluted) warnings.push(`issuer inferred from the signature: ${signed} (the 发布机构 field "${issuerField!.value}" is spam)`);
    }
  }
  const numberField = field(clean, /(?:发文字号|文\s*号)/);
  let docNumber = numberField && numberField.value && numberField.value !== '无' ? numberField.value : null;
  docNumber ??= /[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号/.exec(clean)?.[0] ?? null;
  const published = findDate(clean) ?? findDate(full);
  const index = /索\s*引\s*号\s*(?:\])?\s*[|:：]?\s*([0-9A-Z]{6,})\//.exec(clean);
  const region = mainRegion(clean, title, issuer, docNumber);
  if (region.region === 'unknown') warnings.push('main region not found: no place is named in the title, issuer, 文号 or text');
  const year = published ? Number(published.slice(0, 4)) : latestYear(clean);
  return {
    title, issuer, published, docNumber, region: region.region,
    referenceYear: year, dated: !!published,
    isPlan: real && PLAN_TITLE.test(title) && !/答复|复函|提案|建议/.test(title),
    indexPrefix: index ? index[1] : null,
    issuerPolluted,
    warnings,
  };
}

/**
 * Fills in polluted issuers from other documents of the run with the same 索引号
 * prefix (the agency's code), or from how the text names its author (我厅, 市科技局).
 */
export function inferIssuers(docs: Array<{ docId: string; meta: Metadata; text: string }>): void {
  const byPrefix = new Map<string, { issuer: string; docId: string }>();
  for (const d of docs) {
    if (d.meta.indexPrefix && d.meta.issuer && !d.meta.issuerPolluted) byPrefix.set(d.meta.indexPrefix, { issuer: d.meta.issuer, docId: d.docId });
  }
  for (const d of docs) {
    const m = d.meta;
    if (m.issuer) continue;
    const shared = m.indexPrefix ? byPrefix.get(m.indexPrefix) : undefined;
    if (shared) {
      m.issuer = shared.issuer;
      m.warnings.push(`issuer inferred: ${shared.issuer}, from the 索引号 prefix ${m.indexPrefix} shared with ${shared.docId}`);
    } else {
      const region = regions().find((r) => r.region === m.region);
      const self = /我厅|省科技厅/.test(d.text) ? '科学技术厅' : /我局|市科技局/.test(d.text) ? '科学技术局' : null;
      if (region && self) {
        m.issuer = `${region.name_zh}${region.level === 'province' ? '省' : '市'}${self}`;
        m.warnings.push(`issuer inferred: ${m.issuer}, from how the text names its author`);
      }
    }
    if (m.issuer && m.issuerPolluted) m.region = mainRegion(d.text, m.title, m.issuer, m.docNumber).region;
  }
}
