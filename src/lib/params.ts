/**
 * What a URL or a command line may say, in one place: the shape of ids, the
 * years, the limits and the closed lists of values that every parser (the
 * view state, the embed, the report, the figures table, the documents library,
 * the document view and `npm run chart`) checks before a value reaches a query.
 * Values are compared here as values; none of them ever becomes SQL text.
 */
import type { Lang } from './i18n.ts';
import type { Measure, Stance, Unit } from './types.ts';

/** An indicator, region or measure id: lowercase letters, digits and `_`, as the catalogs name them. */
export const ID = /^[a-z0-9_]{1,64}$/;
/** A figure id: 16 hex digits, a hash of its document and span. */
export const FIGURE_ID = /^[0-9a-f]{16}$/;
/** A unit as the data names it (`CNY`, `count`, `percent` …): the compare view keeps any such word and lets the data decide. */
export const UNIT_WORD = /^[A-Za-z]{1,16}$/;

/** Whether `value` is an indicator, region or measure id. */
export function isId(value: string): boolean {
  return ID.test(value);
}

/** The years a view may be narrowed to, inclusive. */
export const YEARS = { min: 1900, max: 2100 } as const;
/**
 * The embed's years: narrower, as its README table publishes them (a host page's
 * link that worked must keep working, and one that was refused stays refused).
 */
export const EMBED_YEARS = { min: 1949, max: YEARS.max } as const;

/** A whole number of at most five digits within `bounds` (inclusive), or null: no sign, point, space or exponent. */
export function readWhole(raw: string, bounds: { min: number; max: number }): number | null {
  if (!/^[0-9]{1,5}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= bounds.min && n <= bounds.max ? n : null;
}

/** A year within `bounds`, or null: `2016` reads, `20x6`, `-5` and `99999` do not. */
export function readYear(raw: string, bounds: { min: number; max: number } = YEARS): number | null {
  return readWhole(raw, bounds);
}

/** More indicators or regions than this make an unreadable chart or report. */
export const MAX_IDS = 12;
/** The longest free-text search read (the table's and the library's `q`). */
export const MAX_SEARCH = 200;
/** The longest genre the library filters by; genres are free text from each folder's sources.tsv. */
export const MAX_GENRE = 500;
/** The longest document id the document view looks up (a file name). */
export const MAX_DOC_ID = 300;

/** The stances a figure takes, in the order filters offer them. */
export const STANCES: readonly Stance[] = ['actual', 'target', 'expected'];
/** The measures a figure comes in. */
export const MEASURES: readonly Measure[] = ['total', 'new', 'amount', 'growth_rate', 'share', 'rank'];
/** The canonical units of values. */
export const UNITS: readonly Unit[] = ['count', 'CNY', 'percent', 'people', 'items', 'times'];
/** The interface languages. */
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** `value` if it is one of `choices`, else null. */
export function oneOf<T extends string>(value: string | null | undefined, choices: readonly T[]): T | null {
  return value !== null && value !== undefined && (choices as readonly string[]).includes(value) ? (value as T) : null;
}

/** The compare view's indicator when the URL names none. */
export const DEFAULT_INDICATOR = 'high_tech_enterprises';
/** The indicators the small multiples and the report show when the URL names none. */
export const DEFAULT_INDICATORS = [DEFAULT_INDICATOR, 'tech_contract_turnover', 'rd_expenditure'];
/** The regions every view opens on. */
export const DEFAULT_REGIONS = ['hubei', 'wuhan', 'chongqing'];

/** A switch in a URL (`targets=1`, `share=1`, `national=1`): on only when it says `1`. */
export const FLAG_ON = '1';
/** Whether a URL switch is on. */
export function readFlag(raw: string | null | undefined): boolean {
  return raw === FLAG_ON;
}
/** A derived point (a city's share of its province): its two figures' ids, `<child>.<parent>`. */
export const DERIVED_ID = /^[0-9a-f]{16}\.[0-9a-f]{16}$/;
/** What the targets view filters by: met, fell short, or no actual reported yet. */
export const TARGET_STATUSES = ['met', 'unmet', 'unknown'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
/** The largest page number a view's `page` reads; beyond it the last page shows anyway. */
export const MAX_PAGE = 99_999;

/** The catalog's indicator for figures that fit no other: each carries the label of what it counts. */
export const OTHER = 'other';
/** An indicator id that names one label of `other`: `other:院士团队`. */
export const LABEL_PREFIX = `${OTHER}:`;
/** The longest label an indicator id names, in characters: longer ones are sentences the extractor misread, not names. */
export const MAX_LABEL = 32;
// A label in an id: no ASCII comma (lists of ids are comma-separated), space, control or format character, quote or angle bracket.
const LABEL = new RegExp(`^[^\\s,<>"'\`\\\\\\p{C}]{1,${MAX_LABEL}}$`, 'u');

/** An indicator id taken apart: the catalog indicator, and the label of `other` it names, if any. */
export interface IndicatorRef {
  indicator: string;
  label: string | null;
}

/** Whether `label` can be named in an indicator id (`other:<label>`). */
export function isLabel(label: string): boolean {
  return LABEL.test(label);
}

/** The indicator id of a label of `other`, or null when the label cannot be one. */
export function labelId(label: string): string | null {
  return isLabel(label) ? LABEL_PREFIX + label : null;
}

/** A catalog id (`high_tech_enterprises`) or an `other` label's (`other:院士团队`) taken apart; null when it is neither. */
export function readIndicator(value: string): IndicatorRef | null {
  if (ID.test(value)) return { indicator: value, label: null };
  if (!value.startsWith(LABEL_PREFIX)) return null;
  const label = value.slice(LABEL_PREFIX.length);
  return isLabel(label) ? { indicator: OTHER, label } : null;
}

/** Whether `value` names an indicator: a catalog id, or a label of `other` (`other:院士团队`). */
export function isIndicatorId(value: string): boolean {
  return readIndicator(value) !== null;
}

/**
 * What an indicator id asks of the data: rows of the catalog indicator, and of the label too when it names one.
 * An id that is neither names an indicator no row has, so it matches nothing.
 */
export function indicatorRef(value: string): IndicatorRef {
  return readIndicator(value) ?? { indicator: value, label: null };
}
