import type { Stance } from '../../src/lib/types.ts';

const MARKERS: Array<[RegExp, Stance]> = [
  [/预计|有望|预期(?!目标)|预估/g, 'expected'],
  [/力争|争取|目标|确保|计划(?=[新建到实达完引培组推使在])|到20\d\d年|届时|展望|下一步|(?<![重主需只必纲提概不])要(?=[新建实达在培引推])|将(?=[新建实达在培引推组力持加])/g, 'target'],
  [/已经|已|截至|截止|去年|过去|以来|期间|目前|现有|现已|近年来|实现了|达到了|完成了/g, 'actual'],
];

/** The stance words of a text, each with its position. */
export function stanceMarkers(text: string, from: number, to: number): Array<{ at: number; stance: Stance }> {
  const s = text.slice(from, to);
  const out: Array<{ at: number; stance: Stance }> = [];
  for (const [re, stance] of MARKERS) {
    re.lastIndex = 0;
    for (const m of s.matchAll(re)) out.push({ at: from + m.index + m[0].length, stance });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The stance of a number at `at`: the nearest stance word before it, else the fallback. */
export function stanceAt(markers: Array<{ at: number; stance: Stance }>, at: number, fallback: Stance): { stance: Stance; explicit: boolean } {
  let found: Stance | null = null;
  for (const m of markers) if (m.at <= at) found = m.stance;
  return found ? { stance: found, explicit: true } : { stance: fallback, explicit: false };
}
