/** Who issued a document, as the document itself names it: never a name it does not contain. */
import { regions, regionOfAbbreviation, type Region } from '../figures/catalog/regions.ts';

/** How an agency's name ends: 科学技术厅, 人民政府办公厅, 发展和改革委员会, 统计局, 促进中心. */
const AGENCY_END = /(?:厅|局|委员会|委|办公室|人民政府|政府|办|院|部|署|中心|学会|协会|联合会)$/;
const AGENCY = new RegExp(`^[\\u4e00-\\u9fff]{2,24}${AGENCY_END.source}`);
/** A date line as a signature writes it, in Arabic or Chinese numerals. */
const SIGNATURE_DATE = /^\s*[\d〇○零一二三四五六七八九]{4}\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$/;

/** Whether a string is an agency's name (湖北省科技厅; 中共湖北省委 湖北省人民政府 for a joint one). */
export function isAgency(s: string): boolean {
  return s.length <= 40 && s.split(/\s+/).every((part) => AGENCY.test(part));
}

/**
 * The agencies that sign the document: a line naming an agency followed by a
 * date line (a few blank lines between are allowed), last signature first.
 */
export function signatures(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = lines.length - 1; i > 0; i--) {
    if (!SIGNATURE_DATE.test(lines[i])) continue;
    let j = i - 1;
    while (j > 0 && j > i - 6 && !lines[j].trim()) j--;
    const name = lines[j].trim().replace(/\s+/g, ' ');
    if (isAgency(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

// 中新网武汉8月25日电, 新华社北京3月5日电, 本报讯: a news story's dateline names who published it.
const DATELINE = /^\s*(?:[(（][^)）]{1,20}[)）])?\s*([\u4e00-\u9fff]{1,6}(?:网|社|报|台))\s*(?:[\u4e00-\u9fff]{2,4}\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)/;

/** The news agency or paper a story's dateline names, in its first lines; null when there is none. */
export function datelineAgency(lines: string[]): string | null {
  for (const line of lines.slice(0, 12)) {
    const m = DATELINE.exec(line);
    if (m && !/^本/.test(m[1])) return m[1];
  }
  return null;
}

/** The agency a title opens with, as official titles do: 重庆市科学技术局关于…的答复函. */
export function titleIssuer(title: string): string | null {
  const at = title.indexOf('关于');
  if (at <= 0) return null;
  const name = title.slice(0, at).trim().replace(/\s+/g, ' ');
  return isAgency(name) ? name : null;
}

/** Characters that end a 文号 prefix and say what kind of paper it is (发, 函, 字), not who wrote it. */
const PAPER_KIND = /[发函字文电令复]+$/;

/**
 * Whether a 文号's prefix abbreviates an agency's name: 武政办 for 武汉市人民政府办公厅,
 * 渝科局函 for 重庆市科学技术局, 鄂科技发 for 湖北省科技厅. The first character is the
 * place (or its 文号 abbreviation); the rest appear in the name in order.
 */
export function numberNamesAgency(docNumber: string, agency: string): boolean {
  const prefix = /^[\u4e00-\u9fff]+/.exec(docNumber)?.[0].replace(PAPER_KIND, '') ?? '';
  if (prefix.length < 2) return false;
  const place = regionOfAbbreviation(prefix[0])?.name_zh;
  let rest: string;
  if (place && agency.startsWith(place)) rest = agency.slice(place.length);
  else if (agency.startsWith(prefix[0])) rest = agency.slice(1);
  else return false;
  let i = 0;
  for (const c of prefix.slice(1)) {
    i = rest.indexOf(c, i);
    if (i < 0) return false;
    i++;
  }
  return true;
}

/** Full and short forms of the words in agency names. */
const SHORT_FORMS: Array<[string, string]> = [
  ['科学技术', '科技'], ['人民政府', '政府'], ['发展和改革', '发改'], ['发展改革', '发改'], ['经济和信息化', '经信'],
  ['人力资源和社会保障', '人社'], ['委员会', '委'],
];

/** An agency name in its shortest usual form, so that 重庆市科学技术局 and 重庆市科技局 compare equal. */
function shortForm(name: string): string {
  let s = name;
  for (const [full, short] of SHORT_FORMS) s = s.split(full).join(short);
  return s;
}

/** The province a relative 省… name refers to from a region: the region itself or its parent. */
function provinceOf(region: Region): Region | undefined {
  if (region.level === 'province') return region;
  if (region.level === 'prefecture' && region.parent) return regions().find((r) => r.region === region.parent);
  return undefined;
}

/**
 * An issuer named relative to its region, qualified with the region's name
 * (市科技局 → 重庆市科技局, 省科技厅 → 湖北省科技厅); other names as they are.
 */
export function qualify(name: string, region: Region | undefined): string {
  if (!region) return name;
  if (/^市[\u4e00-\u9fff]/.test(name) && (region.level === 'municipality' || region.level === 'prefecture')) return `${region.name_zh}${name}`;
  const province = provinceOf(region);
  if (/^省[\u4e00-\u9fff]/.test(name) && province) return `${province.name_zh}${name}`;
  return name;
}

/**
 * The fullest form of an issuer's name that the text itself contains: 重庆市科学技术局
 * for 重庆市科技局 when the document names itself so; the name as given otherwise.
 */
export function fullestName(name: string, text: string): string {
  let forms = [shortForm(name)];
  for (const [full, short] of SHORT_FORMS) {
    forms = forms.flatMap((f) => (f.includes(short) ? [f, f.split(short).join(full)] : [f]));
  }
  const found = forms.filter((f) => f.length > name.length && text.includes(f));
  return found.sort((a, b) => b.length - a.length)[0] ?? name;
}
