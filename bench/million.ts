/**
 * A million figures for the browser bench: documents, figures, indicators and
 * regions as the pipeline writes them (same schemas, same writer), generated
 * deterministically from a seed into a folder with a manifest, so that a later
 * run reuses them instead of generating them again.
 *
 * The figures look like the pipeline's: every catalog indicator and `other`,
 * ~40 regions (Hubei, Wuhan and Chongqing among the most cited), years
 * 2010–2027, actuals, targets and expected values, measures that fit their
 * units, qualifiers, and quotes that sit in their sentence and their sentence in
 * its document's text at the offsets the row gives. The same fact (region,
 * indicator, year, measure, stance) cited by several documents mostly has one
 * value, sometimes a conflicting one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDICATORS } from '../pipelines/figures/catalog/indicators.ts';
import { indicatorRows } from '../src/lib/indicators.ts';
import { regions, type Region } from '../pipelines/figures/catalog/regions.ts';
import { writeParquet } from '../pipelines/write/parquet.ts';
import { writeSeriesOfFile } from '../pipelines/write/series.ts';
import type { DocumentRow, FigureRow, Measure, Period, Qualifier, Stance, Unit } from '../src/lib/types.ts';
import { mulberry32, type Random } from './prng.ts';

/** Bumped whenever the generator's output changes (3: figures in row groups of 16,384), so that a reused set is never a stale one. */
const GENERATOR_VERSION = 3;
const MANIFEST = '.manifest.json';
export const PARQUET_FILES = ['figures.parquet', 'documents.parquet', 'indicators.parquet', 'regions.parquet'];

/**
 * Every file a data folder serves, relative to it and sorted: the tables, the
 * series the dashboard's charts read (series/…) and run.json; not the dotfiles
 * (a manifest) nor first-view.json, which a build draws from the rest.
 */
export function dataFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name.startsWith('first-view')) continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk('');
  return out.sort();
}
const FIRST_YEAR = 2010;
const LAST_YEAR = 2027;

/** The set wanted: where, from which seed, how many figures, which sentences pad the documents. */
export interface MillionSpec {
  dir: string;
  seed: number;
  figures: number;
  /** Real sentences (the seeds'), mixed between the figures' sentences as prose that yields no figure. */
  filler: string[];
  /** Changes when `filler` does. */
  fillerDigest: string;
}

/** What the folder holds. */
export interface MillionManifest {
  generator: number;
  seed: number;
  figures: number;
  documents: number;
  filler_digest: string;
  /** Bytes of each file written: the four tables and the series. */
  files: Record<string, number>;
}

/** The manifest of the set in `spec.dir` if it is the one `spec` asks for and its files are all there. */
export function existingMillion(spec: MillionSpec): MillionManifest | undefined {
  let m: MillionManifest;
  try {
    m = JSON.parse(readFileSync(join(spec.dir, MANIFEST), 'utf8')) as MillionManifest;
  } catch {
    return undefined;
  }
  const same = m.generator === GENERATOR_VERSION && m.seed === spec.seed && m.figures === spec.figures && m.filler_digest === spec.fillerDigest;
  if (!same) return undefined;
  for (const name of Object.keys(m.files)) {
    try {
      if (statSync(join(spec.dir, name)).size !== m.files[name]) return undefined;
    } catch {
      return undefined;
    }
  }
  return m;
}

/** Generates the set into `spec.dir`, replacing whatever was there, and returns its manifest. */
export async function generateMillion(spec: MillionSpec): Promise<MillionManifest> {
  rmSync(spec.dir, { recursive: true, force: true });
  mkdirSync(spec.dir, { recursive: true });
  const { figures, documents } = generateRows(spec);
  const gazetteer = regions().map(({ names: _n, ...r }) => r);
  await writeParquet(spec.dir, { figures, documents, indicators: indicatorRows(), regions: gazetteer });
  // The dashboard's charts read the series, as the pipeline writes them beside the tables.
  await writeSeriesOfFile(join(spec.dir, 'figures.parquet'), spec.dir);
  for (const n of readdirSync(spec.dir)) if (n.startsWith('.tmp-')) rmSync(join(spec.dir, n), { recursive: true, force: true });
  const files = Object.fromEntries(dataFiles(spec.dir).map((n) => [n, statSync(join(spec.dir, n)).size]));
  const manifest: MillionManifest = {
    generator: GENERATOR_VERSION, seed: spec.seed, figures: figures.length, documents: documents.length,
    filler_digest: spec.fillerDigest, files,
  };
  writeFileSync(join(spec.dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

// ---------------------------------------------------------------------------
// Regions: [id, weight (how often cited), scale (size of its figures; a province ≈ 1)]

const REGION_PLAN: [string, number, number][] = [
  ['hubei', 4, 1.0], ['wuhan', 3.5, 0.55], ['chongqing', 3.5, 1.0], ['china', 2.5, 14],
  ['beijing', 2, 1.6], ['shanghai', 2, 1.5], ['tianjin', 1, 0.7], ['jiangsu', 1.8, 2.2], ['zhejiang', 1.8, 1.8],
  ['guangdong', 2, 2.6], ['sichuan', 1.6, 1.0], ['hunan', 1.5, 0.9], ['henan', 1.4, 0.9], ['anhui', 1.5, 0.9],
  ['shaanxi', 1.4, 0.8], ['shandong', 1.4, 1.5], ['fujian', 1, 0.8], ['jiangxi', 1, 0.6], ['guizhou', 0.8, 0.4],
  ['yunnan', 0.8, 0.4],
  ['yichang', 1.6, 0.12], ['xiangyang', 1.6, 0.12], ['huangshi', 1, 0.06], ['shiyan', 1, 0.05], ['jingzhou', 1, 0.06],
  ['jingmen', 0.9, 0.05], ['ezhou', 0.8, 0.04], ['xiaogan', 0.9, 0.06], ['huanggang', 0.9, 0.05], ['xianning', 0.7, 0.04],
  ['suizhou', 0.6, 0.03], ['enshi', 0.6, 0.03],
  ['chengdu', 1.4, 0.5], ['xian', 1.2, 0.4], ['changsha', 1.2, 0.35], ['hefei', 1.2, 0.35], ['zhengzhou', 1.1, 0.3],
  ['nanjing', 1.2, 0.45], ['hangzhou', 1.3, 0.5], ['shenzhen', 1.5, 0.8],
];

/** Provincial abbreviations for 文号 (鄂科技发〔2021〕12号). */
const ABBREVIATION: Record<string, string> = {
  hubei: '鄂', chongqing: '渝', beijing: '京', shanghai: '沪', tianjin: '津', jiangsu: '苏', zhejiang: '浙', guangdong: '粤',
  sichuan: '川', hunan: '湘', henan: '豫', anhui: '皖', shaanxi: '陕', shandong: '鲁', fujian: '闽', jiangxi: '赣',
  guizhou: '黔', yunnan: '云', china: '国', wuhan: '武',
};

interface PlannedRegion {
  row: Region;
  weight: number;
  scale: number;
  /** As text names it: 湖北省, 武汉市, 全国. */
  written: string;
  abbreviation: string;
}

function plannedRegions(): PlannedRegion[] {
  const all = new Map(regions().map((r) => [r.region, r]));
  return REGION_PLAN.map(([id, weight, scale]) => {
    const row = all.get(id);
    if (!row) throw new Error(`million: region ${id} is not in the gazetteer`);
    const written = row.level === 'country' ? '全国' : row.level === 'province' ? `${row.name_zh}省` : `${row.name_zh}市`;
    return { row, weight, scale, written, abbreviation: ABBREVIATION[id] ?? ABBREVIATION[row.parent ?? ''] ?? '' };
  });
}

// ---------------------------------------------------------------------------
// Indicators: how often cited, their size in a province in 2020, growth, and the word that counts them.

interface IndicatorPlan {
  indicator: string;
  weight: number;
  /** Level in a province of scale 1 in 2020, in the unit's base (CNY, count, items). */
  base: number;
  growth: number;
  unit: Unit;
  /** 家, 个, 项 … after a count. */
  counter: string;
  /** For rates such as R&D intensity: the share (percent) a province of scale 1 has. */
  share?: number;
}

const CNY_100M = 1e8;
const INDICATOR_PLAN: Record<string, Omit<IndicatorPlan, 'indicator' | 'unit'>> = {
  high_tech_enterprises: { weight: 10, base: 14000, growth: 0.16, counter: '家' },
  high_tech_enterprise_applications: { weight: 1, base: 5000, growth: 0.15, counter: '家' },
  tech_smes: { weight: 4, base: 20000, growth: 0.2, counter: '家' },
  tech_enterprises: { weight: 2.5, base: 30000, growth: 0.18, counter: '家' },
  little_giants: { weight: 3, base: 120, growth: 0.3, counter: '家' },
  national_key_labs: { weight: 2, base: 25, growth: 0.04, counter: '个' },
  provincial_labs: { weight: 1.5, base: 8, growth: 0.2, counter: '个' },
  provincial_key_labs: { weight: 1.5, base: 200, growth: 0.06, counter: '个' },
  innovation_platforms: { weight: 3, base: 1200, growth: 0.1, counter: '个' },
  national_innovation_platforms: { weight: 1.5, base: 150, growth: 0.06, counter: '个' },
  new_rd_institutions: { weight: 2.5, base: 400, growth: 0.15, counter: '家' },
  incubators: { weight: 2.5, base: 220, growth: 0.1, counter: '家' },
  maker_spaces: { weight: 2, base: 400, growth: 0.1, counter: '家' },
  high_tech_zones: { weight: 1.5, base: 14, growth: 0.05, counter: '个' },
  big_science_facilities: { weight: 1, base: 5, growth: 0.12, counter: '个' },
  engineering_research_centers: { weight: 1.5, base: 250, growth: 0.07, counter: '个' },
  enterprise_tech_centers: { weight: 1.5, base: 700, growth: 0.06, counter: '家' },
  innovative_industry_clusters: { weight: 1, base: 12, growth: 0.1, counter: '个' },
  rd_expenditure: { weight: 7, base: 1000 * CNY_100M, growth: 0.1, counter: '', share: 2.3 },
  tech_contract_turnover: { weight: 8, base: 1600 * CNY_100M, growth: 0.2, counter: '' },
  high_tech_industry_value_added: { weight: 5, base: 9000 * CNY_100M, growth: 0.12, counter: '', share: 20 },
  knowledge_value_loans: { weight: 1.5, base: 100 * CNY_100M, growth: 0.25, counter: '' },
  ip_pledge_financing: { weight: 1.5, base: 150 * CNY_100M, growth: 0.25, counter: '' },
  government_st_funding: { weight: 3, base: 300 * CNY_100M, growth: 0.08, counter: '' },
  natural_science_fund_projects: { weight: 1.5, base: 2000, growth: 0.05, counter: '项' },
  tech_achievements_transferred: { weight: 2, base: 12000, growth: 0.15, counter: '项' },
  other: { weight: 12, base: 0, growth: 0, counter: '' },
};

/** What `other` figures count: the label, its unit and measure, and its size. */
const OTHER: { label: string; unit: Unit; measure: Measure; base: number; growth: number; counter: string }[] = [
  { label: '研发人员', unit: 'people', measure: 'total', base: 180000, growth: 0.08, counter: '人' },
  { label: '有效发明专利', unit: 'items', measure: 'total', base: 60000, growth: 0.15, counter: '件' },
  { label: '技术服务合同成交额', unit: 'CNY', measure: 'amount', base: 300 * CNY_100M, growth: 0.18, counter: '' },
  { label: '大学科技园', unit: 'count', measure: 'total', base: 8, growth: 0.05, counter: '个' },
  { label: '孵化载体', unit: 'count', measure: 'total', base: 450, growth: 0.1, counter: '家' },
  { label: '科技成果登记', unit: 'items', measure: 'amount', base: 2500, growth: 0.08, counter: '项' },
  { label: '科技特派员', unit: 'people', measure: 'new', base: 3000, growth: 0.05, counter: '名' },
  { label: '国际科技合作基地', unit: 'count', measure: 'total', base: 40, growth: 0.05, counter: '个' },
  { label: '双创活动', unit: 'times', measure: 'amount', base: 600, growth: 0.1, counter: '场次' },
  { label: '高新技术产品出口额', unit: 'CNY', measure: 'amount', base: 500 * CNY_100M, growth: 0.1, counter: '' },
  { label: '规上工业企业研发机构覆盖率', unit: 'percent', measure: 'share', base: 40, growth: 0.03, counter: '' },
];

function indicatorPlans(): IndicatorPlan[] {
  const units = new Map(INDICATORS.map((i) => [i.indicator, i.unit as Unit]));
  return Object.entries(INDICATOR_PLAN).map(([indicator, p]) => {
    if (indicator !== 'other' && !units.has(indicator)) throw new Error(`million: indicator ${indicator} is not in the catalog`);
    return { indicator, unit: units.get(indicator) ?? 'count', ...p };
  });
}

// ---------------------------------------------------------------------------

/** Draws an index with probability proportional to its weight. */
function weighted(weights: number[]): (rnd: Random) => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return (rnd) => {
    const u = rnd.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** A float in [0, 1) fixed by `key`, so that a fact has one value in every document that cites it. */
function unit01(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** What a figure counts, and how large such figures are. */
interface Kind {
  indicator: string;
  label: string;
  measure: Measure;
  unit: Unit;
  /** The name the sentence uses. */
  name: string;
  base: number;
  growth: number;
  counter: string;
  share?: number;
}

/** Rounds to a number an official would write: integers for counts, 亿元 with one decimal, percent with one. */
function writeValue(raw: number, unit: Unit, measure: Measure, counter: string, rnd: Random): { value: number; written: string } {
  if (measure === 'rank') {
    const n = Math.max(1, Math.round(raw));
    return { value: n, written: `第${n}位` };
  }
  if (unit === 'percent') {
    const v = Math.round(raw * 10) / 10;
    return { value: v, written: `${v}%` };
  }
  if (unit === 'CNY') {
    if (raw >= CNY_100M) {
      const yi = Math.round((raw / CNY_100M) * 10) / 10;
      return { value: Math.round(yi * CNY_100M), written: `${yi}亿元` };
    }
    const wan = Math.max(1, Math.round(raw / 1e4));
    return { value: wan * 1e4, written: `${wan}万元` };
  }
  const n = Math.max(1, Math.round(raw));
  if (n >= 20000 && rnd.chance(0.4)) {
    const wan = Math.round(n / 1000) / 10;
    return { value: Math.round(wan * 1e4), written: `${wan}万${counter}` };
  }
  return { value: n, written: `${n}${counter}` };
}

const QUALIFIERS: [Qualifier, number][] = [['exact', 0.8], ['approx', 0.06], ['more_than', 0.07], ['at_least', 0.05], ['at_most', 0.02]];
const pickQualifier = weighted(QUALIFIERS.map(([, w]) => w));

function qualify(written: string, q: Qualifier, rnd: Random): string {
  if (q === 'approx') return `近${written}`;
  if (q === 'more_than') return `${rnd.chance(0.5) ? '超过' : '超'}${written}`;
  if (q === 'at_least') return `${written}以上`;
  if (q === 'at_most') return `不到${written}`;
  return written;
}

const LEADS = ['', '', '', '一年来,', '近年来,', '在省委、省政府的坚强领导下,', '全面贯彻落实创新驱动发展战略,', '据统计,', '从监测数据看,'];
const TAILS = [
  '', '', ',较上年明显提升', ',创历史新高', ',为全省科技创新提供了有力支撑', ',在全国处于领先位置', ',圆满完成年度目标任务',
  ',进一步夯实了高质量发展的基础', ',比“十三五”末有较大幅度增长', ',科技创新对经济增长的贡献持续增强',
];

/** A sentence stating `quote`, and where in it the quote starts. */
function sentenceFor(stance: Stance, measure: Measure, region: string, name: string, year: number | null, quote: string, rnd: Random): { sentence: string; at: number } {
  const Y = year === null ? '' : `${year}年`;
  let parts: [string, string];
  if (stance === 'target') {
    parts = measure === 'growth_rate' ? [`到${Y || '规划期末'},${region}${name}年均增长`, '']
      : rnd.chance(0.5) ? [`到${Y || '规划期末'},${region}${name}力争达到`, ''] : [`${region}计划${Y}${name}突破`, ''];
  } else if (stance === 'expected') {
    parts = measure === 'growth_rate' ? [`预计${Y}${region}${name}增长`, '左右'] : [`预计${Y}${region}${name}将达到`, ''];
  } else if (measure === 'growth_rate') parts = [`${Y}${region}${name}同比增长`, ''];
  else if (measure === 'share') parts = [`${Y}${region}${name}占地区生产总值比重为`, ''];
  else if (measure === 'rank') parts = [`${Y}${region}${name}居全国`, ''];
  else if (measure === 'new') parts = rnd.chance(0.5) ? [`${Y ? `${Y},` : ''}${region}新增${name}`, ''] : [`${Y}${region}新认定${name}`, ''];
  else if (measure === 'total') {
    parts = rnd.chance(0.5) ? [`截至${Y || '目前'}底,${region}${name}总数达到`, ''] : [`${Y ? `${Y},` : ''}${region}共有${name}`, ''];
  } else parts = rnd.chance(0.5) ? [`${Y}${region}${name}达到`, ''] : [`${Y}全年${region}实现${name}`, ''];
  const lead = rnd.pick(LEADS);
  const sentence = `${lead}${parts[0]}${quote}${parts[1]}${rnd.pick(TAILS)}。`;
  return { sentence, at: lead.length + parts[0].length };
}

const TITLES = [
  (r: string, y: number) => `${r}科学技术厅关于印发${y}年科技工作要点的通知`,
  (r: string, y: number) => `关于${r}人大第${(y * 7) % 900}号建议的答复`,
  (r: string, y: number) => `${r}${y - 1}年国民经济和社会发展统计公报`,
  (r: string, y: number) => `${r}${y}年政府工作报告`,
  (r: string) => `${r}“十四五”科技创新规划`,
  (r: string, y: number) => `${r}科技创新工作情况汇报(${y}年)`,
  (r: string, y: number) => `${r}${y - 1}年科技统计快报`,
];

/** The documents and their figures, in doc_id order. */
function generateRows(spec: MillionSpec): { figures: FigureRow[]; documents: DocumentRow[] } {
  if (spec.filler.length === 0) throw new Error('million: no filler sentences');
  const rnd = mulberry32(spec.seed);
  const places = plannedRegions();
  const plans = indicatorPlans();
  const pickRegion = weighted(places.map((p) => p.weight));
  const pickPlan = weighted(plans.map((p) => p.weight));
  const figures: FigureRow[] = [];
  const documents: DocumentRow[] = [];

  /** What a figure of `plan` counts: its measure and unit (and for `other`, its label). */
  const kindOf = (plan: IndicatorPlan): Kind => {
    if (plan.indicator === 'other') {
      const o = rnd.pick(OTHER);
      return { ...o, indicator: 'other', name: o.label, share: undefined };
    }
    const u = rnd.next();
    let measure: Measure;
    if (plan.unit === 'CNY') measure = u < 0.68 ? 'amount' : u < 0.92 || !plan.share ? 'growth_rate' : 'share';
    else if (plan.unit === 'items') measure = u < 0.6 ? 'amount' : u < 0.85 ? 'total' : 'growth_rate';
    else measure = u < 0.55 ? 'total' : u < 0.88 ? 'new' : u < 0.96 ? 'growth_rate' : 'rank';
    const unit: Unit = measure === 'growth_rate' || measure === 'share' ? 'percent' : measure === 'rank' ? 'count' : plan.unit;
    let name = INDICATORS.find((i) => i.indicator === plan.indicator)!.name_zh.replace(/[“”"]/g, '');
    if (measure === 'share' && plan.indicator === 'rd_expenditure') name = 'R&D经费投入';
    return { indicator: plan.indicator, label: '', measure, unit, name, base: plan.base, growth: plan.growth, counter: plan.counter, share: plan.share };
  };

  /** The value of a fact: the same for every document that cites it. */
  const factValue = (place: PlannedRegion, k: Kind, year: number | null): number => {
    const key = `${place.row.region}|${k.indicator}|${k.label}|${k.measure}`;
    const y = year ?? 2020;
    if (k.measure === 'growth_rate') return Math.max(0.5, 100 * k.growth * (0.5 + unit01(`${key}|${y}`)));
    if (k.measure === 'share') return (k.share ?? k.base) * (0.6 + 0.8 * unit01(key)) * (1 + 0.02 * (y - 2020));
    if (k.measure === 'rank') return 1 + Math.floor(31 * unit01(`${key}|${y}`) ** 2);
    const level = k.base * place.scale * (0.8 + 0.45 * unit01(key)) * (1 + k.growth) ** (y - 2020);
    return k.measure === 'new' ? level * (0.18 + 0.1 * unit01(`${key}|${y}`)) : level;
  };

  let docIndex = 0;
  while (figures.length < spec.figures) {
    const home = places[pickRegion(rnd)];
    // Publication years lean to recent ones, as sites keep more of them.
    const published = 2011 + Math.min(15, Math.floor(16 * Math.sqrt(rnd.next())));
    const date = `${published}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const title = rnd.pick(TITLES)(home.written, published);
    const issuer = home.row.level === 'country' ? '科学技术部' : rnd.chance(0.6)
      ? `${home.written}科学技术${home.row.level === 'prefecture' ? '局' : '厅'}` : rnd.chance(0.5) ? `${home.written}人民政府办公厅` : `${home.written}统计局`;
    const docNumber = rnd.chance(0.5) && home.abbreviation ? `${home.abbreviation}科技发〔${published}〕${rnd.int(1, 60)}号` : null;
    const header = `${title}\n${issuer}  ${date}\n${docNumber ? `${docNumber}\n` : ''}\n`;
    const docId = `${String(docIndex).padStart(5, '0')}_${sha(`${spec.seed}:${docIndex}`).slice(0, 16)}.txt`;
    const wanted = Math.min(spec.figures - figures.length, rnd.int(5, 95));

    const pieces: string[] = [header];
    let offset = header.length;
    const mine: FigureRow[] = [];
    let inParagraph = 0;
    for (let n = 0; n < wanted; n++) {
      if (rnd.chance(0.3)) {
        const filler = rnd.pick(spec.filler);
        pieces.push(filler);
        offset += filler.length;
      }
      const place = rnd.chance(0.55) ? home : places[pickRegion(rnd)];
      const k = kindOf(plans[pickPlan(rnd)]);
      const s = rnd.next();
      const stance: Stance = k.measure === 'rank' || s < 0.7 ? 'actual' : s < 0.92 ? 'target' : 'expected';
      let year: number | null;
      let period: Period;
      if (rnd.chance(0.01)) {
        year = null;
        period = 'unknown';
      } else if (stance === 'actual') {
        const back = rnd.chance(0.6) ? 1 : rnd.chance(0.25) ? 0 : rnd.int(2, 6);
        year = Math.max(FIRST_YEAR, published - back);
        period = back === 0 ? (rnd.chance(0.5) ? 'h1' : 'as_of') : rnd.chance(0.3) ? 'as_of' : 'year';
      } else {
        year = stance === 'expected' ? published + rnd.int(0, 1) : rnd.chance(0.3) ? Math.ceil(published / 5) * 5 : published + rnd.int(1, 5);
        year = Math.min(LAST_YEAR, year);
        period = stance === 'target' && rnd.chance(0.2) ? 'multi_year' : 'year';
      }
      let raw = factValue(place, k, year);
      if (stance === 'target') raw *= 1.08 + 0.1 * unit01(`${place.row.region}|${k.indicator}|t`);
      else if (stance === 'expected') raw *= 1.03;
      // About one citation in ten differs from the others for the same fact.
      if (rnd.chance(0.1) && k.measure !== 'rank') raw *= 1 + (rnd.chance(0.5) ? -1 : 1) * (0.01 + 0.05 * rnd.next());
      const f = k;
      const { value, written } = writeValue(raw, f.unit, f.measure, f.counter, rnd);
      const qualifier: Qualifier = f.measure === 'rank' ? 'exact' : QUALIFIERS[pickQualifier(rnd)][0];
      const quote = qualify(written, qualifier, rnd);
      const { sentence, at } = sentenceFor(stance, f.measure, place.written, f.name, year, quote, rnd);
      const start = offset + at;
      const end = start + quote.length;
      mine.push({
        figure_id: sha(`${docId}:${start}:${end}`).slice(0, 16),
        doc_id: docId, indicator: f.indicator, label: f.label, region: place.row.region, year, period, stance,
        measure: f.measure, value, unit: f.unit, qualifier, quote, raw_start: start, raw_end: end, sentence,
        sentence_raw_start: offset, sentence_raw_end: offset + sentence.length,
        confidence: rnd.pick([0.95, 0.9, 0.9, 0.85, 0.8, 0.8, 0.75, 0.7, 0.65, 0.6]), year_inferred: rnd.chance(0.08),
        text_start: start, text_end: end, sentence_text_start: offset,
      });
      pieces.push(sentence);
      offset += sentence.length;
      if (++inParagraph >= rnd.int(2, 6)) {
        pieces.push('\n');
        offset += 1;
        inParagraph = 0;
      }
    }
    const text = pieces.join('');
    for (const f of mine) figures.push(f);
    documents.push({
      doc_id: docId, file: docId, title, issuer, published: date, current_year: Number(date.slice(0, 4)), date_source: 'labelled publication date', source_url: null, genre: null,
      region: home.row.region, doc_number: docNumber,
      script: 'simplified', raw_text: text, text, sha256: sha(text), encoding: rnd.chance(0.75) ? 'utf-8' : 'gb18030',
      warnings: rnd.chance(0.1) ? ['footer removed: line 1 "(此件主动公开)" (boilerplate)'] : [],
    });
    docIndex++;
  }
  return { figures, documents };
}
