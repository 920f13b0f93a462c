import { regions, regionOfAbbreviation, type Region } from '../figures/catalog/regions.ts';
import { DOC_NUMBER, docNumberIn, ISSUER_LABELS, NUMBER_LABELS, readHeaderFields, SOURCE_LABELS, type HeaderField } from './header-fields.ts';
import { datelineAgency, fullestName, isAgency, numberNamesAgency, qualify, signatures, titleIssuer } from './issuer.ts';
import { findRegionMentions } from '../figures/region-mentions.ts';
import { DATE_RULES, findDocumentDate } from './date.ts';

/** What a document says about itself: title, issuer, date, 文号, main region. */
export interface Metadata {
  title: string;
  /** The issuing agency as the document names it, qualified with its region; empty when unknown. */
  issuer: string;
  /** `YYYY-MM-DD`, or null when the page shows no date. */
  published: string | null;
  docNumber: string | null;
  region: string;
  /** The year "now" is for the document: its date's year, else what its wording implies. */
  currentYear: number | null;
  /** True when currentYear comes from a full publication date. */
  dated: boolean;
  /** The rule that found the date or current year (see date.ts). */
  dateSource: string;
  /** A plan, work programme or target document: its figures are targets unless said otherwise. */
  isPlan: boolean;
  /** 索引号 prefix (the issuing agency's code), used to infer an issuer the document does not name. */
  indexPrefix: string | null;
  /** The issuer field was missing or set aside as spam. */
  issuerPolluted: boolean;
  warnings: string[];
}

const UNKNOWN: Region = { region: 'unknown', name_zh: '未知', name_en: 'Unknown', level: 'country', parent: null, adcode: '', names: [] };

const FULL_DATE_RULES = Object.fromEntries(DATE_RULES.map((r) => [r.name, true]));
// A plan's title ends with what it is (…三年行动方案(2025—2027年), 关于印发…规划的通知), not a sentence that mentions one.
const PLAN_TITLE = /(?:要点|方案|规划|计划|纲要|实施意见|行动|目标)(?:[(（][^()（）]{0,16}[)）])?(?:的通知)?[》”"]?$|印发.{0,40}(?:要点|方案|规划|计划|纲要)|工作要点|工作计划|目标任务/;

/** The document's title, and whether it is one (a page may open straight into prose). */
function findTitle(lines: string[]): { title: string; real: boolean } {
  const candidates = lines.map((l) => l.trim()).filter((l) => l.length >= 6 && !/^[\[【]|索\s*引|^\d{4}[-/]|^(?:作者|来源|发布)/.test(l) && !l.includes(' | '));
  const short = candidates.slice(0, 12).filter((l) => l.length <= 80 && !/。./.test(l));
  // A title is a phrase, not a sentence: a line that ends with 。 is prose, whatever words it has.
  const phrases = short.filter((l) => !/[。!?！？]$/.test(l));
  const titled = phrases.find((l) => /关于|报告|方案|要点|规划|计划|通知|答复|复函|意见|发布|召开/.test(l)) ?? phrases[0] ?? short[0];
  if (titled) return { title: bareTitle(titled.replace(/\s+/g, ' ')), real: true };
  const first = candidates[0] ?? '';
  return { title: first.slice(0, first.indexOf('。') > 0 ? first.indexOf('。') : 60).replace(/\s+/g, ' '), real: false };
}

const LEADING_NUMBER = new RegExp(`^${DOC_NUMBER.source}(?:\\s*(?=《)|\\s+)`);
const TRAILING_NUMBER = new RegExp(`\\s*[(（]${DOC_NUMBER.source}[)）]$`);

/** A title without the 文号 around it (it has its own column): 武政办〔2021〕26号《…的通知》 → …的通知. */
function bareTitle(title: string): string {
  const lead = LEADING_NUMBER.exec(title);
  let t = lead && title.length - lead[0].length >= 6 ? title.slice(lead[0].length) : title;
  t = t.replace(TRAILING_NUMBER, '');
  return /^《[^《》]+》$/.test(t) ? t.slice(1, -1) : t;
}

/**
 * The 文号 when no header field gives one: a line that is only a 文号, or one in the
 * title. A number cited in the body (根据国发〔2016〕43号) is another document's.
 */
function standingDocNumber(lines: string[], title: string | null): string | null {
  for (const line of lines) {
    const bare = line.trim().replace(/^[(（]|[)）]$/g, '');
    if (bare && docNumberIn(bare) === bare.replace(/\s+/g, '')) return docNumberIn(bare);
  }
  return title ? docNumberIn(lines.find((l) => l.replace(/\s+/g, ' ').includes(title)) ?? '') : null;
}

/** The region a newspaper or news site is of: 湖北日报 → hubei, 重庆晨报 → chongqing (长江日报 names none). */
function pressRegion(publisher: string | null): Region | undefined {
  if (!publisher) return undefined;
  return regions().find((r) => r.level !== 'country' && publisher.startsWith(r.name_zh)
    && /^(?:省|市)?(?:日报|晚报|晨报|都市报|商报|电视台|广播电视台|新闻网|网)/.test(publisher.slice(r.name_zh.length)));
}

/**
 * The document's region (SCHEMA 10): its issuer's, its 文号's, the city of a
 * 省·市： title, the first place its title names, its newspaper's, else the place
 * its text names most.
 */
function mainRegion(text: string, title: string, issuer: string, docNumber: string | null, publisher: string | null = null): Region {
  const all = regions();
  const first = (s: string) => findRegionMentions(s).find((m) => m.region.level !== 'country')?.region;
  const byIssuer = first(issuer);
  if (byIssuer) return byIssuer;
  const byNumber = docNumber ? regionOfAbbreviation(docNumber[0]) : undefined;
  if (byNumber) return byNumber;
  // 湖北·宜昌：…: the city after the province.
  const cityTitle = /^[\u4e00-\u9fff]{2,3}[·•]([\u4e00-\u9fff]{2,4})[:：]/.exec(title);
  const byCity = cityTitle ? first(cityTitle[1]) : undefined;
  if (byCity) return byCity;
  const byTitle = first(title);
  if (byTitle) return byTitle;
  const byPress = pressRegion(publisher);
  if (byPress) return byPress;
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

const TITLE_HEAD = 4000;

/**
 * The head of the clean text (where the title is) with two more characters blanked on each side of every span set
 * aside: spam is injected into titles (2024年GD江苏十一选五… 武汉向新求质), and a
 * place glued to it is part of the spam, not the subject.
 */
function spamGuarded(clean: string, full: string): string {
  // The title is among the first lines: only the head of the text needs guarding.
  const head = Math.min(clean.length, TITLE_HEAD);
  const out = clean.slice(0, head).split('');
  for (let i = 0; i < head; i++) {
    if (clean[i] !== ' ' || full[i] === ' ' || full[i] === clean[i]) continue;
    for (let j = Math.max(0, i - 2); j <= Math.min(head - 1, i + 2); j++) if (out[j] !== '\n') out[j] = ' ';
  }
  return out.join('');
}

/** Who published a news page: its 来源 field when that names a paper, site or agency, else its dateline's agency. */
function publisherOf(fields: Map<string, HeaderField>, lines: string[]): string | null {
  const source = SOURCE_LABELS.map((l) => fields.get(l)).find((f) => f && f.value && !f.labelSetAside && f.cleanValue === f.value);
  const name = source?.value.trim() ?? '';
  if (/^[\u4e00-\u9fff]{2,24}$/.test(name) && (isAgency(name) || /(?:报|网|社|台)$/.test(name))) return name;
  return datelineAgency(lines);
}

/** The issuer field's value, or its first word when that is an agency and the rest is not a name (a time, a counter). */
function nameIn(value: string): string {
  if (/^[\u4e00-\u9fff][\u4e00-\u9fff ()·]{1,39}$/.test(value)) return value;
  const first = value.split(' ')[0];
  return isAgency(first) ? first : '';
}

/**
 * Reads a document's metadata from its normalised text, with the spans that
 * the clean stage set aside masked out (`clean` has spaces where they were).
 */
export function readMetadata(clean: string, full: string): Metadata {
  const warnings: string[] = [];
  const lines = clean.split('\n');
  const { title, real } = findTitle(lines);
  const fields = readHeaderFields(full, clean);
  const issuerField = ISSUER_LABELS.map((l) => fields.get(l)).find((f) => f && f.value && !f.labelSetAside);
  const issuerPolluted = !!issuerField && issuerField.cleanValue !== issuerField.value;
  const numberField = NUMBER_LABELS.map((l) => fields.get(l)).find((f) => f && !f.labelSetAside);
  const docNumber = (numberField && docNumberIn(numberField.cleanValue)) ?? standingDocNumber(lines, real ? title : null);

  let issuer = issuerField && !issuerPolluted ? nameIn(issuerField.value) : '';
  if (!issuer) {
    // The document's own signature or title names it; the 文号 prefix tells which when they differ.
    const named = [...signatures(lines), titleIssuer(title)].filter((n): n is string => !!n);
    const signed = (docNumber ? named.find((n) => numberNamesAgency(docNumber, n)) : undefined) ?? named[0];
    if (signed) {
      issuer = signed;
      if (issuerField) warnings.push(`issuer read from the document's signature or title: ${signed} (the 发布机构 field "${issuerField.value}" is ${issuerPolluted ? 'spam' : 'not a name'})`);
    }
  }
  const date = findDocumentDate(clean, full);
  const published = date.published;
  const index = /索\s*引\s*号\s*(?:\])?\s*[|:：]?\s*([0-9A-Z]{6,})\//.exec(clean);
  const region = mainRegion(clean, findTitle(spamGuarded(clean, full).split('\n')).title, issuer, docNumber, issuer ? null : publisherOf(fields, lines));
  if (region.region === 'unknown') warnings.push('main region not found: no place is named in the title, issuer, 文号 or text');
  if (issuer) {
    const named = fullestName(qualify(issuer, region), clean);
    if (named !== issuer) warnings.push(`issuer ${issuer} read as ${named}`);
    issuer = named;
  }
  // A news story has no signature: who published it is its issuer, but says nothing of its region
  // (湖北日报 reports on Wuhan). A page with a 索引号 waits for its agency's name from the run.
  if (!issuer && !index) issuer = publisherOf(fields, lines) ?? '';
  return {
    title, issuer, published, docNumber, region: region.region,
    currentYear: date.currentYear, dated: date.source in FULL_DATE_RULES, dateSource: date.source,
    isPlan: real && PLAN_TITLE.test(title) && !/答复|复函|提案|建议/.test(title),
    indexPrefix: index ? index[1] : null,
    issuerPolluted,
    warnings,
  };
}

/**
 * Fills in issuers still unknown from other documents of the run with the same
 * 索引号 prefix (the agency's code). A name that no document contains is never
 * made up: an issuer not found stays empty.
 */
export function inferIssuers(docs: Array<{ docId: string; meta: Metadata; text: string }>): void {
  const byPrefix = new Map<string, { issuer: string; docId: string }>();
  for (const d of docs) {
    const { indexPrefix, issuer, issuerPolluted } = d.meta;
    if (!indexPrefix || !issuer || issuerPolluted) continue;
    // The fullest name of the agency wins, whatever order the documents come in.
    const known = byPrefix.get(indexPrefix);
    if (!known || issuer.length > known.issuer.length || (issuer.length === known.issuer.length && d.docId < known.docId)) byPrefix.set(indexPrefix, { issuer, docId: d.docId });
  }
  for (const d of docs) {
    const m = d.meta;
    if (m.issuer) continue;
    const shared = m.indexPrefix ? byPrefix.get(m.indexPrefix) : undefined;
    if (!shared) {
      m.warnings.push('issuer not found: no 发布机构 field, signature, 关于 title or shared 索引号 names it');
      continue;
    }
    m.issuer = shared.issuer;
    m.warnings.push(`issuer inferred: ${shared.issuer}, from the 索引号 prefix ${m.indexPrefix} shared with ${shared.docId}`);
    if (m.issuerPolluted) m.region = mainRegion(d.text, m.title, m.issuer, m.docNumber).region;
  }
}
