/**
 * A chart point's drill-down: the figure with its sentence and document, and
 * every other figure that reports the same fact, flagged when their values differ.
 */
import { figureDetail, sameFact, targetOfFact, type Exec, type FigurePlace } from './db/queries.ts';
import { UNPAIRED, wholeYear, type TargetPairRow } from './targets.ts';

/** A figure as the drill-down shows it. */
export interface FigureDetail {
  figure_id: string; doc_id: string; indicator: string; label: string; region: string; year: number | null; period: string;
  stance: string; measure: string; value: number; unit: string; qualifier: string; quote: string; sentence: string;
  text_start: number; text_end: number; sentence_text_start: number; confidence: number; year_inferred: boolean;
  title: string; issuer: string; published: string | null; doc_number: string | null;
}

/** Another figure that reports the same fact. */
export interface SameFactRow { figure_id: string; doc_id: string; value: number; qualifier: string; quote: string; sentence: string; title: string; issuer: string; published: string | null }

/**
 * A figure, and the other figures that report the same fact (never the figure itself); `conflict` when one of
 * them gives another value. Null when the data has no such figure (of that indicator, when one is named:
 * figures.parquet is ordered by indicator, so naming it skips the other indicators' row groups; a label of
 * `other` names `other`).
 */
export async function loadFigure(exec: Exec, id: string, indicator?: string, where?: FigurePlace) {
  // The place a chart point gives narrows the read; a figure not there after all (a stale link) is looked up by id alone.
  const placed = where ? await exec<FigureDetail>(figureDetail(id, indicator, where)) : [];
  const [figure] = placed.length ? placed : await exec<FigureDetail>(figureDetail(id, indicator));
  if (!figure) return null;
  const all = figure.year === null ? [] : await exec<SameFactRow>(sameFact({ ...figure, year: figure.year }));
  const same = all.filter((s) => s.figure_id !== figure.figure_id);
  return { figure, same, conflict: same.some((s) => s.value !== figure.value), pair: await pairOf(exec, figure) };
}

/**
 * The target a figure is, or is the actual of, with the actual and the attainment (`targetOfFact`, the
 * query the targets view runs): null for a figure no target is paired with (an expected value, part of a
 * year or several years, an undated figure, `other`, or a fact that has no target).
 */
export async function pairOf(exec: Exec, f: Pick<FigureDetail, 'region' | 'indicator' | 'measure' | 'unit' | 'year' | 'stance' | 'period'>): Promise<TargetPairRow | null> {
  if (f.year === null || (f.stance !== 'target' && f.stance !== 'actual') || !wholeYear(f.period) || UNPAIRED.includes(f.indicator)) return null;
  const [pair] = await exec<TargetPairRow>(targetOfFact({ ...f, year: f.year }));
  return pair ?? null;
}

type Drawn = { points: Array<{ figure_id: string; region: string; year: number }> };

/** Where the chart drew a figure (its point's region and year), when one of `view`'s points shows it; else nothing to narrow by. */
export async function placeOf(view: Drawn | Promise<Drawn>, id: string): Promise<FigurePlace | undefined> {
  const point = await Promise.resolve(view).then((v) => v.points.find((p) => p.figure_id === id), () => undefined);
  return point ? { region: point.region, year: point.year } : undefined;
}

/** The sentence cut around the quote, so the number can be marked. */
export function splitSentence(f: Pick<FigureDetail, 'sentence' | 'text_start' | 'text_end' | 'sentence_text_start'>): [string, string, string] {
  const a = Math.max(0, f.text_start - f.sentence_text_start);
  const b = Math.max(a, f.text_end - f.sentence_text_start);
  return [f.sentence.slice(0, a), f.sentence.slice(a, b), f.sentence.slice(b)];
}
