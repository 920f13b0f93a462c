import { regions, type Region } from './catalog/regions.ts';

/** A place name found in text. */
export interface RegionMention {
  start: number;
  end: number;
  region: Region;
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

// A place name stands alone when what follows it is a suffix, a particle or punctuation;
// 武汉大学, 武汉东湖新技术开发区, 湖北日报 and 中国地质大学(武汉) are names of other things.
const SUFFIX = /^(?:省|市|地区|地方|全省|全市|全域|城市圈|都市圈|区域)/;
const FOLLOW = new Set([...',，、;；。:：的有和与及(（在将已共从等对为也']);

/** Finds the place names of text that refer to a region (not to a university, lab or paper). */
export function findRegionMentions(text: string, from = 0, to = text.length): RegionMention[] {
  const re = compile();
  const out: RegionMention[] = [];
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const end = m.index + m[0].length;
    const next = text[end];
    const prev = text[m.index - 1];
    if (prev === '(' || prev === '（') continue;
    if (next !== undefined && next !== '\n' && !FOLLOW.has(next) && !SUFFIX.test(text.slice(end, end + 3))) continue;
    out.push({ start: m.index, end, region: byName!.get(m[0])! });
  }
  return out;
}
