import type { Measure, Period, Qualifier, Stance, Unit } from '../src/lib/types.ts';
import { regionById } from './catalog/regions.ts';
import type { Metadata } from './metadata.ts';
import { findNumbers, type NumberMention } from './numbers.ts';
import { findRegionMentions, type RegionMention } from './region-mentions.ts';
import { findAliases, fits, indicatorOf, labelFor, residue, type AliasHit } from './rules/indicator.ts';
import { measureOf } from './rules/measure.ts';
import { stanceAt, stanceMarkers } from './rules/stance.ts';
import { findTimeMarkers, hasBase, markerFor, periodOf } from './rules/time.ts';
import type { Sentence } from './sentences.ts';

/** A figure with its spans in normalised text; the run maps them to raw text. */
export interface Figure {
  indicator: string;
  label: string;
  region: string;
  year: number | null;
  period: Period;
  stance: Stance;
  measure: Measure;
  value: number;
  unit: Unit;
  qualifier: Qualifier;
  start: number;
  end: number;
  sentence: Sentence;
  confidence: number;
  year_inferred: boolean;
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
const CLAUSE_BOUNDARY = /[,;:]/;
// Economy-wide figures that are not about science & technology.
const OFF_TOPIC = /(?<!占)(?:地区生产总值|GDP|生产总值|固定资产投资|社会消费品零售|一般公共预算收入|可支配收入|岗位|招聘|常住人口|美元|就业)/;
const FUNDING_VERB = /(?:支持|资助|补助|奖补|拨付|安排|投入)(?:资金|经费)?$/;
const SELF_PROVINCE = /全省|我省|本省/;
const SELF_CITY = /全市|我市|本市/;

function lastBoundary(text: string, from: number, at: number, re: RegExp): number {
  for (let i = at - 1; i >= from; i--) if (re.test(text[i])) return i + 1;
  return from;
}

function nextBoundary(text: string, at: number, to: number, re: RegExp): number {
  for (let i = at; i < to; i++) if (re.test(text[i])) return i;
  return to;
}

/** The region that a figure's sentence places it in. */
function regionFor(text: string, s: Sentence, m: NumberMention, meta: Metadata, mentions: RegionMention[], nth: number, respectively: string[] | null): string {
  if (respectively) return respectively[nth] ?? respectively[respectively.length - 1];
  // 广东(69.27亿元): the place named just before the bracket.
  let best: RegionMention | null = null;
  for (const r of mentions) if (r.end <= m.start) best = r;
  const self = lastSelf(text, s.start, m.start);
  if (self && (!best || self.at > best.end)) return self.region(meta);
  return best ? best.region.region : meta.region;
}

function lastSelf(text: string, from: number, at: number): { at: number; region: (meta: Metadata) => string } | null {
  const left = text.slice(from, at);
  const p = Math.max(left.search(new RegExp(`(?:${SELF_PROVINCE.source})(?!.*(?:${SELF_PROVINCE.source}))`)), -1);
  const c = Math.max(left.search(new RegExp(`(?:${SELF_CITY.source})(?!.*(?:${SELF_CITY.source}))`)), -1);
  if (p < 0 && c < 0) return null;
  if (p > c) {
    return { at: from + p + 2, region: (meta) => {
      const r = regionById(meta.region);
      return r?.level === 'prefecture' && r.parent ? r.parent : meta.region;
    } };
  }
  return { at: from + c + 2, region: (meta) => meta.region };
}

/** 中部的湖北、西南的重庆和四川…分别排名为第七、八、十一: places matched to numbers in order. */
function respectivelyRegions(text: string, s: Sentence, mentions: RegionMention[], numbers: NumberMention[]): string[] | null {
  const at = text.indexOf('分别', s.start);
  if (at < 0 || at >= s.end) return null;
  const before = mentions.filter((r) => r.end <= at);
  const after = numbers.filter((n) => n.start > at);
  if (before.length < 2 || before.length !== after.length) return null;
  return before.map((r) => r.region.region);
}

/**
 * Reads every figure of a document: for each number, what it counts (indicator
 * and label), where (region), when (year, period), whether it is a fact or a goal
 * (stance), and what kind of quantity it is (measure).
 */
export function extractFigures(input: FigureInput): Figure[] {
  const { text, setAside, sentences, meta } = input;
  const out: Figure[] = [];
  const ref = meta.referenceYear;
  const titleYear = Number(/((?:19|20)\d\d)年/.exec(meta.title)?.[1] ?? NaN);
  const planYear = Number.isFinite(titleYear) ? titleYear : ref;
  let futureFromLine = Infinity;
  let futureLineOnlyFrom = -1;
  let currentLine = -1;

  for (const s of sentences) {
    if (s.line !== currentLine) {
      currentLine = s.line;
      futureLineOnlyFrom = -1;
    }
    const sentenceText = text.slice(s.start, s.end);
    if (/^[一二三四五六七八九十]+、[^,。]{0,12}下一步/.test(sentenceText)) futureFromLine = Math.min(futureFromLine, s.line);
    const nextStep = sentenceText.indexOf('下一步');
    if (nextStep >= 0 && futureLineOnlyFrom < 0) futureLineOnlyFrom = s.start + nextStep;

    const numbers = findNumbers(text, s.start, s.end).filter((n) => !setAside[n.start] && !setAside[n.end - 1]);
    if (numbers.length === 0) continue;
    const regions = findRegionMentions(text, s.start, s.end).filter((r) => !setAside[r.start]);
    const respectively = respectivelyRegions(text, s, regions, numbers);
    const times = findTimeMarkers(text, s.start, s.end, ref);
    const stances = stanceMarkers(text, s.start, s.end);
    const base = hasBase(times);
    const aliases = findAliases(text, s.start, s.end);
    const prev: Array<{ indicator: string; measure: Measure; period: Period; label: string }> = [];

    numbers.forEach((m, nth) => {
      const segStart = lastBoundary(text, s.start, m.start, SEG_BOUNDARY);
      const clauseStart = lastBoundary(text, s.start, m.start, CLAUSE_BOUNDARY);
      const segEnd = nextBoundary(text, m.end, s.end, SEG_BOUNDARY);
      const seg = text.slice(segStart, m.start);
      const left = text.slice(clauseStart, m.start);
      const rightNoun = text.slice(m.end, segEnd);
      const clauseText = text.slice(clauseStart, nextBoundary(text, m.end, s.end, CLAUSE_BOUNDARY));
      if (OFF_TOPIC.test(clauseText) && !aliases.some((a) => a.indicator !== 'other' && a.start >= clauseStart && a.end <= segEnd)) return;

      const previous = prev[prev.length - 1];
      const measure = measureOf(m, left, seg, previous?.measure ?? null);

      // What is counted: a phrase right after the number (7家湖北实验室), else the
      // nearest phrase before it in its segment (全社会研发投入增长12%), not the
      // denominator after 占; else what the previous number of the sentence counted.
      const shareCut = seg.lastIndexOf('占');
      const leftLimit = shareCut >= 0 ? segStart + shareCut : m.start;
      const rightHit = /^[\u4e00-\u9fff“"]/.test(rightNoun) && !/^(?:的|左右|以上|之|分别|较|比|同比|增长|位居|居)/.test(rightNoun)
        ? aliases.find((a) => a.start >= m.end && a.start <= m.end + 6 && a.end <= segEnd) : undefined;
      const leftHits = aliases.filter((a) => a.start >= segStart && a.end <= leftLimit);
      let hit: AliasHit | undefined = rightHit ?? leftHits[leftHits.length - 1];
      let indicator = hit?.indicator ?? 'other';
      let inherited = false;
      if (!hit && previous && residue(shareCut >= 0 ? seg.slice(0, shareCut) : seg).length <= 1 && !/^[\u4e00-\u9fff]/.test(rightNoun.replace(/^(?:以上|左右)/, ''))) {
        indicator = previous.indicator;
        inherited = true;
        const ind = indicatorOf(indicator);
        if (ind?.national && /国家/.test(seg)) indicator = ind.national;
      }
      if (!hit && !inherited && m.unit === 'CNY' && FUNDING_VERB.test(seg.replace(/[近超约]$/, ''))) indicator = 'government_st_funding';
      if (indicator !== 'other' && !fits(indicator, m.unit, measure)) indicator = 'other';
      if (indicator === 'high_tech_enterprises' && /申报/.test(left.slice(0, (hit?.start ?? m.start) - clauseStart))) indicator = 'high_tech_enterprise_applications';

      const marker = markerFor(times, m.start, text);
      const h1 = marker?.h1 ?? false;
      const explicit = stanceAt(stances, m.start, meta.isPlan ? 'target' : 'actual');
      let stance = explicit.stance;
      if (!explicit.explicit && (s.line >= futureFromLine || (futureLineOnlyFrom >= 0 && m.start > futureLineOnlyFrom))) stance = 'target';
      // In a plan, "推动28家国家重点实验室优化调整" speaks of labs that exist.
      if (!explicit.explicit && meta.isPlan && rightHit && measure === 'total' && m.qualifier === 'exact') stance = 'actual';
      const period = measure === 'rank' && previous ? (previous.period === 'as_of' ? 'as_of' : 'year') : periodOf(measure, marker, h1, base && measure === 'growth_rate');

      let year: number | null;
      let yearInferred = false;
      if (marker && marker.year !== null) {
        year = marker.year;
        yearInferred = marker.relative;
      } else {
        yearInferred = true;
        const now = /目前|当前|现有|今年|现已|截至目前|截至今年/.test(text.slice(s.start, m.start));
        if (stance !== 'actual') year = planYear;
        else if (!meta.dated || now) year = ref;
        else if (meta.isPlan) year = planYear;
        else year = ref === null ? null : ref - 1;
      }

      const nounText = rightHit ? rightNoun : '';
      const label = labelFor(indicator, text.slice(segStart, m.start) + rightNoun.slice(0, 10), nounText || (inherited ? previous.label : seg));
      let confidence = 0.9;
      if (indicator === 'other') confidence -= 0.15;
      if (yearInferred) confidence -= 0.1;
      if (inherited) confidence -= 0.05;
      prev.push({ indicator, measure, period, label });
      out.push({
        indicator, label, region: regionFor(text, s, m, meta, regions, nth, respectively),
        year, period, stance, measure, value: m.value, unit: m.unit, qualifier: m.qualifier,
        start: m.start, end: m.end, sentence: s, confidence: Math.round(confidence * 100) / 100, year_inferred: yearInferred,
      });
    });
  }
  return out;
}
