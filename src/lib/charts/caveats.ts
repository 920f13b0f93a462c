/**
 * What a chart point is besides one year's value: part of a year, several years
 * together, a year inferred rather than read, a confidence below the rest. The
 * compare chart marks each on the point, and each chart's key (the dashboard's,
 * the framed SVG's, the embed's) explains the marks its points carry.
 */
import { t, type Lang, type Word } from '../i18n.ts';
import { qualifierMark } from '../units.ts';

/** The fields of a figure that say what kind of value its point is. */
export interface PointFacts {
  period: string;
  year_inferred: boolean;
  confidence: number;
  /** A point of the series: how many distinct values its figures give. */
  n_values?: number;
  /** A point of the series: how many figures stand behind it. */
  n_figures?: number;
  /** `approx`, `at_least` …: the sign drawn beside the point. */
  qualifier?: string;
}

/** Below this confidence (the extractor's own estimate, 0–1) a point says it is unsure. */
export const LOW_CONFIDENCE = 0.7;

/** A value that is not one whole year's: the first half, part of a year, several years. */
export type PeriodMark = 'h1' | 'part' | 'span';

/**
 * What a key entry explains: a period mark, the ring of an uncertain point, the line of a point whose sources
 * disagree, the arrow from a target to its actual, or the national reference line.
 */
export type KeyKind = PeriodMark | 'uncertain' | 'range' | 'count' | 'qualifier' | 'link' | 'national';

const PERIOD_MARKS: Record<string, PeriodMark> = { h1: 'h1', unknown: 'part', multi_year: 'span' };
const MARK_ORDER: PeriodMark[] = ['h1', 'part', 'span'];
const WORDS: Record<PeriodMark, { label: Word; key: Word }> = {
  h1: { label: 'markH1', key: 'keyH1' },
  part: { label: 'markPart', key: 'keyPart' },
  span: { label: 'markSpan', key: 'keySpan' },
};

/** The mark a period needs, or null for a year's value (`year`, and `as_of`: a stock at the year's end). */
export function periodMark(period: string): PeriodMark | null {
  return PERIOD_MARKS[period] ?? null;
}

/** The short label drawn beside a marked point: `上半年`, `H1`. */
export function periodLabel(mark: PeriodMark, lang: Lang): string {
  return t(lang, WORDS[mark].label);
}

/** Whether a point is less sure than the rest: its year was inferred, or its confidence is low. */
export function isUncertain(p: PointFacts): boolean {
  return p.year_inferred || p.confidence < LOW_CONFIDENCE;
}

/** Whether a point's figures give several values: its chart draws their range. */
export function hasRange(p: PointFacts): boolean {
  return (p.n_values ?? 1) > 1;
}

/** Why a point is marked, in words, for its tooltip and accessible name; empty for a plain year's value. */
export function caveatNotes(p: PointFacts, lang: Lang): string[] {
  const notes: string[] = [];
  const mark = periodMark(p.period);
  if (mark) notes.push(t(lang, WORDS[mark].key));
  if (p.year_inferred) notes.push(t(lang, 'yearFromDocument'));
  if (p.confidence < LOW_CONFIDENCE) notes.push(`${t(lang, 'lowConfidence')} ${Math.round(p.confidence * 100) / 100}`);
  return notes;
}

/** One entry of a chart's key: what it explains, the label drawn on the chart (none for the ring), and its meaning. */
export interface KeyEntry {
  kind: KeyKind;
  label: string;
  text: string;
}

// The qualifiers in the order the key names them, with their words.
const QUALIFIER_WORDS: Array<[string, Word]> = [['approx', 'qApprox'], ['more_than', 'qMoreThan'], ['at_least', 'qAtLeast'], ['at_most', 'qAtMost']];

/** Whether a point stands for several figures: its chart draws their count beside it. */
export function isCounted(p: PointFacts): boolean {
  return (p.n_figures ?? 1) > 1;
}

/**
 * The key entries of the marks some rows carry, in a fixed order: none when every point is a plain, sure year's
 * value. The qualifier signs are named only for those drawn: `≈ 约/近 · ≥ 以上`.
 */
export function markKey(rows: PointFacts[], lang: Lang): KeyEntry[] {
  const marks = new Set(rows.map((r) => periodMark(r.period)));
  const entries: KeyEntry[] = MARK_ORDER.filter((m) => marks.has(m))
    .map((kind) => ({ kind, label: periodLabel(kind, lang), text: t(lang, WORDS[kind].key) }));
  if (rows.some(isUncertain)) entries.push({ kind: 'uncertain', label: '', text: t(lang, 'keyUncertain').replace('{c}', String(LOW_CONFIDENCE)) });
  if (rows.some(hasRange)) entries.push({ kind: 'range', label: '', text: t(lang, 'keyRange') });
  // The largest count as the example (a spread over a million points would overflow the stack).
  const most = rows.reduce((n, r) => Math.max(n, r.n_figures ?? 1), 1);
  if (most > 1) entries.push({ kind: 'count', label: `×${most}`, text: t(lang, 'keyCount') });
  const qualifiers = new Set(rows.map((r) => r.qualifier));
  const named = QUALIFIER_WORDS.filter(([q]) => qualifiers.has(q)).map(([q, w]) => `${qualifierMark(q)} ${t(lang, w)}`);
  if (named.length) entries.push({ kind: 'qualifier', label: '', text: named.join(' · ') });
  return entries;
}

/** The key entries of what a chart's options draw: target-to-actual arrows, the national reference line. */
export function optionKey(lang: Lang, drawn: { links: boolean; national: boolean }): KeyEntry[] {
  return [
    ...(drawn.links ? [{ kind: 'link' as const, label: '', text: t(lang, 'keyLink') }] : []),
    ...(drawn.national ? [{ kind: 'national' as const, label: '', text: t(lang, 'keyNational') }] : []),
  ];
}
