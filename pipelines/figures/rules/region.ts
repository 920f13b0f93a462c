import type { Metadata } from '../../metadata/metadata.ts';
import type { NumberMention } from '../../numbers/numbers.ts';
import type { Sentence } from '../../sentences/sentences.ts';
import { regionById } from '../catalog/regions.ts';
import type { RegionMention } from '../region-mentions.ts';
import { startOfSpanAt } from '../spans.ts';

/** What the region rules read of one number. */
export interface RegionContext {
  text: string;
  s: Sentence;
  m: NumberMention;
  meta: Metadata;
  /** The sentence's places that can be a figure's subject (see subjectRegions). */
  mentions: RegionMention[];
  /** The number's index in its sentence, for 分别 lists. */
  nth: number;
  respectively: string[] | null;
}

/** A figure's region, and whether it is of an area inside that region (a part). */
export interface Placed { region: string; area: boolean }

/** A named region rule: `then` gives the region, or null to leave it to the next rule. */
export interface RegionRule {
  name: string;
  then: (c: RegionContext) => Placed | null;
  /** An invented text, the quote of one of its numbers, and the region the rules give it. */
  example: { text: string; quote: string; region: string; area?: boolean };
}

const place = (region: string, area = false): Placed => ({ region, area });

/** The start of the ；-clause of `at`: a place named in an earlier clause does not reach it. */
function clauseStart(s: Sentence, at: number): number {
  return startOfSpanAt(s.clauses, at, s.start);
}

// How far before a number a place or 全省 still names its subject.
const REACH = 120;

/** The nearest subject place before the number in its clause; an area only in its own comma-segment. */
function nearestPlace(c: RegionContext): RegionMention | null {
  const from = Math.max(clauseStart(c.s, c.m.start), c.m.start - REACH);
  let segStart = from;
  for (let i = c.m.start - 1; i >= from; i--) if (/[,;:]/.test(c.text[i])) { segStart = i + 1; break; }
  // Mentions are sorted and do not overlap: walk back from the last one before the number.
  let lo = 0;
  let hi = c.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.mentions[mid].end <= c.m.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && c.mentions[i].start >= from; i--) {
    const r = c.mentions[i];
    if (!r.area || r.start >= segStart) return r;
  }
  return null;
}

/** 全省/我市/本省 nearer to the number than any place name: the document's province or city. */
function selfWord(c: RegionContext): Placed | null {
  const from = Math.max(clauseStart(c.s, c.m.start), c.m.start - REACH);
  // 占全省的40%: the whole a share is of, not the subject.
  const left = c.text.slice(from, c.m.start).replace(/(?:占|于|为|比)(?:全省|全市)/g, '    ');
  const p = Math.max(left.lastIndexOf('全省'), left.lastIndexOf('我省'), left.lastIndexOf('本省'));
  const k = Math.max(left.lastIndexOf('全市'), left.lastIndexOf('我市'), left.lastIndexOf('本市'));
  if (p < 0 && k < 0) return null;
  const best = nearestPlace(c);
  if (best && best.end > from + Math.max(p, k) + 2) return null;
  if (p > k) {
    const r = regionById(c.meta.region);
    return place(r?.level === 'prefecture' && r.parent ? r.parent : c.meta.region);
  }
  return place(c.meta.region);
}

/** Region rules, in order: the first that gives a region decides it. */
export const REGION_RULES: RegionRule[] = [
  {
    name: 'places matched in order to the numbers after 分别',
    then: (c) => (c.respectively ? place(c.respectively[c.nth] ?? c.respectively[c.respectively.length - 1]) : null),
    example: { text: '2031年,甲省的荆州、宜昌分别新增高新技术企业120家、95家。', quote: '95家', region: 'yichang' },
  },
  {
    name: 'a level of the country said to compare with',
    // 高于全国11.5%的增速 is the country's; 居全国第5位 is the region's rank.
    then: (c) => (c.m.kind !== 'rank' && c.m.kind !== 'points'
      && /全国(?:同期|平均)?(?:水平)?的?$/.test(c.text.slice(Math.max(c.s.start, c.m.start - 6), c.m.start)) ? place('china') : null),
    example: { text: '2031年,重庆研发经费增长14%,高于全国9.9%的增速。', quote: '9.9%', region: 'china' },
  },
  {
    name: 'the document\'s own province or city (全省, 我市) nearest the number',
    then: selfWord,
    example: { text: '关于重庆市科技工作的报告\n2031年,全市新增众创空间30家。', quote: '30家', region: 'chongqing' },
  },
  {
    name: 'an area across cities (都市圈): a part of the province',
    then: (c) => {
      const best = nearestPlace(c);
      if (best?.area !== 'metro') return null;
      return place(best.region.level === 'prefecture' && best.region.parent ? best.region.parent : c.meta.region, true);
    },
    example: { text: '湖北省科技新闻\n2031年,襄阳都市圈集聚科技型中小企业1800家。', quote: '1800家', region: 'hubei', area: true },
  },
  {
    name: 'the nearest place named in the clause (an area inside it is a part)',
    then: (c) => {
      const best = nearestPlace(c);
      return best ? place(best.region.region, best.area === 'zone') : null;
    },
    example: { text: '湖北省科技新闻\n2031年,宜昌新增高新技术企业210家。', quote: '210家', region: 'yichang' },
  },
  {
    name: 'the document\'s region',
    then: (c) => place(c.meta.region),
    example: { text: '武汉市科技创新局关于某项工作的通知\n2031年,新增众创空间15家。', quote: '15家', region: 'wuhan' },
  },
];

/** The region of a figure, and whether it is of an area inside the region: by the first rule that decides. */
export function regionFor(c: RegionContext): Placed {
  for (const rule of REGION_RULES) {
    const found = rule.then(c);
    if (found) return found;
  }
  return place(c.meta.region);
}

/**
 * The place names of a sentence that can be a figure's subject: not the country,
 * not a list of places compared against (紧追北京、上海、天津…), not places given
 * as examples (襄阳、宜昌等12个), not where something went (流向广东).
 */
export function subjectRegions(text: string, s: Sentence, all: RegionMention[]): RegionMention[] {
  if (/流向|吸纳|流入|输出到|销往/.test(text.slice(s.start, s.end))) return [];
  const places = all.filter((r) => r.region.level !== 'country');
  return places.filter((r, i) => {
    let run = 1;
    for (let j = i - 1; j >= 0 && /^[、和及与]$/.test(text.slice(places[j].end, places[j + 1].start)); j--) run++;
    for (let j = i + 1; j < places.length && /^[、和及与]$/.test(text.slice(places[j - 1].end, places[j].start)); j++) run++;
    if (/^(?:[、和及与][\u4e00-\u9fff]{2,4})*等/.test(text.slice(r.end, r.end + 12))) return false;
    return run < 3 && !/(?:紧追|超过|高于|低于|仅次于|对标|学习|赴)$/.test(text.slice(Math.max(s.start, r.start - 3), r.start));
  });
}

/** 中部的湖北、西南的重庆和四川…分别排名为第七、八、十一: places matched to numbers in order. */
export function respectivelyRegions(text: string, s: Sentence, mentions: RegionMention[], numbers: NumberMention[]): string[] | null {
  const at = text.indexOf('分别', s.start);
  if (at < 0 || at >= s.end) return null;
  const before = mentions.filter((r) => r.end <= at && r.region.level !== 'country');
  const after = numbers.filter((n) => n.start > at);
  if (before.length < 2 || before.length !== after.length) return null;
  return before.map((r) => r.region.region);
}
