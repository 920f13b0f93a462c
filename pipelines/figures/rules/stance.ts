import type { Stance } from '../../../src/lib/types.ts';

/** A named stance rule: the words that say a figure is a forecast, a goal or a fact. */
export interface StanceRule {
  name: string;
  /** A global regex; a capture group 1, when present, is a year that must not be past. */
  when: RegExp;
  then: Stance;
  /** An invented sentence and the quote of a number the rule gives `then`. */
  example: { text: string; quote: string };
}

/** Stance rules; of the words before a number, the nearest whose reach covers it wins. */
export const STANCE_RULES: StanceRule[] = [
  { name: 'forecast', when: /预计|预测|有望|预期(?!目标)|预估/g, then: 'expected',
    example: { text: '2031年全市技术合同成交额预计达到900亿元。', quote: '900亿元' } },
  { name: 'striving for a goal', when: /力争|(?<!累计|已|共|成功)争取|确保/g, then: 'target',
    example: { text: '2031年,全市力争新增高新技术企业300家。', quote: '300家' } },
  { name: 'a named goal', when: /(?<=主要|预期|工作|总体|发展)目标|目标(?=[:是为到]|20\d\d|\d)/g, then: 'target',
    example: { text: '发展目标:全市研发投入强度达到3.5%。', quote: '3.5%' } },
  { name: 'a plan to act', when: /计划(?=[新建到实达完引培组推使在])|届时|展望|下一步|(?<![重主需只必纲提概不])要(?=[新建实达在培引推])|将(?=[新建实达在培引推组力持加])/g, then: 'target',
    example: { text: '2031年,全市将新建众创空间20家。', quote: '20家' } },
  { name: 'a year still to reach', when: /(?<![截升增长高跃降少提])(?:到|至)(20\d\d)年/g, then: 'target',
    example: { text: '到2099年,全市国家高新区达到12家。', quote: '12家' } },
  { name: 'a fact said as done or held', when: /已经|已|截至|截止|去年|过去|以来|期间|目前|现有|现已|近年来|实现了|达到了|完成了/g, then: 'actual',
    example: { text: '某市科技创新行动方案\n全市已建成众创空间45家。', quote: '45家' } },
];

// A later clause that starts with a verb or a comparison goes on about the forecast's subject (预计…超过2.1万亿元,增长5%以上).
const SAME_SUBJECT = /^(?:增长|同比|较|比|占|提高|提升|下降|年均|增速|增幅)/;

/** The stance words of a text, each with its position. */
export function stanceMarkers(text: string, from: number, to: number, refYear: number | null): StanceMarker[] {
  const s = text.slice(from, to);
  const out: StanceMarker[] = [];
  for (const { when: re, then: stance } of STANCE_RULES) {
    re.lastIndex = 0;
    for (const m of s.matchAll(re)) {
      // 从2012年的…增加到2021年的…: a past year reached is not a goal.
      if (m[1] && refYear !== null && Number(m[1]) < refYear) continue;
      const at = from + m.index + m[0].length;
      // 预计 speaks for its own clause and the clauses that go on about its subject; goals run on to the end of the sentence.
      const until = stance === 'expected' ? forecastEnd(text, at, to) : to;
      out.push({ at, until, stance });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

// How far a forecast may reach: a bound that keeps a sentence of many forecasts linear.
const FORECAST_REACH = 200;

function forecastEnd(text: string, at: number, to: number): number {
  const end = Math.min(to, at + FORECAST_REACH);
  for (let i = at; i < end; i++) {
    if (text[i] === ';') return i;
    if (text[i] === ',' && !SAME_SUBJECT.test(text.slice(i + 1, i + 4))) return i;
  }
  return end;
}

/** A stance word, where its sway starts and ends. */
export interface StanceMarker { at: number; until: number; stance: Stance }

/** The stance of a number at `at`: the nearest stance word before it, else the fallback. */
export function stanceAt(markers: StanceMarker[], at: number, fallback: Stance): { stance: Stance; explicit: boolean } {
  // Markers are sorted by where they start: the last one before `at` whose reach covers it wins.
  // A bounded look back keeps a sentence of thousands of stance words linear.
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid].at <= at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= Math.max(0, lo - LOOK_BACK); i--) {
    if (at < markers[i].until) return { stance: markers[i].stance, explicit: true };
  }
  return { stance: fallback, explicit: false };
}

const LOOK_BACK = 64;
