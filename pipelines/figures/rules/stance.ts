import type { Stance } from '../../../src/lib/types.ts';

const MARKERS: Array<[RegExp, Stance]> = [
  [/预计|有望|预期(?!目标)|预估/g, 'expected'],
  [/力争|(?<!累计|已|共|成功)争取|(?<=主要|预期|工作|总体|发展)目标|目标(?=[:是为到]|20\d\d|\d)|确保|计划(?=[新建到实达完引培组推使在])|(?<![截升增长高跃降少提])(?:到|至)(20\d\d)年|届时|展望|下一步|(?<![重主需只必纲提概不])要(?=[新建实达在培引推])|将(?=[新建实达在培引推组力持加])/g, 'target'],
  [/已经|已|截至|截止|去年|过去|以来|期间|目前|现有|现已|近年来|实现了|达到了|完成了/g, 'actual'],
];

/** The stance words of a text, each with its position. */
export function stanceMarkers(text: string, from: number, to: number, refYear: number | null): StanceMarker[] {
  const s = text.slice(from, to);
  const out: StanceMarker[] = [];
  for (const [re, stance] of MARKERS) {
    re.lastIndex = 0;
    for (const m of s.matchAll(re)) {
      // 从2012年的…增加到2021年的…: a past year reached is not a goal.
      if (m[1] && refYear !== null && Number(m[1]) < refYear) continue;
      const at = from + m.index + m[0].length;
      // 预计 speaks for its own clause; goals run on to the end of the sentence.
      const until = stance === 'expected' ? clauseEnd(text, at, to) : to;
      out.push({ at, until, stance });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function clauseEnd(text: string, at: number, to: number): number {
  for (let i = at; i < to; i++) if (text[i] === ',' || text[i] === ';') return i;
  return to;
}

/** A stance word, where its sway starts and ends. */
export interface StanceMarker { at: number; until: number; stance: Stance }

/** The stance of a number at `at`: the nearest stance word before it, else the fallback. */
export function stanceAt(markers: StanceMarker[], at: number, fallback: Stance): { stance: Stance; explicit: boolean } {
  let found: Stance | null = null;
  for (const m of markers) if (m.at <= at && at < m.until) found = m.stance;
  return found ? { stance: found, explicit: true } : { stance: fallback, explicit: false };
}
