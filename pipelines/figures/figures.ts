import type { FigureRow, Measure, Period } from '../../src/lib/types.ts';
import type { Metadata } from '../metadata/metadata.ts';
import { findNumbers, type NumberMention } from '../numbers/numbers.ts';
import { findRegionMentions, type RegionMention } from './region-mentions.ts';
import { findAliases, fits, fundingIndicator, indicatorOf, labelFor, listEndingAt, residue, umbrellaOf, type AliasHit } from './rules/indicator.ts';
import { measureOf } from './rules/measure.ts';
import { regionFor, respectivelyRegions, subjectRegions } from './rules/region.ts';
import { insertedWords, modifierRule, otherHead, partRule } from './rules/parts.ts';
import { stanceAt, stanceMarkers } from './rules/stance.ts';
import { findTimeMarkers, hasBase, markerFor, periodOf, type TimeMarker } from './rules/time.ts';
import { documentScopes, scopeStance, scopeTime } from './structure.ts';
import type { Sentence } from '../sentences/sentences.ts';

/** A figure with its spans in normalised text; the run maps them to raw text. */
export interface Figure extends Pick<FigureRow, 'indicator' | 'label' | 'region' | 'year' | 'period' | 'stance' | 'measure'
  | 'value' | 'unit' | 'qualifier' | 'confidence' | 'year_inferred'> {
  start: number;
  end: number;
  sentence: Sentence;
}

/** What the figure stage reads of a document. */
export interface FigureInput {
  text: string;
  /** 1 where the clean stage set text aside: nothing there yields a figure. */
  setAside: Uint8Array;
  sentences: Sentence[];
  meta: Metadata;
}

const SEG_BOUNDARY = /[,;:、()（）●]/;
// A number a change starts from (由第8位, 从52%) and the change that follows it (提升到第7位).
const FROM_BEFORE = /(?:由|从)(?:全国|全省|全市|全球|世界|西部|中部|东部)?$/;
const CHANGE_TO = /^[^,;。]{0,4}?(?:(?:增|提升|提高|上升|跃升|攀升|增加|增长|升|降|下降|减少|扩大|缩小)(?:到|至)|跃居|跃升|攀升)/;
const CLAUSE_BOUNDARY = /[,;:]/;
// Economy-wide figures that are not about science & technology.
const OFF_TOPIC = /(?<!占(?:全省|全市|全国)?)(?:地区生产总值|GDP)|固定资产投资|社会消费品零售|一般公共预算收入|可支配收入|岗位|招聘|常住人口|经济实力|经济总量|市场主体|企业总量|金融中心|(?:全部|固定资产|高技术|工业|民间|制造业|服务业)投资/;

/** The index after the last character matching `re` in text[from, at), or `from`. */
export function lastBoundary(text: string, from: number, at: number, re: RegExp): number {
  for (let i = at - 1; i >= from; i--) if (re.test(text[i])) return i + 1;
  return from;
}

function nextBoundary(text: string, at: number, to: number, re: RegExp): number {
  for (let i = at; i < to; i++) if (re.test(text[i])) return i;
  return to;
}

// Words after a number that do not start a noun of its own (33.8亿元增加到…, 8485家,已超过…).
const NOT_NOUN_START = /^(?:增加|增长|增至|增幅|增速|提高|提升|下降|减少|达到|达|较|比|同比|的|位居|居|占|是|为|分别|和|与|及|左右|以上|多|余|其中|年均|已|均|实现|排名|排|位列)/;

// How much unrelated wording may stand between a catalog phrase and its number.
const MAX_GAP_RESIDUE = 3;

interface Previous { indicator: string; measure: Measure; period: Period; label: string; end: number }

/** What a number counts: the catalog indicator (or `other`) and whether it was inherited. */
function indicatorFor(
  text: string, s: Sentence, m: NumberMention, aliases: AliasHit[], prev: Previous[],
  segStart: number, segEnd: number, measure: Measure, places: RegionMention[],
): { indicator: string; inherited: boolean; hit: AliasHit | undefined; rightHit: boolean; from?: Previous } {
  const seg = text.slice(segStart, m.start);
  const rightNoun = text.slice(m.end, segEnd);
  const previous = prev[prev.length - 1];
  // 较上年增加2083家, 12家国家高新区中9家: a difference or a part, not the indicator itself.
  if (m.unit !== 'percent' && (/(?:较|比)上?年?(?:增加|减少|净增)$/.test(seg) || /中$/.test(seg))) {
    return { indicator: 'other', inherited: false, hit: undefined, rightHit: false };
  }
  // 较上年分别增长30.8%、31.2%: the k numbers after 分别 belong to the k figures before it.
  const clauseStart = lastBoundary(text, s.start, m.start, CLAUSE_BOUNDARY);
  const resp = text.slice(clauseStart, m.start).lastIndexOf('分别');
  if (resp >= 0 && prev.length && residue(seg.replace(/^.*分别/, '')).length <= 1) {
    const after = findNumbersAfter(text, clauseStart + resp, segEnd, m);
    const k = after.count;
    // Figures already read after 分别 are not among those it refers back to.
    const target = prev[prev.length - k];
    if (k > 1 && target) return { indicator: target.indicator, inherited: true, hit: undefined, rightHit: false, from: target };
  }
  const rightHit = /^[\u4e00-\u9fff“"]/.test(rightNoun) && !/^(?:的|左右|以上|之|分别|较|比|同比|增长|位居|居)/.test(rightNoun)
    ? aliases.find((a) => a.start >= m.end && a.start <= m.end + 6 && a.end <= segEnd) : undefined;
  if (rightHit) return { indicator: rightHit.indicator, inherited: false, hit: rightHit, rightHit: true };

  // The nearest phrase before the number in its segment, not the denominator after 占.
  const shareCut = seg.lastIndexOf('占');
  const leftLimit = shareCut >= 0 ? segStart + shareCut : m.start;
  // A share is the indicator's when it is of GDP (研发投入占GDP比重), or a named region's
  // share of the whole around it (宜昌高新技术企业占全省的12%); any other share is `other`
  // (中心城区R&D经费投入占全市的61.20%, 高新技术企业占规上工业企业的35%).
  const denominator = seg.slice(shareCut);
  const ownShare = (id: string) => new RegExp(`GDP|生产总值${indicatorOf(id)?.shareOf ? `|${indicatorOf(id)!.shareOf}` : ''}`).test(denominator);
  // The indicator the share is of: a phrase before 占 in the segment, else the figure before (科学技术支出98亿元,占…2.0%).
  const whole = aliases.filter((a) => a.end > segStart && a.end <= segStart + Math.max(shareCut, 0)).pop()?.indicator ?? previous?.indicator;
  if (shareCut >= 0 && m.unit === 'percent' && !(whole && ownShare(whole)) && !/GDP|生产总值/.test(denominator)) {
    const clauseStart = lastBoundary(text, s.start, m.start, CLAUSE_BOUNDARY);
    const named = places.some((r) => r.start >= clauseStart && r.end <= segStart + shareCut && !r.area);
    if (!(named && /全(?:市|省|国)/.test(seg.slice(shareCut)))) return { indicator: 'other', inherited: false, hit: undefined, rightHit: false };
  }
  // A phrase that ends inside the segment counts even if a bracket split it: 研究与试验发展(R&D)经费.
  const before = aliases.filter((a) => a.end > segStart && a.end <= leftLimit);
  const near = before[before.length - 1];
  // 先进制造领域技术合同成交额: the indicator's part in one field is `other`.
  if (near && partRule(text.slice(segStart, near.start), !!indicatorOf(near.indicator)?.performed)) return { indicator: 'other', inherited: false, hit: undefined, rightHit: false };
  const gap = near ? residue(text.slice(near.end, leftLimit)) : '';
  // 投入强度提高0.48个百分点: a change of a ratio in points is a figure of its own (other), not the indicator.
  if (near && m.kind === 'points' && /强度|比重|占比/.test(text.slice(near.start, near.end))) return { indicator: 'other', inherited: false, hit: undefined, rightHit: false };
  if (near && ((gap.length <= MAX_GAP_RESIDUE && !otherHead(gap)) || insertedWords(gap))) return { indicator: near.indicator, inherited: false, hit: near, rightHit: false };
  if (near) return { indicator: 'other', inherited: false, hit: undefined, rightHit: false };

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
    const floor = previous ? previous.end : s.start;
    const back = aliases.filter((a) => a.start >= floor && a.end <= segStart);
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
  if (funding) return { indicator: funding, inherited: false, hit: undefined, rightHit: false };
  void measure;
  return { indicator: 'other', inherited: false, hit: undefined, rightHit: false };
}

/** How many numbers follow 分别 in the clause, and which of them `m` is. */
function findNumbersAfter(text: string, from: number, to: number, m: NumberMention): { count: number; index: number } {
  const end = Math.max(to, m.end);
  const found = findNumbers(text, from, nextBoundary(text, end, text.length, /[,;。]/));
  return { count: found.length, index: Math.max(0, found.findIndex((n) => n.start === m.start)) };
}

/**
 * Reads every figure of a document: for each number, what it counts (indicator
 * and label), where (region), when (year, period), whether it is a fact or a goal
 * (stance), and what kind of quantity it is (measure).
 */
export function extractFigures(input: FigureInput): Figure[] {
  const { text, setAside, sentences, meta } = input;
  const out: Figure[] = [];
  const ref = meta.currentYear;
  const titleYear = Number(/((?:19|20)\d\d)年/.exec(meta.title)?.[1] ?? NaN);
  const planYear = Number.isFinite(titleYear) ? titleYear : ref;
  const scopes = documentScopes(text, sentences, meta.title, ref);
  let futureLineOnlyFrom = -1;
  let currentLine = -1;
  let lineTime: TimeMarker | null = null;
  let lastTime: TimeMarker | null = null;

  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    if (s.line !== currentLine) {
      currentLine = s.line;
      futureLineOnlyFrom = -1;
      lineTime = null;
    }
    const sentenceText = text.slice(s.start, s.end);
    const nextStep = sentenceText.indexOf('下一步');
    if (nextStep >= 0 && futureLineOnlyFrom < 0) futureLineOnlyFrom = s.start + nextStep;
    const times = findTimeMarkers(text, s.start, s.end, ref);
    // 目前,全市已培育企业6725家。其中,高新技术企业2027家: 其中 goes on with the sentence before.
    const carried: TimeMarker | null = /^其中/.test(sentenceText) && !times.length ? lastTime : null;
    lastTime = times.filter((t) => t.scope === 'forward' && !t.base && !t.named && t.year !== null).pop() ?? carried;
    // 2022年,共完成…。精准组织实施…: a sentence's explicit year dates the rest of its paragraph.
    const opening = times.filter((t) => t.scope === 'forward' && !t.base && t.year !== null && !t.span && !t.relative && !t.named).pop();

    const numbers = findNumbers(text, s.start, s.end).filter((n) => !setAside[n.start] && !setAside[n.end - 1]
      && !modifierRule(text.slice(Math.max(s.start, n.start - 12), n.start), text.slice(n.start, n.end), text.slice(n.end, Math.min(s.end, n.end + 20))));
    if (numbers.length === 0) {
      if (opening) lineTime = opening;
      continue;
    }
    const allRegions = findRegionMentions(text, s.start, s.end).filter((r) => !setAside[r.start]);
    const regions = subjectRegions(text, s, allRegions);
    const respectively = respectivelyRegions(text, s, allRegions, numbers);
    const stances = stanceMarkers(text, s.start, s.end, ref);
    const base = hasBase(times, text);
    const aliases = findAliases(text, s.start, s.end);
    const prev: Previous[] = [];
    const offTopicSentence = OFF_TOPIC.test(sentenceText) && !aliases.some((a) => a.indicator !== 'other');

    numbers.forEach((m, nth) => {
      const segStart = lastBoundary(text, s.start, m.start, SEG_BOUNDARY);
      const clauseStart = lastBoundary(text, s.start, m.start, CLAUSE_BOUNDARY);
      const segEnd = nextBoundary(text, m.end, s.end, SEG_BOUNDARY);
      const seg = text.slice(segStart, m.start);
      const rightNoun = text.slice(m.end, segEnd);
      const clauseText = text.slice(clauseStart, nextBoundary(text, m.end, s.end, CLAUSE_BOUNDARY));
      if (offTopicSentence) return;
      if (OFF_TOPIC.test(clauseText) && !aliases.some((a) => a.indicator !== 'other' && a.start >= clauseStart && a.end <= segEnd)) return;

      const previous = prev[prev.length - 1];
      let semi = s.start;
      for (const c of s.clauses) if (c.start <= m.start) semi = c.start;
      const measure = measureOf(m, text.slice(semi, m.start), text.slice(clauseStart, m.start), seg, rightNoun, previous?.measure ?? null);
      const found = indicatorFor(text, s, m, aliases, prev, segStart, segEnd, measure, regions);
      let { indicator } = found;
      const { inherited, hit, rightHit, from } = found;
      // 新增省级以上孵化器、众创空间30家: a number shared by a list of kinds is none of them,
      // unless they are all national labs and platforms.
      if (!rightHit && hit) {
        const list = listEndingAt(text, aliases, hit);
        if (list.length > 1 && !numbers.some((n) => n.start >= list[0].start && n.end <= hit.start)) indicator = umbrellaOf(text, list);
      }
      if (indicator !== 'other' && !fits(indicator, m.unit, measure)) indicator = 'other';
      // 申报…高新技术企业: enterprises applying, not those recognised.
      const applied = indicatorOf(indicator)?.applied;
      if (applied && /申报/.test(text.slice(clauseStart, hit ? hit.start : m.start))) indicator = applied;

      const own = markerFor(times, m.start, text);
      const scoped = own ? null : carried ?? lineTime ?? scopeTime(scopes[si]);
      const sectionStance = scopeStance(scopes[si]);
      const explicit = stanceAt(stances, m.start, meta.isPlan ? 'target' : 'actual');
      let stance = explicit.stance;
      if (!explicit.explicit && (sectionStance === 'target' || (futureLineOnlyFrom >= 0 && m.start > futureLineOnlyFrom))) stance = 'target';
      // In a plan, "推动28家国家重点实验室优化调整" speaks of labs that exist.
      if (!explicit.explicit && meta.isPlan && rightHit && measure === 'total' && m.qualifier === 'exact') stance = 'actual';
      // 2024年,全市高新技术企业达到1.66万家 in a plan for 2025—2027: a past year is a fact.
      // 2020年全市科技型企业达到2万家, written in 2018: a year still to come is a goal.
      if (!explicit.explicit && stance === 'actual' && own?.year != null && !own.relative && !own.span && !own.named && ref !== null && own.year > ref) stance = 'target';
      const said = own ?? scoped;
      if (!explicit.explicit && stance === 'target' && said?.year != null && ref !== null && said.year < ref && !said.relative) stance = 'actual';
      // 近年来,…一是…力争新增10家以上: a past span above a goal does not date the goal.
      const marker = own ?? (scoped && (stance === 'actual' || scoped.year === null || ref === null || scoped.year >= ref) ? scoped : null);
      const h1 = marker ? marker.h1 : false;
      const period: Period = measure === 'rank' && previous ? (previous.period === 'as_of' ? 'as_of' : 'year')
        : periodOf(measure, marker, h1, base && measure === 'growth_rate');

      let year: number | null;
      let yearInferred = false;
      if (marker && marker.year !== null) {
        year = marker.year;
        yearInferred = marker.relative;
      } else {
        yearInferred = true;
        if (stance !== 'actual') year = planYear;
        else if (meta.isPlan && sectionStance !== 'actual') year = planYear;
        else year = ref === null ? null : ref - 1;
      }
      // 由A增至B: A is dated where the change starts: the first year of its span
      // (2017—2021年,由A增至B), else the year before B's (2019年…由第8位提升到第7位).
      if (year !== null && stance === 'actual' && FROM_BEFORE.test(text.slice(Math.max(s.start, m.start - 8), m.start))
        && CHANGE_TO.test(text.slice(m.end, segEnd + 12))) {
        const spans = [...times.filter((t) => t.start < m.start && t.scope === 'forward'), ...(own ? [] : [scoped])].filter((t) => t?.span && t.first != null);
        const span = spans[spans.length - 1];
        year = span?.first ?? year - 1;
        yearInferred = !span || span.relative;
      }

      const place = regionFor({ text, s, m, meta, mentions: regions, nth, respectively });
      if (place.area) indicator = 'other';
      const nounText = /^[\u4e00-\u9fff“"]/.test(rightNoun) && !NOT_NOUN_START.test(rightNoun) ? rightNoun : '';
      const label = inherited && from && from.indicator === indicator ? from.label
        : labelFor(indicator, seg, nounText);
      let confidence = 0.9;
      if (indicator === 'other') confidence -= 0.15;
      if (yearInferred) confidence -= 0.1;
      if (inherited) confidence -= 0.05;
      prev.push({ indicator, measure, period, label, end: m.end });
      out.push({
        indicator, label, region: place.region,
        year, period, stance, measure, value: m.value, unit: m.unit, qualifier: m.qualifier,
        start: m.start, end: m.end, sentence: s, confidence: Math.round(confidence * 100) / 100, year_inferred: yearInferred,
      });
    });
    if (opening) lineTime = opening;
  }
  return out;
}
