import type { Stance } from '../../src/lib/types.ts';
import type { Sentence } from '../sentences/sentences.ts';
import { findTimeMarkers, type TimeMarker } from './rules/time.ts';

/**
 * The document as a reader sees it: a headline, headings at levels, and
 * paragraphs; each of them may set the time (and, for headings, the stance)
 * of every figure under it until the next one of its level.
 */

/** What a headline, heading or paragraph opening says about the figures under it. */
export interface Scope {
  /** The time phrase that dates them, or null. */
  time: TimeMarker | null;
  /** A review (回顾, 成就, 发展基础) reports facts; a plan section (下一步, 主要目标) sets goals. */
  stance: Stance | null;
  /** Which rule set the scope: `headline`, a heading rule's name, `paragraph opening`. */
  from: string;
}

/** A rule that recognises a heading: the start of a line, and its level (1 is the outermost). */
export interface HeadingRule {
  name: string;
  when: RegExp;
  level: number;
  example: string;
}

/** Heading rules, tried in order on the first sentence of each line. */
export const HEADING_RULES: HeadingRule[] = [
  { name: 'chapter', when: /^第[一二三四五六七八九十百]+[章节篇部分]/, level: 1, example: '第三章 发展基础' },
  { name: 'numeral and 、', when: /^[一二三四五六七八九十]+[、.．]/, level: 2, example: '四、2031年工作回顾' },
  { name: 'bracketed numeral', when: /^[(（][一二三四五六七八九十]+[)）]/, level: 3, example: '（二）前三季度运行情况' },
  { name: 'digit and point', when: /^\d{1,2}[、.．](?!\d)/, level: 4, example: '3.科技成果转化情况' },
  { name: 'bracketed digit', when: /^[(（]\d{1,2}[)）]/, level: 5, example: '(2)孵化载体建设' },
  // A line of its own, short and without punctuation, as pages set bold headings: only when it is the whole line.
  { name: 'short line', when: /^[\u4e00-\u9fff\d“”"、]{4,20}$/, level: 2, example: '2031年科技创新成效' },
];

const GOALS_OPENING = /^[^。]{0,12}(?:目标|任务)[是为]?[:：]/;
const REVIEW = /回顾|成就|成效|进展|基础|现状|总结|情况|成绩/;
const PLAN = /下一步|工作安排|工作打算|工作思路|主要目标|发展目标|目标任务|重点任务|主要任务|重点工作|工作重点|计划/;

/** A heading's level, or 0 when the sentence does not open a heading. */
export function headingLevel(sentence: string): { level: number; rule: string } {
  for (const rule of HEADING_RULES) if (rule.when.test(sentence)) return { level: rule.level, rule: rule.name };
  return { level: 0, rule: '' };
}

/** The stance a heading sets: a plan section's figures are goals, a review's are facts. */
function headingStance(heading: string): Stance | null {
  if (PLAN.test(heading)) return 'target';
  if (REVIEW.test(heading)) return 'actual';
  return null;
}

/** The time phrase that opens a text and is followed by a comma: 2022年, 今年以来, 上半年, “十三五”期间. */
function openingTime(text: string, at: number, end: number, currentYear: number | null): TimeMarker | null {
  const markers = findTimeMarkers(text, at, end, currentYear);
  const first = markers[0];
  if (!first || first.base || first.named || (first.year === null && !first.h1)) return null;
  // 近年来, 多年来: a vague span sets the tone of a paragraph, not the time of its figures.
  if (first.span && first.first == null) return null;
  // 目前, 如今 open a paragraph of stocks at hand, not of one year's flows.
  if (/目前|当前|如今|现有|现已/.test(text.slice(first.start, first.end))) return null;
  const lead = text.slice(at, first.start);
  if (!/^(?:[在从自截至]|截至|截止)?[“"]?$/.test(lead)) return null;
  // The phrase ends where the comma is: 2022年1-5月, / 2017年以来, / 今年上半年,
  const rest = text.slice(first.end, Math.min(end, first.end + 12));
  return /^[^,;。\d]{0,8}[,:]/.test(rest) ? first : null;
}

/**
 * The scope over each sentence: the innermost of the paragraph's opening time
 * phrase, the headings above it (innermost first), and the headline.
 * `scopes[i]` lists them for `sentences[i]`, innermost first.
 */
export function documentScopes(text: string, sentences: Sentence[], title: string, currentYear: number | null): Scope[][] {
  const headline = findTimeMarkers(title, 0, title.length, currentYear)
    .find((m) => !m.base && !m.named && (m.h1 || m.partYear)) ?? null;
  const top: Scope[] = headline ? [{ time: headline, stance: null, from: 'headline' }] : [];
  const open: Array<{ level: number; scope: Scope }> = [];
  let paragraph: Scope | null = null;
  let line = -1;
  return sentences.map((s, i) => {
    if (s.line !== line) {
      line = s.line;
      paragraph = null;
      const sentence = text.slice(s.start, s.end);
      const heading = headingLevel(sentence);
      // A short line is a heading only when it stands alone and is not the document's title.
      const alone = (sentences[i + 1]?.line ?? -1) !== s.line && s.line > 0 && sentence !== title;
      const { level, rule } = heading.rule === 'short line' && !alone ? { level: 0, rule: '' } : heading;
      if (level > 0) {
        while (open.length && open[open.length - 1].level >= level) open.pop();
        const markers = findTimeMarkers(text, s.start, s.end, currentYear).filter((m) => !m.base && !m.named && (m.year !== null || m.h1));
        open.push({ level, scope: { time: markers[0] ?? null, stance: headingStance(sentence), from: rule } });
      } else {
        const time = openingTime(text, s.start, s.end, currentYear);
        // 主要预期目标是: a paragraph that opens by announcing goals lists goals.
        const goals = GOALS_OPENING.test(sentence.slice(0, 24));
        if (time || goals) paragraph = { time, stance: goals ? 'target' : null, from: 'paragraph opening' };
      }
    }
    const scopes: Scope[] = [];
    if (paragraph) scopes.push(paragraph);
    for (let i = open.length - 1; i >= 0; i--) scopes.push(open[i].scope);
    return [...scopes, ...top];
  });
}

/** The innermost time a scope list gives, and the innermost stance. */
export function scopeTime(scopes: Scope[]): TimeMarker | null {
  const i = scopes.findIndex((s) => s.time);
  if (i < 0) return null;
  const inner = scopes[i].time!;
  // 一、2038年工作回顾 › （一）上半年进展: a part of the year takes the year of the heading above it.
  if (inner.relative && (inner.h1 || inner.partYear)) {
    const outer = scopes.slice(i + 1).find((s) => s.time && !s.time.relative && !s.time.span && s.time.year !== null)?.time;
    if (outer) return { ...inner, year: outer.year, relative: false };
  }
  return inner;
}

/** The innermost stance that a heading sets. */
export function scopeStance(scopes: Scope[]): Stance | null {
  return scopes.find((s) => s.stance)?.stance ?? null;
}
