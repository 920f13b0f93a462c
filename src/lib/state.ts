import type { Lang } from './i18n.ts';
import { DEFAULT_INDICATOR, DEFAULT_INDICATORS, DEFAULT_REGIONS, DERIVED_ID, FIGURE_ID, FLAG_ON, ID, isIndicatorId, LANGS, MAX_IDS, oneOf, readFlag, UNIT_WORD } from './params.ts';

/** What a compare or small-multiples view shows; all of it lives in the URL. */
export interface ViewState {
  /** The compare view's indicator: a catalog id, or a label of `other` (`other:院士团队`). */
  indicator: string;
  /** Measure and unit of the compare view; null lets the view pick the one with most figures. */
  measure: string | null;
  unit: string | null;
  regions: string[];
  /** The small-multiples view's indicators. */
  indicators: string[];
  /** The figure whose drill-down is open. */
  figure: string | null;
  lang: Lang | null;
  /** The compare view's options: targets joined to their actuals, a city's share of its province, national figures as a reference line. */
  targets?: boolean;
  share?: boolean;
  national?: boolean;
  /** The derived point (a share) whose drill-down is open: `<child figure>.<parent figure>`. */
  derived?: string | null;
}

/** The compare view's switches, as the URL names them. */
const OPTIONS = ['targets', 'share', 'national'] as const;

// Well-formed ids, each once, at most MAX_IDS of them: a link listing thousands draws no thousand panels or boxes.
const ids = (s: string | null, ok: (id: string) => boolean = (x) => ID.test(x)) => [...new Set((s ?? '').split(',').filter(ok))].slice(0, MAX_IDS);

/** Reads a view's state from URL search parameters, dropping anything malformed. */
export function parseState(params: URLSearchParams): ViewState {
  const indicator = params.get('indicator') ?? '';
  const measure = params.get('measure');
  const unit = params.get('unit');
  const regions = params.has('regions') ? ids(params.get('regions')) : DEFAULT_REGIONS;
  const indicators = ids(params.get('indicators'), isIndicatorId);
  const figure = params.get('figure');
  const lang = params.get('lang');
  const derived = params.get('derived');
  return {
    indicator: isIndicatorId(indicator) ? indicator : DEFAULT_INDICATOR,
    measure: measure && ID.test(measure) ? measure : null,
    unit: unit && UNIT_WORD.test(unit) ? unit : null,
    regions,
    indicators: indicators.length ? indicators : DEFAULT_INDICATORS,
    figure: figure && FIGURE_ID.test(figure) ? figure : null,
    lang: oneOf(lang, LANGS),
    targets: readFlag(params.get('targets')),
    share: readFlag(params.get('share')),
    national: readFlag(params.get('national')),
    derived: derived && DERIVED_ID.test(derived) ? derived : null,
  };
}

/** Writes a view's state as URL search parameters (only what differs from a bare URL). */
export function stateToParams(s: ViewState, view: 'compare' | 'multiples'): URLSearchParams {
  const p = new URLSearchParams();
  if (view === 'compare') {
    p.set('indicator', s.indicator);
    if (s.measure) p.set('measure', s.measure);
    if (s.unit) p.set('unit', s.unit);
    for (const o of OPTIONS) if (s[o]) p.set(o, FLAG_ON);
  } else p.set('indicators', s.indicators.join(','));
  p.set('regions', s.regions.join(','));
  if (s.figure) p.set('figure', s.figure);
  if (view === 'compare' && s.derived) p.set('derived', s.derived);
  if (s.lang) p.set('lang', s.lang);
  return p;
}
