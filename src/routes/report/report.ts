/**
 * The printed report: its URL, the charts it draws (through the shared chart
 * module) and one list of citations numbered across all of them, so that a
 * chart's footer, its table and the report's "Sources cited" use the same [n].
 */
import { t, type Lang } from '$lib/i18n.ts';
import { loadChart, frameOptions, type ChartData } from '$lib/charts/spec.ts';
import { loadCatalogs } from '$lib/catalog.ts';
import type { DataFolder } from '$lib/db/series.ts';
import { type DataVersion, type FrameOptions, type SourceDoc } from '$lib/charts/frame.ts';
import { formatValue } from '$lib/units.ts';
import { DEFAULT_INDICATORS, DEFAULT_REGIONS, ID, isIndicatorId, LANGS, MAX_IDS, oneOf, readYear, YEARS } from '$lib/params.ts';

/** A parameter value the report did not use, and why. */
export interface Ignored {
  param: 'indicators' | 'regions' | 'from' | 'to' | 'targets';
  value: string;
  why: 'malformed' | 'unknown' | 'tooMany' | 'badYear';
}

/** What the report shows, as its URL says: `?indicators=a,b&regions=x,y&from=2016&to=2025&lang=en`. */
export interface ReportParams {
  indicators: string[];
  regions: string[];
  from?: number;
  to?: number;
  /** Each chart joins its targets to the same year's actuals by arrows (`targets=1`), as the compare view does. */
  targets: boolean;
  lang: Lang | null;
  ignored: Ignored[];
}

const WORDS = {
  printedOn: { zh: '打印于', en: 'Printed' },
  ignored: { zh: '以下参数已忽略', en: 'Ignored parameters' },
  malformed: { zh: '不是有效的编号', en: 'not an id' },
  unknown: { zh: '数据中没有', en: 'not in the data' },
  tooMany: { zh: `超过 ${MAX_IDS} 项上限`, en: `over the limit of ${MAX_IDS}` },
  badYear: { zh: `不是 ${YEARS.min}–${YEARS.max} 之间的年份`, en: `not a year between ${YEARS.min} and ${YEARS.max}` },
  noSelection: { zh: '没有可显示的指标或地区,报告为空', en: 'No indicator or region to show: the report is empty' },
  cite: { zh: '引用', en: 'Ref.' },
  years: { zh: '年份范围', en: 'Years' },
  more: { zh: '另有 {n} 项', en: '{n} more' },
} as const;

/** A word of the report view that the shared dictionary does not have. */
export function word(lang: Lang, key: keyof typeof WORDS): string {
  return WORDS[key][lang];
}

// A hostile value is shown in the note, never used; long ones are cut so the note stays a note.
const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

function idList(params: URLSearchParams, param: 'indicators' | 'regions', fallback: string[], ignored: Ignored[]): string[] {
  if (!params.has(param)) return fallback;
  const out: string[] = [];
  for (const value of (params.get(param) ?? '').split(',')) {
    if (value === '' || out.includes(value)) continue;
    if (!(param === 'indicators' ? isIndicatorId(value) : ID.test(value))) ignored.push({ param, value: shown(value), why: 'malformed' });
    else if (out.length >= MAX_IDS) ignored.push({ param, value, why: 'tooMany' });
    else out.push(value);
  }
  return out;
}

function year(params: URLSearchParams, param: 'from' | 'to', ignored: Ignored[]): number | undefined {
  const value = params.get(param);
  if (value === null || value === '') return undefined;
  const y = readYear(value);
  if (y !== null) return y;
  ignored.push({ param, value: shown(value), why: 'badYear' });
  return undefined;
}

/**
 * Reads the report's URL. Malformed ids, surplus ids and bad years are dropped
 * and listed in `ignored`; an absent list takes the default, a present but empty
 * one stays empty (and the report says so).
 */
export function parseReportParams(params: URLSearchParams): ReportParams {
  const ignored: Ignored[] = [];
  const indicators = idList(params, 'indicators', DEFAULT_INDICATORS, ignored);
  const regions = idList(params, 'regions', DEFAULT_REGIONS, ignored);
  const from = year(params, 'from', ignored);
  const to = year(params, 'to', ignored);
  const targets = params.get('targets');
  if (targets !== null && targets !== '0' && targets !== '1') ignored.push({ param: 'targets', value: shown(targets), why: 'malformed' });
  return { indicators, regions, from, to, targets: targets === '1', lang: oneOf(params.get('lang'), LANGS), ignored };
}

/**
 * One numbered list of every source the charts cite, in the order a reader meets
 * them (chart by chart, each chart's own order), and each source's number.
 */
export function numberCitations(lists: SourceDoc[][]): { citations: SourceDoc[]; numberOf: Map<string, number> } {
  const citations: SourceDoc[] = [];
  const numberOf = new Map<string, number>();
  for (const s of lists.flat()) {
    if (numberOf.has(s.doc_id)) continue;
    citations.push(s);
    numberOf.set(s.doc_id, citations.length);
  }
  return { citations, numberOf };
}

/** A row of a section's table: a plotted figure as written, with its citation number. */
export interface TableRow {
  figure_id: string;
  region: string;
  year: number;
  stance: string;
  value: string;
  quote: string;
  cite: number;
}

/** One indicator's part of the report: its chart, its sources in report numbering, its table. */
export interface ReportSection {
  indicator: string;
  data: ChartData;
  /** The chart's sources, in the order of their report numbers. */
  sources: SourceDoc[];
  numbers: number[];
  rows: TableRow[];
}

/** The whole report, loaded. */
export interface Report {
  regions: string[];
  regionNames: string[];
  ignored: Ignored[];
  sections: ReportSection[];
  citations: SourceDoc[];
}

/** The sections' tables and footers in the report's numbering. */
export function numberSections(charts: ChartData[], lang: Lang): { sections: ReportSection[]; citations: SourceDoc[] } {
  const { citations, numberOf } = numberCitations(charts.map((c) => c.sources));
  const sections = charts.map((data) => {
    const sources = [...data.sources].sort((a, b) => numberOf.get(a.doc_id)! - numberOf.get(b.doc_id)!);
    const rows = data.rows.map((r) => ({
      figure_id: r.figure_id,
      region: data.regionName(r.region),
      year: r.year,
      stance: t(lang, r.stance as 'actual'),
      value: formatValue(r.value, r.unit, r.qualifier, lang, r.measure),
      quote: r.quote,
      cite: numberOf.get(r.doc_id)!,
    }));
    return { indicator: data.spec.indicator, data, sources, numbers: sources.map((s) => numberOf.get(s.doc_id)!), rows };
  });
  return { sections, citations };
}

/**
 * Loads the report: ids checked against the catalogs (unknown ones noted, never
 * queried), then one chart per indicator through the shared chart module.
 */
export async function loadReport(data: DataFolder, p: ReportParams, lang: Lang): Promise<Report> {
  const catalogs = await loadCatalogs(data);
  const ignored = [...p.ignored];
  const known = (param: 'indicators' | 'regions', ids: string[], catalog: Set<string>) =>
    ids.filter((id) => catalog.has(id) || (ignored.push({ param, value: id, why: 'unknown' }), false));
  const indicators = known('indicators', p.indicators, new Set(catalogs.indicators.map((i) => i.indicator)));
  const regions = known('regions', p.regions, new Set(catalogs.regions.map((r) => r.region)));
  const charts = regions.length
    ? await Promise.all(indicators.map((indicator) => loadChart(data, { indicator, regions, from: p.from, to: p.to, targets: p.targets, lang }, catalogs)))
    : [];
  const names = new Map(catalogs.regions.map((r) => [r.region, lang === 'zh' ? r.name_zh : r.name_en]));
  return { regions, regionNames: regions.map((r) => names.get(r) ?? r), ignored, ...numberSections(charts, lang) };
}

/** The options a section's chart is drawn with: the shared frame, its footer citing the report's numbers. */
export function sectionChartOptions(s: ReportSection, version: DataVersion): FrameOptions {
  return { ...frameOptions(s.data, version), sources: s.sources, citationNumbers: s.numbers };
}

/** A day as `YYYY-MM-DD` in local time: the date a report is printed. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The most ignored values the note names; the rest are counted. */
export const NOTED = 10;

/**
 * The note listing ignored parameters: `regions=atlantis (not in the data); from=20x6 (not a year …)`;
 * past {@link NOTED} of them, how many more (a link may list thousands).
 */
export function ignoredNote(ignored: Ignored[], lang: Lang): string {
  const named = ignored.slice(0, NOTED).map((i) => `${i.param}=${i.value} (${word(lang, i.why)})`);
  const more = ignored.length - named.length;
  if (more > 0) named.push(word(lang, 'more').replace('{n}', more.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')));
  return named.join(lang === 'zh' ? ';' : '; ');
}
