import type { Lang } from './i18n.ts';

/** How a unit is shown on an axis: values divided by `scale`, labelled in both languages. */
export interface DisplayUnit {
  scale: number;
  zh: string;
  en: string;
}

const UNITS: Record<string, DisplayUnit> = {
  count: { scale: 1, zh: '家/个', en: 'count' },
  CNY: { scale: 1e8, zh: '亿元', en: '100 million yuan' },
  percent: { scale: 1, zh: '%', en: '%' },
  people: { scale: 1, zh: '人', en: 'people' },
  items: { scale: 1, zh: '项/件', en: 'items' },
  times: { scale: 1, zh: '次/场', en: 'times' },
};

/** The display unit of a canonical unit. */
export function displayUnit(unit: string, measure?: string): DisplayUnit {
  if (measure === 'rank') return { scale: 1, zh: '名次', en: 'rank' };
  return UNITS[unit] ?? { scale: 1, zh: unit, en: unit };
}

const QUALIFIER_MARK: Record<string, string> = { approx: '≈', more_than: '>', at_least: '≥', at_most: '≤', exact: '' };

/** The sign a qualifier shows beside a value: ≈ 近/约, > 超过, ≥ 以上, ≤ 不超过. */
export function qualifierMark(q: string): string {
  return QUALIFIER_MARK[q] ?? '';
}

// toLocaleString builds a formatter per call; a million points on a language switch made that a second's work.
const FORMATS = {
  zh: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
} satisfies Record<Lang, Intl.NumberFormat>;

/** A value in its display unit, with its qualifier sign: `≈24 亿元`. */
export function formatValue(value: number, unit: string, qualifier: string, lang: Lang, measure?: string): string {
  const d = displayUnit(unit, measure);
  return `${qualifierMark(qualifier)}${FORMATS[lang].format(value / d.scale)} ${lang === 'zh' ? d.zh : d.en}`;
}
