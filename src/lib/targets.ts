/**
 * Targets against actuals, and regions inside regions: the rules both the SQL
 * (`targetPairs` in db/queries.ts, which the `/targets` view and the figure panel
 * run) and the compare chart (which pairs the points of its series files, without
 * DuckDB) follow, so that the view, the panel and the chart agree
 * (tests/targets.test.ts checks them against each other and against a direct
 * query over the Parquet files).
 *
 * - A target (stance `target`) and an actual (stance `actual`) pair when they are
 *   for the same region, indicator, measure, unit and year, and both are one whole
 *   year's value (period `year`, or `as_of`: a stock at the year's end). A target
 *   for part of a year or several years together is not compared with a year's
 *   actual; figures of `other` (no catalog indicator) are not paired at all.
 * - Several figures may give the target or the actual (conflicts): the pair uses
 *   the most confident of each, ties broken by figure id, as a chart's point and
 *   line pick the figure they show (pipelines/write/series.ts); how many figures
 *   and distinct values stand behind each side is kept and shown.
 * - Attainment is actual ÷ target; for a measure where lower is better (a rank:
 *   第3位 beats 第5位) it is target ÷ actual, so that 100% or more reads as met
 *   either way. None when the divisor is not positive (a growth rate of 0 or less).
 * - Met: the actual reaches the target (≥), or passes it (>) when the target
 *   was written as more than (超过, 突破: qualifier `more_than`); for a lower-is-better
 *   measure, the actual is at or below the target. Values are compared as written:
 *   an actual of 近2.3万 counts as 23000, and the qualifiers are shown beside.
 * - Unknown: no actual is reported (yet) for the target's year.
 */
import { indicatorRef } from './params.ts';

import { t, type Lang } from './i18n.ts';

/** The periods of one whole year's value: the only ones paired. */
export const WHOLE_YEAR = ['year', 'as_of'] as const;
/** Measures where a lower value is better: a rank. */
export const LOWER_IS_BETTER: readonly string[] = ['rank'];
/** Indicators never paired: `other` lumps unrelated things under one id. */
export const UNPAIRED: readonly string[] = ['other'];
/** Measures whose values add up, so that a city's value is a share of its province's. */
export const ADDITIVE: readonly string[] = ['total', 'new', 'amount'];

/** Whether a period is one whole year's. */
export function wholeYear(period: string): boolean {
  return (WHOLE_YEAR as readonly string[]).includes(period);
}

/** Actual ÷ target (target ÷ actual where lower is better), or null when the divisor is not positive. */
export function attainment(target: number, actual: number, measure: string): number | null {
  const [num, den] = LOWER_IS_BETTER.includes(measure) ? [target, actual] : [actual, target];
  return den > 0 ? num / den : null;
}

/** Whether an actual meets a target (see the rules above). */
export function isMet(target: { value: number; qualifier: string }, actual: number, measure: string): boolean {
  if (LOWER_IS_BETTER.includes(measure)) return actual <= target.value;
  return target.qualifier === 'more_than' ? actual > target.value : actual >= target.value;
}

/** What a point of a series (or a figure) needs to be paired. */
export interface Pairable {
  figure_id: string;
  region: string;
  year: number;
  stance: string;
  period: string;
  value: number;
  qualifier: string;
  confidence: number;
  measure: string;
  unit: string;
}

// As DuckDB orders VARCHARs (figure ids are hex): by code unit.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The figure a fact's side shows: the most confident, ties broken by figure id. */
export function pick<T extends Pairable>(candidates: T[]): T | undefined {
  return [...candidates].sort((a, b) => b.confidence - a.confidence || byText(a.figure_id, b.figure_id))[0];
}

/** The whole-year points of one stance, best first per region, year, measure and unit. */
function best<T extends Pairable>(rows: T[], stance: string): Map<string, T> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    if (r.stance !== stance || !wholeYear(r.period)) continue;
    const key = [r.region, r.measure, r.unit, r.year].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return new Map([...groups].map(([k, list]) => [k, pick(list)!]));
}

/** A target joined to its actual, as the compare chart draws it. */
export interface TargetLink<T extends Pairable = Pairable> {
  region: string;
  year: number;
  target: T;
  actual: T;
  attainment: number | null;
  met: boolean;
}

/** Each target of `rows` (points of one indicator) joined to its actual, where one is reported. */
export function targetLinks<T extends Pairable>(rows: T[], indicator: string): TargetLink<T>[] {
  if (UNPAIRED.includes(indicatorRef(indicator).indicator)) return [];
  const actuals = best(rows, 'actual');
  return [...best(rows, 'target')].flatMap(([key, target]) => {
    const actual = actuals.get(key);
    return actual ? [{
      region: target.region, year: target.year, target, actual,
      attainment: attainment(target.value, actual.value, target.measure), met: isMet(target, actual.value, target.measure),
    }] : [];
  });
}

/** A region drawn with one of its ancestors (Wuhan with Hubei, Hubei with China). */
export interface Nesting {
  child: string;
  parent: string;
}

/**
 * The pairs of `regions` where one lies inside another, by the gazetteer's
 * parents (regions.parquet), nearest ancestor first; each region's chain is
 * followed to its root.
 */
export function nestedPairs(regions: string[], parentOf: Map<string, string | null>): Nesting[] {
  const chosen = new Set(regions);
  const out: Nesting[] = [];
  for (const child of regions) {
    const seen = new Set([child]);
    for (let p = parentOf.get(child) ?? null; p !== null && !seen.has(p); p = parentOf.get(p) ?? null) {
      seen.add(p);
      if (chosen.has(p)) out.push({ child, parent: p });
    }
  }
  return out;
}

/** A city's share of its province (or any region's of an ancestor's) for one year and stance: a derived value. */
export interface DerivedShare<T extends Pairable = Pairable> {
  /** `<child figure id>.<parent figure id>`: how a URL names it. */
  id: string;
  child: string;
  parent: string;
  year: number;
  stance: string;
  /** Percent: child ÷ parent × 100. */
  share: number;
  childPoint: T;
  parentPoint: T;
}

/** Whether a measure and unit can be shared out: counts and amounts, not rates, shares or ranks. */
export function shareable(measure: string, unit: string): boolean {
  return ADDITIVE.includes(measure) && unit !== 'percent';
}

/**
 * The child's share of the parent for every year and stance both report one
 * whole-year value of the same measure and unit, each side the figure its point
 * shows (the most confident).
 */
export function derivedShares<T extends Pairable>(rows: T[], pairs: Nesting[]): DerivedShare<T>[] {
  const out: DerivedShare<T>[] = [];
  for (const stance of ['actual', 'target', 'expected']) {
    const chosen = best(rows.filter((r) => shareable(r.measure, r.unit)), stance);
    for (const { child, parent } of pairs) {
      for (const c of chosen.values()) {
        if (c.region !== child) continue;
        const p = chosen.get([parent, c.measure, c.unit, c.year].join('\u0000'));
        if (!p || !(p.value > 0)) continue;
        out.push({ id: `${c.figure_id}.${p.figure_id}`, child, parent, year: c.year, stance, share: (c.value / p.value) * 100, childPoint: c, parentPoint: p });
      }
    }
  }
  return out.sort((a, b) => byText(a.child, b.child) || byText(a.parent, b.parent) || a.year - b.year || byText(a.stance, b.stance));
}

/** A row of `targetPairs` (db/queries.ts): a target with its actual, the `actual_*` fields null when none is reported yet. */
export interface TargetPairRow {
  region: string;
  indicator: string;
  measure: string;
  unit: string;
  year: number;
  target_id: string;
  target_doc: string;
  target_value: number;
  target_qualifier: string;
  target_quote: string;
  target_sentence: string;
  target_confidence: number;
  target_period: string;
  /** How many figures give the target, with how many distinct values, and their range. */
  target_figures: number;
  target_values: number;
  target_min: number;
  target_max: number;
  target_title: string | null;
  target_issuer: string | null;
  target_published: string | null;
  actual_id: string | null;
  actual_doc: string | null;
  actual_value: number | null;
  actual_qualifier: string | null;
  actual_quote: string | null;
  actual_sentence: string | null;
  actual_confidence: number | null;
  actual_period: string | null;
  actual_figures: number | null;
  actual_values: number | null;
  actual_min: number | null;
  actual_max: number | null;
  actual_title: string | null;
  actual_issuer: string | null;
  actual_published: string | null;
  /** Actual ÷ target (target ÷ actual where lower is better); null with no actual or a target of 0 or less. */
  attainment: number | null;
  /** Null when no actual is reported. */
  met: boolean | null;
  lower_is_better: boolean;
}

/** An attainment as a percentage with one decimal: `111.9%`; `—` when there is none. */
export function formatAttainment(a: number | null, lang: Lang): string {
  if (a === null) return '—';
  return `${(a * 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** Whether the target was met, in words: 已达成 / 未达成 / 未知(尚无实际值). */
export function statusWord(met: boolean | null, lang: Lang): string {
  return t(lang, met === null ? 'targetUnknown' : met ? 'targetMet' : 'targetUnmet');
}
