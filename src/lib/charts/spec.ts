/**
 * A chart named by what it shows (indicator, regions, years, measure, stances)
 * and the data it draws, loaded through any query runner: DuckDB-WASM in the
 * browser (dashboard exports, embeds, the report), DuckDB in Node (`npm run
 * chart`). Both then draw it with `framedChart`, so they draw the same chart.
 */
import { t, type Lang } from '../i18n.ts';
import { indicatorCounts, measuresOf, regionCounts, seriesSources, type Query, type SeriesFilter } from '../db/queries.ts';
import { displayUnit } from '../units.ts';
import type { ChartRow, Theme } from './compare.ts';
import { sourcesOf, type DataVersion, type FrameOptions, type SourceDoc } from './frame.ts';

/** Runs a query and returns plain rows. */
export type Exec = <T>(query: Query) => Promise<T[]>;

/** A measure and unit an indicator's figures come in. */
export interface MeasureOption {
  measure: string;
  unit: string;
  n: number;
}

/** A catalog entry with its names in both languages. */
export interface Named {
  name_zh: string;
  name_en: string;
}

/** What a chart shows. Ids are checked against the catalogs before any query runs. */
export interface ChartSpec {
  indicator: string;
  regions: string[];
  measure?: string | null;
  unit?: string | null;
  from?: number;
  to?: number;
  stances?: string[];
  lang: Lang;
  theme?: Theme;
  plain?: boolean;
  width?: number;
  height?: number;
}

/** A plotted figure with its sentence and document: a row of a chart's CSV, and a citation's source. */
export interface PlottedRow extends ChartRow, SourceDoc {
  label: string;
  indicator: string;
  sentence: string;
}

/** Everything a framed chart needs. */
export interface ChartData {
  spec: ChartSpec;
  measure: MeasureOption | null;
  measures: MeasureOption[];
  rows: PlottedRow[];
  sources: SourceDoc[];
  title: string;
  subtitle: string;
  regionName: (region: string) => string;
}

// Without a request, a chart shows levels before changes: a stock (total) or a flow (amount) reads on its own.
const PREFERRED = ['total', 'amount'];

/** The requested measure if the indicator has it, else its total or amount, else the one with most figures (`measures` comes most first). */
export function chooseMeasure(measures: MeasureOption[], measure?: string | null, unit?: string | null): MeasureOption | null {
  return measures.find((m) => m.measure === measure && (!unit || m.unit === unit))
    ?? PREFERRED.map((p) => measures.find((m) => m.measure === p)).find(Boolean)
    ?? measures[0] ?? null;
}

/** A name in the interface language, or the id when the catalog has none. */
export function nameIn(lang: Lang, o: Named | undefined, fallback: string): string {
  return o ? (lang === 'zh' ? o.name_zh : o.name_en) : fallback;
}

/** The catalogs a spec is checked against: indicators and the regions that have figures. */
export async function loadCatalogs(exec: Exec) {
  const [indicators, regions] = await Promise.all([
    exec<Named & { indicator: string; unit: string; group: string; n: number }>(indicatorCounts()),
    exec<Named & { region: string; level: string; parent: string | null; n: number }>(regionCounts()),
  ]);
  return { indicators, regions };
}
export type Catalogs = Awaited<ReturnType<typeof loadCatalogs>>;

/** The rows, sources and labels of a chart. */
export async function loadChart(exec: Exec, spec: ChartSpec, catalogs: Catalogs): Promise<ChartData> {
  const measures = await exec<MeasureOption>(measuresOf(spec.indicator));
  const measure = chooseMeasure(measures, spec.measure, spec.unit);
  const filter: SeriesFilter = { from: spec.from, to: spec.to, stances: spec.stances };
  const rows = measure && spec.regions.length
    ? await exec<PlottedRow>(seriesSources(spec.indicator, measure.measure, measure.unit, spec.regions, filter))
    : [];
  const lang = spec.lang;
  const regions = new Map(catalogs.regions.map((r) => [r.region, r]));
  const title = nameIn(lang, catalogs.indicators.find((i) => i.indicator === spec.indicator), spec.indicator);
  const unit = measure ? displayUnit(measure.unit, measure.measure)[lang] : '';
  return {
    spec, measure, measures, rows,
    sources: sourcesOf(rows),
    title,
    subtitle: measure ? `${t(lang, measure.measure as 'total')} · ${unit}` : '',
    regionName: (r) => nameIn(lang, regions.get(r), r),
  };
}

/** The options `framedChart` draws a loaded chart with. */
export function frameOptions(data: ChartData, version: DataVersion, document?: Document): FrameOptions {
  const { spec } = data;
  return {
    lang: spec.lang, theme: spec.theme, plain: spec.plain, width: spec.width, height: spec.height,
    unit: data.measure?.unit ?? '', measure: data.measure?.measure ?? '',
    regions: spec.regions, regionName: data.regionName,
    title: data.title, subtitle: data.subtitle, sources: data.sources, data: version, document,
  };
}
