import type { Measure, Period, Stance } from '../../src/lib/types.ts';
import type { Metadata } from '../metadata/metadata.ts';
import type { Sentence } from '../sentences/sentences.ts';
import type { NumberContext, SentenceContext } from './context.ts';
import type { Previous } from './counted.ts';
import { stocks } from './rules/measure.ts';
import { stanceAt } from './rules/stance.ts';
import { markerFor, periodOf, type TimeMarker } from './rules/time.ts';
import { documentScopes, scopeStance, scopeTime, type Scope } from './structure.ts';

/** When a figure is of, and whether it is a fact, a goal or a forecast. */
export interface When {
  year: number | null;
  period: Period;
  stance: Stance;
  /** The year came from a rule or the document's date, not from the sentence. */
  yearInferred: boolean;
}

// A number a change starts from (由第8位, 从52%) and the change that follows it (提升到第7位).
const FROM_BEFORE = /(?:由|从)(?:全国|全省|全市|全球|世界|西部|中部|东部)?$/;
// The words just before the value a change reaches: 增至10196.5亿元, 提高到1.99%.
const CHANGED_TO = /(?:(?:增|提升|提高|上升|跃升|攀升|增加|增长|升|降|下降|减少|扩大|缩小)(?:到|至)|跃居|跃升)[^,;。\d]{0,3}$/;
const CHANGE_TO = /^[^,;。]{0,4}?(?:(?:增|提升|提高|上升|跃升|攀升|增加|增长|升|降|下降|减少|扩大|缩小)(?:到|至)|跃居|跃升|攀升)/;

/**
 * The time of a document as its reader follows it: the scopes of its headline,
 * headings and paragraphs, the time a sentence carries into the rest of its
 * paragraph, and where the text turns to what comes next (下一步).
 */
export class DocumentTime {
  private readonly scopes: Scope[][];
  private readonly planYear: number | null;
  private line = -1;
  private lineTime: TimeMarker | null = null;
  private lastTime: TimeMarker | null = null;
  private futureFrom = -1;
  /** The sentence being read: its index, and the time a 其中 sentence carries from the one before. */
  private si = -1;
  private carried: TimeMarker | null = null;
  private opening: TimeMarker | undefined;
  /** The paragraph so far speaks of what is held now (目前, 现有): what it says was built up is a stock. */
  held = false;

  constructor(private readonly text: string, sentences: Sentence[], private readonly meta: Metadata) {
    this.scopes = documentScopes(text, sentences, meta.title, meta.currentYear);
    const titleYear = Number(/((?:19|20)\d\d)年/.exec(meta.title)?.[1] ?? NaN);
    this.planYear = Number.isFinite(titleYear) ? titleYear : meta.currentYear;
  }

  /** Moves to the next sentence, with its time phrases. */
  enter(si: number, s: Sentence, times: TimeMarker[]): void {
    if (s.line !== this.line) {
      this.line = s.line;
      this.futureFrom = -1;
      this.lineTime = null;
      this.held = false;
    }
    this.si = si;
    const sentence = this.text.slice(s.start, s.end);
    if (stocks(sentence)) this.held = true;
    const nextStep = sentence.indexOf('下一步');
    if (nextStep >= 0 && this.futureFrom < 0) this.futureFrom = s.start + nextStep;
    // 目前,全市已培育企业6725家。其中,高新技术企业2027家: 其中 goes on with the sentence before.
    this.carried = /^其中/.test(sentence) && !times.length ? this.lastTime : null;
    this.lastTime = times.filter((t) => t.scope === 'forward' && !t.base && !t.named && t.year !== null).pop() ?? this.carried;
    // 2022年,共完成…。精准组织实施…: a sentence's explicit year dates the rest of its paragraph.
    this.opening = times.filter((t) => t.scope === 'forward' && !t.base && t.year !== null && !t.span && !t.relative && !t.named).pop();
  }

  /** Leaves the sentence: an explicit year it opened goes on to the rest of the paragraph. */
  leave(): void {
    if (this.opening) this.lineTime = this.opening;
  }

  /** The year, period and stance of one number of the current sentence. */
  of(c: SentenceContext, n: NumberContext, measure: Measure, previous: Previous | undefined, rightHit: boolean): When {
    const { text, s, times, stances } = c;
    const { m } = n;
    const { meta } = this;
    const ref = meta.currentYear;
    const own = markerFor(times, m.start, text);
    const scoped = own ? null : this.carried ?? this.lineTime ?? scopeTime(this.scopes[this.si]);
    const sectionStance = scopeStance(this.scopes[this.si]);
    const explicit = stanceAt(stances, m.start, meta.isPlan ? 'target' : 'actual');
    let stance = explicit.stance;
    if (!explicit.explicit && (sectionStance === 'target' || (this.futureFrom >= 0 && m.start > this.futureFrom))) stance = 'target';
    // In a plan, "推动28家国家重点实验室优化调整" speaks of labs that exist.
    if (!explicit.explicit && meta.isPlan && rightHit && measure === 'total' && m.qualifier === 'exact') stance = 'actual';
    // 2020年全市科技型企业达到2万家, written in 2018: a year still to come is a goal.
    if (!explicit.explicit && stance === 'actual' && own?.year != null && !own.relative && !own.span && !own.named && ref !== null && own.year > ref) stance = 'target';
    // 2024年,全市高新技术企业达到1.66万家 in a plan for 2025—2027: a past year is a fact.
    const said = own ?? scoped;
    if (!explicit.explicit && stance === 'target' && said?.year != null && ref !== null && said.year < ref && !said.relative) stance = 'actual';
    // 近年来,…一是…力争新增10家以上: a past span above a goal does not date the goal.
    const marker = own ?? (scoped && (stance === 'actual' || scoped.year === null || ref === null || scoped.year >= ref) ? scoped : null);
    let year: number | null;
    let yearInferred = false;
    if (marker && marker.year !== null) {
      year = marker.year;
      yearInferred = marker.relative;
    } else {
      yearInferred = true;
      if (stance !== 'actual') year = this.planYear;
      else if (meta.isPlan && sectionStance !== 'actual') year = this.planYear;
      else year = ref === null ? null : ref - 1;
    }
    // 较2021年同比增长69.96% in 2022 is a year's growth; 较2016年增长238.2% in 2019 spans years.
    const bases = times.filter((t) => t.base && t.year !== null && t.start < m.start);
    const overYears = c.base && !(bases.length && year !== null && bases.every((b) => year! - b.year! <= 1));
    let period: Period = measure === 'rank' && previous ? (previous.period === 'as_of' ? 'as_of' : 'year')
      : periodOf(measure, marker, marker ? marker.h1 : false, overYears && measure === 'growth_rate');
    // 由A增至B: A is dated where the change starts: the first year of its span
    // (2017—2021年,由A增至B), else the year before B's (2019年…由第8位提升到第7位).
    const start = FROM_BEFORE.test(text.slice(Math.max(s.start, m.start - 8), m.start)) && CHANGE_TO.test(text.slice(m.end, n.segEnd + 12));
    if (year !== null && stance === 'actual' && start) {
      const spans = [...times.filter((t) => t.start < m.start && t.scope === 'forward'), ...(own ? [] : [scoped])].filter((t) => t?.span && t.first != null);
      const span = spans[spans.length - 1];
      year = span?.first ?? year - 1;
      yearInferred = !span || span.relative;
    }
    const clause = text.slice(n.clauseStart, m.start);
    // 每年新增3000家以上: a yearly figure over a span is one year's.
    if (period === 'multi_year' && /每年/.test(clause) && measure !== 'growth_rate') period = 'year';
    // 实现三年翻番, 连续五年翻番: a doubling said over years spans them; 较去年翻番 is a year's.
    if (m.kind === 'doubling') period = /[\d一二三四五六七八九十两]+年|连续/.test(clause + text.slice(m.start, m.end)) ? 'multi_year' : 'year';
    // 到2027年,组建实验室15家: what a plan adds by a year still to come is added over the years until then.
    if (stance === 'target' && own && !own.span && own.year !== null && ref !== null && own.year > ref
      && /(?:到|至)$/.test(text.slice(Math.max(s.start, own.start - 1), own.start)) && (measure === 'new' || measure === 'amount')) period = 'multi_year';
    // Both ends of a change are values at a point, not over its span.
    if ((start || CHANGED_TO.test(text.slice(Math.max(s.start, m.start - 6), m.start))) && period === 'multi_year' && measure !== 'growth_rate') {
      period = measure === 'total' ? 'as_of' : 'year';
    }
    return { year, period, stance, yearInferred };
  }
}
