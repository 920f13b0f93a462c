/**
 * The compare page's default view, drawn at build time: its catalogs and
 * points, and the chart as SVG in both themes, so the page shows the chart in
 * its first paint (even without JavaScript) and DuckDB-WASM loads after.
 */
import type { Lang } from './i18n.ts';
import type { DataFolder } from './db/series.ts';
import { DEFAULT_INDICATOR, DEFAULT_REGIONS } from './params.ts';
import { loadCatalogs, type Catalogs } from './catalog.ts';
import { compareChart, type Theme } from './charts/compare.ts';
import { chartLabels, compareOptions, loadPoints, type ChartPoints } from './charts/spec.ts';

/** The default compare view, as the page loads it, and its chart drawn in each theme. */
export interface FirstView {
  /** The data version (run.json) it was drawn from: the page drops it when the served data is another. */
  data_version: string;
  lang: Lang;
  indicator: string;
  regions: string[];
  catalog: Catalogs;
  view: ChartPoints;
  svg: Record<Theme, string>;
}

/** Loads the default view from a data folder, as the page does, and draws it with `document` (linkedom's, in Node). */
export async function firstView(data: DataFolder, document: Document, dataVersion: string, lang: Lang = 'zh'): Promise<FirstView> {
  const indicator = DEFAULT_INDICATOR;
  const regions = DEFAULT_REGIONS;
  const catalog = await loadCatalogs(data);
  const view = await loadPoints(data, { indicator, regions });
  const { measure, points } = view;
  const draw = (theme: Theme) => {
    if (!measure || !points.length) return '';
    const options = compareOptions(chartLabels(indicator, measure, lang, catalog), measure, regions, lang);
    return compareChart(points, { ...options, document, ...(theme === 'dark' ? { theme } : {}) }).outerHTML;
  };
  return { data_version: dataVersion, lang, indicator, regions, catalog, view, svg: { light: draw('light'), dark: draw('dark') } };
}
