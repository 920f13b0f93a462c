import type { Unit } from '../../../src/lib/types.ts';
import { INDICATORS, OTHER_PHRASES, type Indicator } from '../catalog/indicators.ts';

/** A catalog phrase found in text. */
export interface AliasHit {
  start: number;
  end: number;
  /** The catalog indicator, or `other` for a phrase that names something else. */
  indicator: string;
}

interface Compiled { indicator: string; re: RegExp }
let compiled: Compiled[] | null = null;

function compile(): Compiled[] {
  compiled ??= [
    ...INDICATORS.map((i) => ({ indicator: i.indicator, re: new RegExp(i.aliases.join('|'), 'g') })),
    { indicator: 'other', re: new RegExp(OTHER_PHRASES.join('|'), 'g') },
  ];
  return compiled;
}

/** Every catalog phrase in text[from, to); of overlapping hits the longest is kept. */
export function findAliases(text: string, from: number, to: number): AliasHit[] {
  const hits: AliasHit[] = [];
  // Match on the sentence alone: a regex left to run past `to` would scan the rest of the document.
  const s = text.slice(from, to);
  for (const { indicator, re } of compile()) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      hits.push({ start: from + m.index, end: from + m.index + m[0].length, indicator });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: AliasHit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) {
      if (h.end - h.start > last.end - last.start) kept[kept.length - 1] = h;
      continue;
    }
    kept.push(h);
  }
  return kept;
}

const byId = new Map(INDICATORS.map((i) => [i.indicator, i]));

/** The catalog entry of an id. */
export function indicatorOf(id: string): Indicator | undefined {
  return byId.get(id);
}

/** Whether a figure with this unit and measure can be of the indicator (8716家 cannot be 亿元 of loans). */
export function fits(id: string, unit: Unit, measure: string): boolean {
  const ind = byId.get(id);
  if (!ind) return true;
  if (measure === 'rank' || measure === 'growth_rate') return true;
  if (unit === 'percent') return measure === 'share' || ind.unit === 'CNY';
  return ind.units.includes(unit);
}

// Words that carry no noun of their own: a segment made only of these names nothing,
// so its number is about the thing named before it (较上年增长31.4%, 其中国家级492家).
const FUNCTION_WORDS = /较上年|比上年|较去年同期|同期|同比|较|比|分别|同步|增长率?|增速|增幅|增加|提高|提升|下降|减少|年均|为|达到|达|是|其中|预计|全年|可|组织|共|累计|的|有|已|超过|突破|实现|保持|以上|左右|和|及|与|规模|总额|总量|总数|数量|国家级|省级|市级|全省|全市|全国|力争|争取|确保|立项|获批|新增|新建|认定|申报|递增|净增|增至|从|自|由|到|至|截至|年底|年末|上半年|今年|去年|当年|年度|年|位居|居|排名|排|位列|首批|授信|发放|兑付|拨付|十[一二三四五]五|期末|末|时期|期间|\s|[\d.]/g;

/** The part of a segment that is neither a function word nor a number. */
export function residue(seg: string): string {
  return seg.replace(FUNCTION_WORDS, '').replace(/[“”"'()（）:：·●\-—]/g, '');
}

const LEVEL = /国家级|国家|全国|省级以上|省级|市级以上|市级/;

/** A label for a catalog figure (its level: 国家级, 省级以上) or for an `other` one (what is counted). */
export function labelFor(indicator: string, segment: string, noun: string): string {
  if (indicator !== 'other') {
    const level = LEVEL.exec(segment + noun.slice(0, 10))?.[0];
    const ind = byId.get(indicator);
    if (!level || ind?.name_zh.startsWith(level)) return '';
    return level === '国家' || level === '全国' ? '国家级' : level;
  }
  // After the number: the noun up to its verb (3家企业通过科创板上市审核 → 企业).
  const after = noun.split(/[\d,;:、]|通过|发放|在|完成|实现|达到|获得|开展|参与|均|中|加快|有|已|的/)[0];
  const before = segment
    .replace(/^.*?(?:[一二三四五六七八九十]是|是|为|新增|新建|新认定|认定|累计|共|全省|全市|全国|其中|实现|组织|实施|推动|支持|开展|完成|建有|拥有|汇聚|集成)/, '')
    .replace(/(?:位居|居|排名|排|位列|全国|中部|西部|东部|全省|全市|达到|达|为|超过|突破|增至|增长|提高到|提升至|共|有|实现|已|同比|较上年|比上年|分别)+$/, '');
  const raw = (after.length >= 2 ? after : before.split(/\s+/).pop() ?? '').replace(/[“”"]/g, '').trim();
  return raw.slice(-16);
}

// What may stand between two kinds of a list: a joiner, the next kind's level, a bracket.
const LIST_GAP = /^[)）]?(?:、|和|及|与|以及)(?:国家级?|省级(?:以上)?|市级(?:以上)?)?[(（]?$/;

/**
 * The kinds a number shares when `last` ends a list of them:
 * 国家重点实验室、国家工程研究中心和国家企业技术中心新增21家 → three hits. A single kind
 * comes back alone.
 */
export function listEndingAt(text: string, aliases: AliasHit[], last: AliasHit): AliasHit[] {
  const items = [last];
  // Aliases are sorted and do not overlap: the one before an item is the one before it in the list.
  let i = aliases.indexOf(last);
  if (i < 0) return items;
  for (i--; i >= 0; i--) {
    const prev = aliases[i];
    if (!LIST_GAP.test(text.slice(prev.end, items[0].start).replace(/\s/g, ''))) return items;
    items.unshift(prev);
  }
  return items;
}

/**
 * What a number shared by a list of kinds counts: national kinds of one group
 * together are that group's umbrella indicator (the catalog says which); any
 * other mix is none of them.
 */
export function umbrellaOf(text: string, items: AliasHit[]): string {
  const groups = new Set(items.map((a) => byId.get(a.indicator)?.group));
  const umbrella = groups.size === 1 ? INDICATORS.find((i) => i.group === [...groups][0] && i.umbrella)?.umbrella : undefined;
  const national = items.every((a) => /国家/.test(text.slice(Math.max(0, a.start - 3), a.end)));
  return umbrella && national ? umbrella : 'other';
}

/** The indicator money is of when words around it (支持资金, 奖励) name a kind of funding and no phrase does. */
export function fundingIndicator(before: string, after: string): string | null {
  const found = INDICATORS.find((i) => i.fundingWords && (new RegExp(i.fundingWords.before).test(before) || new RegExp(i.fundingWords.after).test(after)));
  return found?.indicator ?? null;
}
