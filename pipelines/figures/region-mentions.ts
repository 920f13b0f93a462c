import { regions, type Region } from './catalog/regions.ts';

/** A place name found in text. */
export interface RegionMention {
  start: number;
  end: number;
  region: Region;
  /** A place inside or across regions named after one: 襄阳都市圈 (`metro`), 东湖高新区 (`zone`). */
  area?: 'metro' | 'zone';
}

let pattern: RegExp | null = null;
let byName: Map<string, Region> | null = null;

function compile(): RegExp {
  if (pattern) return pattern;
  byName = new Map();
  // Provinces first, so that 吉林 and 海南 name the province.
  for (const r of regions()) for (const n of r.names) if (!byName.has(n)) byName.set(n, r);
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  pattern = new RegExp(names.join('|'), 'g');
  return pattern;
}

// 武汉理工大学, 湖北日报, 湖北实验室 and 中国地质大学(武汉) name institutions, not places.
const INSTITUTION = /^[\u4e00-\u9fff]{0,4}?(?:大学|学院|日报|晚报|电视台|广播|银行|实验室|研究院|研究所|公司|集团|海关|机场|光源|理工|师范|医院|中学|小学|市场|中心|平台|基地|交易)/;

// Areas named after a place are not the place: 武汉都市圈 spans cities, 东湖高新区 is inside one.
const METRO = /^[\u4e00-\u9fff]{0,3}?(?:都市圈|城市圈|城市群|经济圈|经济带)/;
const ZONE = /^[^\s,;:。、的和与及是在有增建]{0,10}?(?:新区|片区|园区|开发区|高新区|自贸区|自创区|示范区|城区)/;

/** Finds the place names of text that refer to a region (not to a university, lab or paper). */
export function findRegionMentions(text: string, from = 0, to = text.length): RegionMention[] {
  const re = compile();
  const out: RegionMention[] = [];
  const s = text.slice(from, to);
  re.lastIndex = 0;
  for (let found = re.exec(s); found; found = re.exec(s)) {
    const m = { index: from + found.index, 0: found[0] };
    const end = m.index + m[0].length;
    const prev = text[m.index - 1];
    if (prev === '(' || prev === '（') continue;
    if (INSTITUTION.test(text.slice(end, end + 8))) continue;
    // 《中国区域科技创新评价报告》: a title, not a place.
    // Looked for 60 characters back: no title is longer, and a text of many places stays linear.
    const lead = text.slice(Math.max(from, m.index - 60), m.index);
    if (lead.lastIndexOf('《') > lead.lastIndexOf('》')) continue;
    const after = text.slice(end, end + 14);
    const area = METRO.test(after) ? 'metro' : ZONE.test(after) ? 'zone' : undefined;
    out.push({ start: m.index, end, region: byName!.get(m[0])!, ...(area ? { area } : {}) });
  }
  return out;
}
