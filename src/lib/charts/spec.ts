/**
 * The one way a chart is loaded: named by what it shows (indicator, regions,
 * years, measure, stances), from any data folder — fetched in the browser (the
 * compare page, the small multiples, exports, embeds, the report), read from
 * disk in Node (the prerendered first view, `npm run chart`). Its points come
 * first, in no language, from the indicator's small series file (no DuckDB), so
 * a chart switch fetches kilobytes and a page switches language without loading
 * again; the figures behind the points, with their documents, come only for what
 * cites them (exports, embeds, the report, the CLI), through SQL.
 */
import { t, type Lang } from '../i18n.ts';
import { seriesSources, type SeriesFilter } from '../db/queries.ts';
import { SERIES_INDEX, seriesFile } from '../db/layout.ts';
import { measuresIn, ofIndicator, pointsOf, seriesRegions, type DataFolder, type MeasureOption } from '../db/series.ts';
import type { SeriesIndexRow, SeriesRow } from '../types.ts';
import { indicatorName, nameIn, type Catalogs } from '../catalog.ts';
import { displayUnit } from '../units.ts';
import type { ChartRow, CompareOptions, Theme } from './compare.ts';
import { sourcesOf, type DataVersion, type FrameOptions, type SourceDoc } from './frame.ts';
import { targetLinks } from '../targets.ts';

export type { MeasureOption };

/** Which data a chart draws. Ids are checked against the catalogs before any query runs. */
export interface ChartQuery {
  /** A catalog indicator, or a label of `other` (`other:院士团队`). */
  indicator: string;
  regions: string[];
  /** The measure and unit asked for; absent or null lets the chart choose (`chooseMeasure`). */
  measure?: string | null;
  unit?: string | null;
  from?: number;
  to?: number;
  stances?: string[];
}

/** What a chart shows and how it is drawn. */
export interface ChartSpec extends ChartQuery {
  lang: Lang;
  theme?: Theme;
  plain?: boolean;
  /** Each target joined to the same year's actual by a dotted arrow with its attainment, as the compare view draws it with `targets=1`. */
  targets?: boolean;
  width?: number;
  height?: number;
}

/** A chart's data in no language: the indicator's measures, the one drawn, and its points. */
export interface ChartPoints {
  measures: MeasureOption[];
  measure: MeasureOption | null;
  points: ChartRow[];
}

/** A chart's words in one language. */
export interface ChartLabels {
  title: string;
  /** Measure and unit: `总量 · 家`. */
  subtitle: string;
  regionName: (region: string) => string;
}

/** A plotted figure with its sentence and document: a row of a chart's CSV, and a citation's source. */
export interface PlottedRow extends ChartRow, SourceDoc {
  label: string;
  indicator: string;
  sentence: string;
}

/** Everything a framed chart needs: its points, its words, and the figures and documents it cites. */
export interface ChartData extends ChartPoints, ChartLabels {
  spec: ChartSpec;
  /** The figures behind the points, with their sentences and documents. */
  rows: PlottedRow[];
  sources: SourceDoc[];
}

// Without a request, a chart shows levels before changes: a stock (total) or a flow (amount) reads on its own.
const PREFERRED = ['total', 'amount'];

/** The requested measure if the indicator has it, else its total or amount, else the one with most figures (`measures` comes most first). */
export function chooseMeasure(measures: MeasureOption[], measure?: string | null, unit?: string | null): MeasureOption | null {
  return measures.find((m) => m.measure === measure && (!unit || m.unit === unit))
    ?? PREFERRED.map((p) => measures.find((m) => m.measure === p)).find(Boolean)
    ?? measures[0] ?? null;
}

/** The measures an indicator's dated figures come in, most figures first. */
export async function loadMeasures(data: DataFolder, indicator: string): Promise<MeasureOption[]> {
  return measuresIn(await data.read<SeriesIndexRow>(SERIES_INDEX), indicator);
}

const filterOf = (q: ChartQuery): SeriesFilter => ({ from: q.from, to: q.to, stances: q.stances });

/** The points of a chart: its measure chosen among the indicator's, and what it draws of the regions asked. */
export async function loadPoints(data: DataFolder, q: ChartQuery): Promise<ChartPoints> {
  const index = await data.read<SeriesIndexRow>(SERIES_INDEX);
  const measures = measuresIn(index, q.indicator);
  const measure = chooseMeasure(measures, q.measure, q.unit);
  if (!measure) return { measures, measure, points: [] };
  // One file per region with dated figures of the indicator, as the index lists them; they stay cached for the other measures.
  // A label of `other` reads `other`'s files and keeps its own points.
  const files = await Promise.all(seriesRegions(index, q.indicator, q.regions).map((r) => data.read<SeriesRow>(seriesFile(q.indicator, r))));
  return { measures, measure, points: pointsOf(ofIndicator(files.flat(), q.indicator), measure.measure, measure.unit, q.regions, filterOf(q)) };
}

/** The figures behind a chart's points (every figure a point stands for), with their sentences and documents. */
export function loadPlotted(data: DataFolder, q: ChartQuery, measure: MeasureOption | null): Promise<PlottedRow[]> {
  if (!measure || !q.regions.length) return Promise.resolve([]);
  return data.exec<PlottedRow>(seriesSources(q.indicator, measure.measure, measure.unit, q.regions, filterOf(q)));
}

/** A chart's title, subtitle and region names in `lang`. */
export function chartLabels(indicator: string, measure: MeasureOption | null, lang: Lang, catalogs: Catalogs): ChartLabels {
  const regions = new Map(catalogs.regions.map((r) => [r.region, r]));
  const unit = measure ? displayUnit(measure.unit, measure.measure)[lang] : '';
  return {
    title: indicatorName(lang, catalogs.indicators, indicator),
    subtitle: measure ? `${t(lang, measure.measure as 'total')} · ${unit}` : '',
    regionName: (r) => nameIn(lang, regions.get(r), r),
  };
}

/** A chart whole: its points, its words, and the figures and documents it cites. */
export async function loadChart(data: DataFolder, spec: ChartSpec, catalogs: Catalogs): Promise<ChartData> {
  const points = await loadPoints(data, spec);
  const rows = await loadPlotted(data, spec, points.measure);
  return { spec, ...points, ...chartLabels(spec.indicator, points.measure, spec.lang, catalogs), rows, sources: sourcesOf(rows) };
}

/** The options the dashboard's live chart draws points with (the compare page, its prerender, the small multiples). */
export function compareOptions(labels: ChartLabels, measure: MeasureOption, regions: string[], lang: Lang): CompareOptions {
  return { lang, unit: measure.unit, measure: measure.measure, regions, regionName: labels.regionName, title: labels.title };
}

/** The options `framedChart` draws a loaded chart with. */
export function frameOptions(data: ChartData, version: DataVersion, document?: Document): FrameOptions {
  const { spec } = data;
  return {
    lang: spec.lang, theme: spec.theme, plain: spec.plain, width: spec.width, height: spec.height,
    unit: data.measure?.unit ?? '', measure: data.measure?.measure ?? '',
    regions: spec.regions, regionName: data.regionName,
    title: data.title, subtitle: data.subtitle, sources: data.sources, data: version, document,
    links: spec.targets ? targetLinks(data.points, spec.indicator) : undefined,
  };
}
