/**
 * The compare page's default view, drawn at build time: its catalogs, measures
 * and rows, and the chart as SVG in both themes, so the page shows the chart in
 * its first paint (even without JavaScript) and DuckDB-WASM loads after.
 */
import type { Lang } from './i18n.ts';
import { measuresOf, series } from './db/queries.ts';
import { DEFAULT_INDICATOR } from './state.ts';
import { DEFAULT_REGIONS } from './palette.ts';
import { compareChart, type ChartRow, type CompareOptions, type Theme } from './charts/compare.ts';
import { chooseMeasure, loadCatalogs, nameIn, type Catalogs, type Exec, type MeasureOption } from './charts/spec.ts';

/** The file, in the data folder, that the build step writes and the page's prerender reads. */
export const FIRST_VIEW_FILE = 'first-view.json';

/** The default compare view, as the page would load it, and its chart drawn in each theme. */
export interface FirstView {
  /** The data version (run.json) it was drawn from: the page drops it when the served data is another. */
  data_version: string;
  lang: Lang;
  indicator: string;
  regions: string[];
  catalog: Catalogs;
  measures: MeasureOption[];
  chosen: MeasureOption | null;
  rows: ChartRow[];
  svg: Record<Theme, string>;
}

/** The chart's options as the compare page passes them: the prerender and the live chart must agree. */
export function compareOptions(lang: Lang, catalog: Catalogs, indicator: string, chosen: MeasureOption, regions: string[]): CompareOptions {
  return {
    lang, unit: chosen.unit, measure: chosen.measure, regions,
    regionName: (r) => nameIn(lang, catalog.regions.find((x) => x.region === r), r),
    title: nameIn(lang, catalog.indicators.find((i) => i.indicator === indicator), indicator),
  };
}

/** Loads the default view through any query runner and draws it with `document` (linkedom's, in Node). */
export async function firstView(exec: Exec, document: Document, dataVersion: string, lang: Lang = 'zh'): Promise<FirstView> {
  const indicator = DEFAULT_INDICATOR;
  const regions = DEFAULT_REGIONS;
  const catalog = await loadCatalogs(exec);
  const measures = await exec<MeasureOption>(measuresOf(indicator));
  const chosen = chooseMeasure(measures, null, null);
  const rows = chosen ? await exec<ChartRow>(series(indicator, chosen.measure, chosen.unit, regions)) : [];
  const draw = (theme: Theme) => {
    if (!chosen || !rows.length) return '';
    const options = compareOptions(lang, catalog, indicator, chosen, regions);
    return compareChart(rows, { ...options, document, ...(theme === 'dark' ? { theme } : {}) }).outerHTML;
  };
  return { data_version: dataVersion, lang, indicator, regions, catalog, measures, chosen, rows, svg: { light: draw('light'), dark: draw('dark') } };
}
