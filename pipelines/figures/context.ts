import type { Metadata } from '../metadata/metadata.ts';
import { findNumbers, type NumberMention } from '../numbers/numbers.ts';
import type { Sentence } from '../sentences/sentences.ts';
import { findRegionMentions, type RegionMention } from './region-mentions.ts';
import { startOfSpanAt } from './spans.ts';
import { findAliases, type AliasHit } from './rules/indicator.ts';
import { modifierRule } from './rules/parts.ts';
import { respectivelyRegions, subjectRegions } from './rules/region.ts';
import { stanceMarkers, type StanceMarker } from './rules/stance.ts';
import { hasBase, type TimeMarker } from './rules/time.ts';

/**
 * One sentence as the figure rules read it: its numbers, catalog phrases,
 * places, time phrases and stance words, each found once.
 */
export interface SentenceContext {
  text: string;
  s: Sentence;
  meta: Metadata;
  numbers: NumberMention[];
  aliases: AliasHit[];
  /** The places that can be a figure's subject (not compared-against lists, not destinations). */
  subjects: RegionMention[];
  /** Places matched in order to the numbers after 分别, when the sentence lists them so. */
  respectively: string[] | null;
  times: TimeMarker[];
  stances: StanceMarker[];
  /** Whether the sentence compares against an earlier base (较2015年, 从2012年的…). */
  base: boolean;
  /** How many numbers follow each 分别, by its position: counted once. */
  after: Map<number, number>;
}

/** Where one number sits in its sentence: its comma-segment, its clause, the words around it. */
export interface NumberContext {
  m: NumberMention;
  nth: number;
  /** After the last , ; : 、 or bracket before the number. */
  segStart: number;
  segEnd: number;
  /** After the last , ; : before the number. */
  clauseStart: number;
  /** The start of its ；-clause. */
  semi: number;
  /** The words of the segment before the number. */
  seg: string;
  /** The words of the segment after the number. */
  rightNoun: string;
}

const SEG_BOUNDARY = /[,;:、()（）●]/;
export const CLAUSE_BOUNDARY = /[,;:]/;
// How far before a number its context reaches: a clause longer than this (a flattened
// table, a list of thousands of numbers) is read in windows, so each number costs the same.
export const REACH = 120;

/** The index after the last character matching `re` in text[from, at), or `from`. */
export function lastBoundary(text: string, from: number, at: number, re: RegExp): number {
  for (let i = at - 1; i >= from; i--) if (re.test(text[i])) return i + 1;
  return from;
}

/** The index of the first character matching `re` in text[at, to), or `to`. */
export function nextBoundary(text: string, at: number, to: number, re: RegExp): number {
  for (let i = at; i < to; i++) if (re.test(text[i])) return i;
  return to;
}

/** The numbers of a sentence that are figures: not set aside, not part of a noun phrase (亿元以上收入企业). */
export function figureNumbers(text: string, s: Sentence, setAside: Uint8Array): NumberMention[] {
  return findNumbers(text, s.start, s.end).filter((n) => !setAside[n.start] && !setAside[n.end - 1]
    && !modifierRule(text.slice(Math.max(s.start, n.start - 12), n.start), text.slice(n.start, n.end), text.slice(n.end, Math.min(s.end, n.end + 20))));
}

/** Reads a sentence once for the rules: phrases, places, times and stance words. */
export function sentenceContext(text: string, s: Sentence, meta: Metadata, numbers: NumberMention[], times: TimeMarker[], setAside: Uint8Array): SentenceContext {
  const places = findRegionMentions(text, s.start, s.end).filter((r) => !setAside[r.start]);
  return {
    text, s, meta, numbers, times,
    aliases: findAliases(text, s.start, s.end),
    subjects: subjectRegions(text, s, places),
    respectively: respectivelyRegions(text, s, places, numbers),
    stances: stanceMarkers(text, s.start, s.end, meta.currentYear),
    base: hasBase(times, text),
    after: new Map(),
  };
}

/** Where the nth number of a sentence sits. */
export function numberContext(c: SentenceContext, m: NumberMention, nth: number): NumberContext {
  const { text, s } = c;
  const floor = Math.max(s.start, m.start - REACH);
  const segStart = lastBoundary(text, floor, m.start, SEG_BOUNDARY);
  const segEnd = nextBoundary(text, m.end, Math.min(s.end, m.end + REACH), SEG_BOUNDARY);
  const semi = Math.max(floor, startOfSpanAt(s.clauses, m.start, s.start));
  return {
    m, nth, segStart, segEnd, semi,
    clauseStart: lastBoundary(text, floor, m.start, CLAUSE_BOUNDARY),
    seg: text.slice(segStart, m.start),
    rightNoun: text.slice(m.end, segEnd),
  };
}

