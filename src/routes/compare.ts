import { run } from '$lib/db/duckdb.ts';
import { figureDetail, measuresOf, sameFact, series } from '$lib/db/queries.ts';
import { catalogsOf } from '$lib/data.ts';
import type { ChartRow } from '$lib/charts/compare.ts';
import { chooseMeasure, type MeasureOption } from '$lib/charts/spec.ts';

/** A catalog indicator with its figure count. */
export interface IndicatorOption { indicator: string; name_zh: string; name_en: string; unit: string; group: string; n: number }
/** A region that has figures. */
export interface RegionOption { region: string; name_zh: string; name_en: string; level: string; parent: string | null; n: number }
export type { MeasureOption };
export { nameIn } from '$lib/charts/spec.ts';

/** The catalogs the pickers show, with counts: the same load the exports and embeds share. */
export function loadCatalog(dataUrl: string): Promise<{ indicators: IndicatorOption[]; regions: RegionOption[] }> {
  return catalogsOf(dataUrl);
}

/** Indicators grouped for the picker, in the dashboard's group order. */
export function groupIndicators(list: IndicatorOption[]): Array<{ group: string; items: IndicatorOption[] }> {
  const order = ['enterprises', 'labs_platforms', 'funding_finance', 'rd_output', 'other'];
  return order.map((group) => ({ group, items: list.filter((i) => i.group === group) })).filter((g) => g.items.length);
}

/** The measures of an indicator, and the one to show: the requested one if it exists, else the most common. */
export async function loadMeasures(dataUrl: string, indicator: string, measure: string | null, unit: string | null) {
  const measures = await run<MeasureOption>(dataUrl, measuresOf(indicator));
  return { measures, chosen: chooseMeasure(measures, measure, unit) };
}

/** The rows a compare chart draws. */
export function loadSeries(dataUrl: string, indicator: string, m: MeasureOption, regions: string[]): Promise<ChartRow[]> {
  return run<ChartRow>(dataUrl, series(indicator, m.measure, m.unit, regions));
}

/** A figure as the drill-down shows it. */
export interface FigureDetail {
  figure_id: string; doc_id: string; indicator: string; label: string; region: string; year: number | null; period: string;
  stance: string; measure: string; value: number; unit: string; qualifier: string; quote: string; sentence: string;
  text_start: number; text_end: number; sentence_text_start: number; confidence: number; year_inferred: boolean;
  title: string; issuer: string; published: string | null; doc_number: string | null;
}
/** Another source for the same fact. */
export interface SameFactRow { figure_id: string; doc_id: string; value: number; qualifier: string; quote: string; sentence: string; title: string; issuer: string; published: string | null }

/** A figure, and every figure that reports the same fact; `conflict` when their values differ. */
export async function loadFigure(dataUrl: string, id: string) {
  const [figure] = await run<FigureDetail>(dataUrl, figureDetail(id));
  if (!figure) return null;
  const same = figure.year === null ? [] : await run<SameFactRow>(dataUrl, sameFact({ ...figure, year: figure.year }));
  const values = new Set(same.map((s) => s.value));
  return { figure, same, conflict: values.size > 1 };
}

/** The sentence cut around the quote, so the number can be marked. */
export function splitSentence(f: Pick<FigureDetail, 'sentence' | 'text_start' | 'text_end' | 'sentence_text_start'>): [string, string, string] {
  const a = Math.max(0, f.text_start - f.sentence_text_start);
  const b = Math.max(a, f.text_end - f.sentence_text_start);
  return [f.sentence.slice(0, a), f.sentence.slice(a, b), f.sentence.slice(b)];
}
