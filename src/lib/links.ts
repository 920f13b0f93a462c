/** Links between views (without the base path): a figure's drill-down, its place in its document, the printed report. */
import type { FigureRow } from './types.ts';
import type { Lang } from './i18n.ts';
import { stateToParams } from './state.ts';

/** The document view's address (without the base path), opened at a figure. */
export function documentHref(docId: string, figureId: string | null, lang: Lang | null, raw = false): string {
  const p = new URLSearchParams({ doc: docId });
  if (figureId) p.set('figure', figureId);
  if (raw) p.set('raw', '1');
  if (lang) p.set('lang', lang);
  return `/doc?${p}`;
}

/**
 * A figure's drill-down on the compare view (without the base path): its indicator, measure and region, the figure open;
 * `targets` joins each target to its actual on the chart.
 */
export function drillDownHref(f: Pick<FigureRow, 'indicator' | 'measure' | 'unit' | 'region' | 'figure_id'>, lang: Lang | null, options: { targets?: boolean } = {}): string {
  const p = stateToParams({ indicator: f.indicator, measure: f.measure, unit: f.unit, regions: [f.region], indicators: [], figure: f.figure_id, lang, targets: options.targets }, 'compare');
  return `/?${p}`;
}

/** The printed report's address (without the base path) for some indicators and regions. */
export function reportHref(state: { indicators: string[]; regions: string[]; lang: Lang | null; from?: number; to?: number; targets?: boolean }): string {
  const p = new URLSearchParams();
  p.set('indicators', state.indicators.join(','));
  p.set('regions', state.regions.join(','));
  if (state.from !== undefined) p.set('from', String(state.from));
  if (state.to !== undefined) p.set('to', String(state.to));
  if (state.targets) p.set('targets', '1');
  if (state.lang) p.set('lang', state.lang);
  return `/report?${p}`;
}

/**
 * A document's source URL as a link target: the URL when it is an http(s) address, else null.
 * Source URLs come from each corpus's sources.tsv; a `javascript:`, `data:` or relative one is
 * shown as text, never made a link.
 */
export function sourceHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
