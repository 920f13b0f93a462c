import type { FigureRow } from '../../src/lib/types.ts';
import type { Metadata } from '../metadata/metadata.ts';
import type { Sentence } from '../sentences/sentences.ts';
import { CLAUSE_BOUNDARY, figureNumbers, nextBoundary, numberContext, REACH, sentenceContext, type NumberContext, type SentenceContext } from './context.ts';
import { NOT_NOUN_START, whatItCounts, type Previous } from './counted.ts';
import { indicatorOf, labelFor } from './rules/indicator.ts';
import { measureOf } from './rules/measure.ts';
import { regionFor } from './rules/region.ts';
import { findTimeMarkers } from './rules/time.ts';
import { within } from './spans.ts';
import { DocumentTime } from './when.ts';

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
  /** Told what the stage's limits cut (documents.warnings): a sentence of how many numbers, where it starts. */
  tooMany?: (numbers: number, start: number) => void;
}

/**
 * Numbers read in one sentence: a flattened statistics table can make a "sentence" of
 * tens of thousands, and each costs the rules' time; the rest are not read, with a warning.
 */
export const MAX_NUMBERS_PER_SENTENCE = 2000;

// Economy-wide figures that are not about science & technology.
const OFF_TOPIC = /(?<!占(?:全省|全市|全国)?)(?:地区生产总值|GDP)|固定资产投资|社会消费品零售|一般公共预算收入|可支配收入|岗位|招聘|常住人口|经济实力|经济总量|市场主体|企业总量|金融中心|(?:全部|固定资产|高技术|工业|民间|制造业|服务业)投资/;

/** Whether a number's clause is about the economy at large and names no catalog phrase of its own. */
function offTopic(c: SentenceContext, n: NumberContext): boolean {
  const clause = c.text.slice(n.clauseStart, nextBoundary(c.text, n.m.end, Math.min(c.s.end, n.m.end + REACH), CLAUSE_BOUNDARY));
  return OFF_TOPIC.test(clause) && !within(c.aliases, n.clauseStart, n.segEnd).some((a) => a.indicator !== 'other');
}

/**
 * Reads every figure of a document: for each number, what it counts (indicator
 * and label), where (region), when (year, period), whether it is a fact or a goal
 * (stance), and what kind of quantity it is (measure).
 */
export function extractFigures(input: FigureInput): Figure[] {
  const { text, setAside, sentences, meta } = input;
  const out: Figure[] = [];
  const time = new DocumentTime(text, sentences, meta);

  sentences.forEach((s, si) => {
    const times = findTimeMarkers(text, s.start, s.end, meta.currentYear);
    time.enter(si, s, times);
    let numbers = figureNumbers(text, s, setAside);
    if (numbers.length > MAX_NUMBERS_PER_SENTENCE) {
      input.tooMany?.(numbers.length, s.start);
      numbers = numbers.slice(0, MAX_NUMBERS_PER_SENTENCE);
    }
    const c = numbers.length ? sentenceContext(text, s, meta, numbers, times, setAside) : null;
    if (c && !(OFF_TOPIC.test(text.slice(s.start, s.end)) && !c.aliases.some((a) => a.indicator !== 'other'))) {
      const prev: Previous[] = [];
      numbers.forEach((m, nth) => {
        const n = numberContext(c, m, nth);
        if (offTopic(c, n)) return;
        const previous = prev[prev.length - 1];
        const measure = measureOf(m, text.slice(n.semi, m.start), text.slice(n.clauseStart, m.start), n.seg, n.rightNoun, previous?.measure ?? null, time.held);
        const counted = whatItCounts(c, n, prev, measure);
        const when = time.of(c, n, measure, previous, counted.rightHit);
        const place = regionFor({ text, s, m, meta, mentions: c.subjects, nth, respectively: c.respectively });
        const indicator = place.area ? 'other' : counted.indicator;
        const nounText = /^[\u4e00-\u9fff“"]/.test(n.rightNoun) && !NOT_NOUN_START.test(n.rightNoun) ? n.rightNoun : '';
        let label = counted.inherited && counted.from && counted.from.indicator === indicator ? counted.from.label : labelFor(indicator, n.seg, nounText);
        // 占全市的43%, 比上年提高0.2个百分点: words that name no thing; the label is the figure before's, with what this one says of it.
        if (indicator === 'other' && previous && (label.length < 2 || NO_NAME.test(label))) label = derivedLabel(previous, measure, m.kind) || label;
        prev.push({ indicator, measure, period: when.period, label, end: m.end });
        out.push({
          indicator, label, region: place.region, year: when.year, period: when.period, stance: when.stance, measure,
          value: m.value, unit: m.unit, qualifier: m.qualifier, start: m.start, end: m.end, sentence: s,
          confidence: confidenceOf(indicator, when.yearInferred, counted.inherited), year_inferred: when.yearInferred,
        });
      });
    }
    time.leave();
  });
  return out;
}

// Labels that name no thing: they open with a comparison or a function word.
const NO_NAME = /^(?:比|较|同比|占|的|为|是)/;

/** A label for a figure said of the one before it: its share (占比), its change in points, its growth. */
function derivedLabel(previous: Previous, measure: string, kind: string): string {
  // Only from a figure that names its thing: a catalog indicator, or an `other` with a label of its own.
  const base = previous.indicator === 'other' ? previous.label : (previous.label || (indicatorOf(previous.indicator)?.name_zh ?? ''));
  if (/(?:占比|增速|\(百分点\))$/.test(base) || NO_NAME.test(base)) return '';
  const suffix = kind === 'points' ? '变化(百分点)' : measure === 'share' ? '占比' : measure === 'growth_rate' ? '增速' : '';
  if (base.length < 2 || !suffix) return '';
  return base.endsWith(suffix) ? base : base + suffix;
}

/** The extractor's own estimate: lower for `other`, an inferred year, an inherited indicator. */
function confidenceOf(indicator: string, yearInferred: boolean, inherited: boolean): number {
  let confidence = 0.9;
  if (indicator === 'other') confidence -= 0.15;
  if (yearInferred) confidence -= 0.1;
  if (inherited) confidence -= 0.05;
  return Math.round(confidence * 100) / 100;
}
