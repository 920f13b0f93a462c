import type { Measure, Period } from '../../src/lib/types.ts';
import { findNumbers } from '../numbers/numbers.ts';
import { CLAUSE_BOUNDARY, lastBoundary, nextBoundary, REACH, type NumberContext, type SentenceContext } from './context.ts';
import { fits, fundingIndicator, indicatorOf, listEndingAt, residue, umbrellaOf, type AliasHit } from './rules/indicator.ts';
import { endingIn, within } from './spans.ts';
import { insertedWords, otherHead, partRule } from './rules/parts.ts';

/** A figure already read in the sentence, for the numbers after it that name nothing of their own. */
export interface Previous { indicator: string; measure: Measure; period: Period; label: string; end: number }

/** What a number counts, whether it took that from a figure before it, and the phrase that named it. */
export interface Counted {
  indicator: string;
  inherited: boolean;
  hit: AliasHit | undefined;
  /** The phrase stands right after the number (28家国家重点实验室). */
  rightHit: boolean;
  from?: Previous;
}

// Words after a number that do not start a noun of its own (33.8亿元增加到…, 8485家,已超过…).
export const NOT_NOUN_START = /^(?:增加|增长|增至|增幅|增速|提高|提升|下降|减少|达到|达|较|比|同比|的|位居|居|占|是|为|分别|和|与|及|左右|以上|多|余|其中|年均|已|均|实现|排名|排|位列)/;

// How much unrelated wording may stand between a catalog phrase and its number.
const MAX_GAP_RESIDUE = 3;

const none = (): Counted => ({ indicator: 'other', inherited: false, hit: undefined, rightHit: false });

/** How many numbers follow 分别 in its clause, within the sentence (counted once per 分别). */
function countAfter(c: SentenceContext, from: number, to: number, end: number): number {
  const known = c.after.get(from);
  if (known !== undefined) return known;
  const count = findNumbers(c.text, from, nextBoundary(c.text, Math.max(to, end), c.s.end, /[,;。]/)).length;
  c.after.set(from, count);
  return count;
}

/** The catalog phrase (or `other`) that the counted noun phrase around a number names. */
function countedPhrase(c: SentenceContext, n: NumberContext, prev: Previous[]): Counted {
  const { text, s, aliases } = c;
  const { m, seg, rightNoun, segStart, segEnd } = n;
  const previous = prev[prev.length - 1];
  // 较上年增加2083家, 12家国家高新区中9家: a difference or a part, not the indicator itself.
  if (m.unit !== 'percent' && (/(?:较|比)上?年?(?:增加|减少|净增)$/.test(seg) || /中$/.test(seg))) return none();
  // 较上年分别增长30.8%、31.2%: the k numbers after 分别 belong to the k figures before it.
  const resp = text.slice(n.clauseStart, m.start).lastIndexOf('分别');
  if (resp >= 0 && prev.length && residue(seg.replace(/^.*分别/, '')).length <= 1) {
    const k = countAfter(c, n.clauseStart + resp, segEnd, m.end);
    // Figures already read after 分别 are not among those it refers back to.
    const target = prev[prev.length - k];
    if (k > 1 && target) return { indicator: target.indicator, inherited: true, hit: undefined, rightHit: false, from: target };
  }
  const rightHit = /^[\u4e00-\u9fff“"]/.test(rightNoun) && !/^(?:的|左右|以上|之|分别|较|比|同比|增长|位居|居)/.test(rightNoun)
    ? within(aliases, m.end, segEnd).find((a) => a.start <= m.end + 6) : undefined;
  if (rightHit) return { indicator: rightHit.indicator, inherited: false, hit: rightHit, rightHit: true };

  // The nearest phrase before the number in its segment, not the denominator after 占.
  // 占GDP的比重, 相当于全省生产总值的2.3%: what comes after names the whole, not the counted thing.
  const shareCut = Math.max(seg.lastIndexOf('占'), seg.lastIndexOf('相当于'));
  const leftLimit = shareCut >= 0 ? segStart + shareCut : m.start;
  // A share is the indicator's when it is of GDP (研发投入占GDP比重) or of the indicator's own
  // whole (科学技术支出占一般公共预算支出), or a named region's share of the whole around it
  // (宜昌高新技术企业占全省的12%); any other share is `other` (中心城区R&D经费投入占全市的61.20%).
  const denominator = seg.slice(shareCut);
  const ownShare = (id: string) => new RegExp(`GDP|生产总值${indicatorOf(id)?.shareOf ? `|${indicatorOf(id)!.shareOf}` : ''}`).test(denominator);
  // The indicator the share is of: a phrase before 占 in the segment, else the figure before (科学技术支出98亿元,占…2.0%).
  const whole = endingIn(aliases, segStart, segStart + Math.max(shareCut, 0)).pop()?.indicator ?? previous?.indicator;
  if (shareCut >= 0 && m.unit === 'percent' && !(whole && ownShare(whole)) && !/GDP|生产总值/.test(denominator)) {
    const named = within(c.subjects, n.clauseStart, segStart + shareCut).some((r) => !r.area);
    if (!(named && /全(?:市|省|国)/.test(seg.slice(shareCut)))) return none();
  }
  // A phrase that ends inside the segment counts even if a bracket split it: 研究与试验发展(R&D)经费.
  const before = endingIn(aliases, segStart, leftLimit);
  const near = before[before.length - 1];
  if (near) {
    // 先进制造领域技术合同成交额: the indicator's part in one field is `other`.
    if (partRule(text.slice(segStart, near.start), !!indicatorOf(near.indicator)?.performed)) return none();
    // 投入强度提高0.48个百分点: a change of a ratio in points is a figure of its own, not the indicator.
    if (m.kind === 'points' && /强度|比重|占比/.test(text.slice(near.start, near.end))) return none();
    const gap = residue(text.slice(near.end, leftLimit));
    if ((gap.length <= MAX_GAP_RESIDUE && !otherHead(gap)) || insertedWords(gap)) return { indicator: near.indicator, inherited: false, hit: near, rightHit: false };
    return none();
  }

  const own = residue(shareCut >= 0 ? seg.slice(0, shareCut) : seg);
  const ownNoun = /^[\u4e00-\u9fff]/.test(rightNoun) && !NOT_NOUN_START.test(rightNoun);
  const follows = m.kind === 'rank' || m.kind === 'doubling' || m.kind === 'points' || own.length <= 1;
  if (previous && follows && !ownNoun && (m.kind !== 'points' || previous.measure === 'amount')) {
    let indicator = previous.indicator;
    const ind = indicatorOf(indicator);
    if (ind?.national && /国家/.test(seg)) indicator = ind.national;
    return { indicator, inherited: true, hit: undefined, rightHit: false, from: previous };
  }
  // 纳入国家重大科技基础设施规划,力争立项1-2个: a bare number about the phrase named before it.
  if (!ownNoun && own.length <= 2 && m.kind !== 'points') {
    const floor = Math.max(previous ? previous.end : s.start, m.start - REACH);
    const back = within(aliases, floor, segStart);
    const last = back[back.length - 1];
    if (last) {
      // 国家…创新中心、国家…创新中心等科技创新平台建设申报,争取获批1-2家: national kinds make national platforms.
      const national = indicatorOf(last.indicator)?.national;
      const lead = text.slice(lastBoundary(text, s.start, last.start, /[;。]/), last.start);
      const indicator = national && /等$/.test(lead) && /国家/.test(lead) ? national : last.indicator;
      return { indicator, inherited: true, hit: last, rightHit: false };
    }
  }
  // 荣获800万元(人民币,下同)奖励: the words after the number, an aside in brackets left out.
  const after = text.slice(m.end, Math.min(s.end, m.end + 24)).replace(/^[(（][^()（）]*[)）]/, '');
  const funding = m.unit === 'CNY' ? fundingIndicator(seg.replace(/(?:近|超|约|超过|突破)$/, ''), after) : null;
  return funding ? { indicator: funding, inherited: false, hit: undefined, rightHit: false } : none();
}

/**
 * What a number counts: the phrase its noun phrase names, unless it shares the
 * number with a list of kinds, the unit or measure cannot be that indicator's,
 * or it is applied for rather than held.
 */
export function whatItCounts(c: SentenceContext, n: NumberContext, prev: Previous[], measure: Measure): Counted {
  const found = countedPhrase(c, n, prev);
  const { text, numbers, aliases } = c;
  const { m } = n;
  const { hit } = found;
  let { indicator } = found;
  // 新增省级以上孵化器、众创空间30家: a number shared by a list of kinds is none of them,
  // unless they are all national labs and platforms.
  if (!found.rightHit && hit) {
    const list = listEndingAt(text, within(aliases, m.start - REACH, hit.end), hit);
    if (list.length > 1 && !numbers.some((x) => x.start >= list[0].start && x.end <= hit.start)) indicator = umbrellaOf(text, list);
  }
  if (indicator !== 'other' && !fits(indicator, m.unit, measure)) indicator = 'other';
  // 申报…高新技术企业: enterprises applying, not those recognised.
  const applied = indicatorOf(indicator)?.applied;
  if (applied && /申报/.test(text.slice(lastBoundary(text, Math.max(c.s.start, m.start - REACH), m.start, CLAUSE_BOUNDARY), hit ? hit.start : m.start))) indicator = applied;
  return { ...found, indicator };
}
