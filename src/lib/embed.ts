/**
 * Embeds: one Kelan chart inside someone else's page. The embed view's URL
 * parameters are read and checked here before any query runs — ids are
 * compared with the catalogs as values, so nothing a user typed becomes SQL —
 * and here are made the embed URL and the iframe snippet a host page pastes.
 */
import { t, type Lang } from './i18n.ts';
import { DEFAULT_INDICATOR, DEFAULT_REGIONS, EMBED_YEARS, ID, isIndicatorId, LANGS, MAX_IDS, MEASURES, readWhole, readYear, STANCES, UNITS } from './params.ts';
import { stateToParams } from './state.ts';
import type { Stance } from './types.ts';
import type { DataVersion, SourceDoc } from './charts/frame.ts';

/** A chart's ground: light, dark, or whatever the host page's reader prefers (`auto`). */
export type EmbedTheme = 'light' | 'dark' | 'auto';

/** What an embed shows, every value checked. */
export interface EmbedSpec {
  indicator: string;
  regions: string[];
  /** Measure and unit; null lets the chart pick the indicator's most common one. */
  measure: string | null;
  unit: string | null;
  /** First and last year drawn, inclusive. */
  from?: number;
  to?: number;
  /** The stances drawn; empty draws all three. */
  stances: Stance[];
  lang: Lang;
  theme: EmbedTheme;
  /** The chart alone: no title, units, legend, source note or link. */
  plain: boolean;
  /** Each target joined to the same year's actual by an arrow with its attainment (the compare view's `targets=1`). */
  targets: boolean;
  /** The plot's height in pixels; the chart's own default when absent. */
  height?: number;
  /** Echoed in the height messages, for hosts that tell their frames apart by name. */
  id: string | null;
}

/** The parameters of an embed URL: an indicator, and whatever else differs from the defaults. */
export type EmbedParams = Partial<EmbedSpec> & { indicator: string };

/** The ids an embed's indicator and regions are checked against (see `loadCatalogs` in catalog.ts). */
export interface EmbedCatalogs {
  indicators: ReadonlyArray<{ indicator: string }>;
  regions: ReadonlyArray<{ region: string }>;
}

/** A checked embed, or why it cannot be shown, in its language. */
export type EmbedCheck = { spec: EmbedSpec; lang: Lang } | { errors: string[]; lang: Lang };

export const HEIGHTS = { min: 200, max: 2000 } as const;
/** The frame height a snippet starts at, before the embed posts its own. */
export const DEFAULT_FRAME_HEIGHT = 520;
/** The frame heights the host script and snippets accept. */
export const FRAME_HEIGHTS = { min: 100, max: 5000 } as const;
/** The longest value read at all; a dozen region ids fit with room to spare. */
export const MAX_VALUE = 600;
const ECHO_CHARS = 40;

const THEMES: readonly EmbedTheme[] = ['light', 'dark', 'auto'];
const PARAMS = ['indicator', 'regions', 'from', 'to', 'measure', 'unit', 'stance', 'lang', 'theme', 'plain', 'targets', 'height', 'id'] as const;
// Parameters that are switches: given without a value (`&plain`), they are on.
const FLAGS: readonly string[] = ['plain', 'targets'];
type Param = (typeof PARAMS)[number];

const FRAME_ID = /^[A-Za-z0-9_-]{1,64}$/;

// The embed's own words; the shared ones (embedInvalid, openFull, sources …) are in i18n.ts.
const MESSAGES = {
  repeated: { zh: '参数 {name} 出现了 {n} 次，只能给一次', en: '{name} is given {n} times; give it once' },
  tooLong: { zh: '参数 {name} 太长（{n} 个字符，最多 {max} 个）：{value}', en: '{name} is too long ({n} characters, at most {max}): {value}' },
  empty: { zh: '参数 {name} 是空的', en: '{name} is empty' },
  notId: { zh: '{name} 不是有效的标识（小写字母、数字、下划线）：{value}', en: '{name} is not an id (lowercase letters, digits, _): {value}' },
  badFrameId: { zh: 'id 只能含字母、数字、- 和 _，最多 64 个：{value}', en: 'id may hold letters, digits, - and _, at most 64: {value}' },
  unknownIndicator: { zh: '没有这个指标：{value}', en: 'unknown indicator: {value}' },
  unknownRegion: { zh: '没有这个地区的数据：{value}', en: 'unknown region: {value}' },
  tooManyRegions: { zh: '地区最多 {max} 个，给了 {n} 个', en: 'at most {max} regions, got {n}' },
  badYear: { zh: '{name} 应为 {min} 到 {max} 之间的整数年份：{value}', en: '{name} must be a whole year from {min} to {max}: {value}' },
  yearOrder: { zh: '起始年份 from={from} 晚于结束年份 to={to}', en: 'from={from} is after to={to}' },
  badChoice: { zh: '{name} 只能是 {choices} 之一：{value}', en: '{name} must be one of {choices}: {value}' },
  badHeight: { zh: 'height 应为 {min} 到 {max} 之间的整数（像素）：{value}', en: 'height must be a whole number of pixels from {min} to {max}: {value}' },
  oneMoreSource: { zh: '等 2 份文件', en: 'and 1 more document' },
} as const;
type Message = keyof typeof MESSAGES;

function say(lang: Lang, key: Message, vars: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

// Control, format (bidi overrides, zero-width), private, unassigned, surrogate and combining characters are spelled out.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{M}]/u;

/**
 * A bad value as a message quotes it: its first 40 characters, invisible and
 * combining ones spelled out as `\u{…}`, in quotes. Shown as text, never as HTML.
 */
export function echo(value: string): string {
  const chars = [...value];
  const shown = chars.slice(0, ECHO_CHARS).map((c) => (HIDDEN.test(c) ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c)).join('');
  return `“${shown}${chars.length > ECHO_CHARS ? '…' : ''}”`;
}

/** A parameter's value, or the message that refuses it. */
type Read<T> = { value: T } | { error: string };

function list(raw: string): string[] {
  return [...new Set(raw.split(',').filter(Boolean))];
}

function readIds(name: string, raw: string, lang: Lang): Read<string[]> {
  const ids = list(raw);
  const bad = ids.find((id) => !ID.test(id));
  if (bad !== undefined) return { error: say(lang, 'notId', { name, value: echo(bad) }) };
  if (!ids.length) return { error: say(lang, 'empty', { name }) };
  if (ids.length > MAX_IDS) return { error: say(lang, 'tooManyRegions', { max: MAX_IDS, n: ids.length }) };
  return { value: ids };
}

function readChoice<T extends string>(name: string, raw: string, choices: readonly T[], lang: Lang): Read<T> {
  return (choices as readonly string[]).includes(raw)
    ? { value: raw as T }
    : { error: say(lang, 'badChoice', { name, choices: choices.join(' | '), value: echo(raw) }) };
}

/** How each parameter is read from its one, non-empty, not oversized value. */
const READERS: Record<Param, (raw: string, lang: Lang) => Read<unknown>> = {
  indicator: (raw, lang) => (isIndicatorId(raw) ? { value: raw } : { error: say(lang, 'notId', { name: 'indicator', value: echo(raw) }) }),
  regions: (raw, lang) => readIds('regions', raw, lang),
  from: (raw, lang) => year('from', raw, lang),
  to: (raw, lang) => year('to', raw, lang),
  measure: (raw, lang) => readChoice('measure', raw, MEASURES, lang),
  unit: (raw, lang) => readChoice('unit', raw, UNITS, lang),
  stance: (raw, lang) => {
    const stances = list(raw);
    const bad = stances.find((s) => !(STANCES as readonly string[]).includes(s));
    if (bad !== undefined || !stances.length) return { error: say(lang, 'badChoice', { name: 'stance', choices: STANCES.join(' | '), value: echo(bad ?? raw) }) };
    return { value: stances };
  },
  lang: (raw, lang) => readChoice('lang', raw, LANGS, lang),
  theme: (raw, lang) => readChoice('theme', raw, THEMES, lang),
  plain: (raw, lang) => flag('plain', raw, lang),
  targets: (raw, lang) => flag('targets', raw, lang),
  height: (raw, lang) => {
    const n = readWhole(raw, HEIGHTS);
    return n === null ? { error: say(lang, 'badHeight', { ...HEIGHTS, value: echo(raw) }) } : { value: n };
  },
  id: (raw, lang) => (FRAME_ID.test(raw) ? { value: raw } : { error: say(lang, 'badFrameId', { value: echo(raw) }) }),
};

function flag(name: string, raw: string, lang: Lang): Read<boolean> {
  return raw === '1' || raw === 'true' ? { value: true } : raw === '0' || raw === 'false' ? { value: false } : { error: say(lang, 'badChoice', { name, choices: '1 | 0', value: echo(raw) }) };
}

function year(name: string, raw: string, lang: Lang): Read<number> {
  const n = readYear(raw, EMBED_YEARS);
  return n === null ? { error: say(lang, 'badYear', { name, ...EMBED_YEARS, value: echo(raw) }) } : { value: n };
}

/** The language an embed speaks: its `lang` when that is valid, else Chinese. */
export function embedLang(params: URLSearchParams): Lang {
  const values = params.getAll('lang');
  return values.length === 1 && values[0] === 'en' ? 'en' : 'zh';
}

/** Every parameter read: the spec with defaults for what was left out, the problems, and which parameters were given. */
function readAll(params: URLSearchParams): { spec: EmbedSpec; errors: string[]; given: Set<Param> } {
  const lang = embedLang(params);
  const errors: string[] = [];
  const got: Partial<Record<Param, unknown>> = {};
  for (const name of PARAMS) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    const raw = values[0];
    if (values.length > 1) errors.push(say(lang, 'repeated', { name, n: values.length }));
    else if (raw.length > MAX_VALUE) errors.push(say(lang, 'tooLong', { name, n: raw.length, max: MAX_VALUE, value: echo(raw) }));
    else if (raw === '' && !FLAGS.includes(name)) errors.push(say(lang, 'empty', { name }));
    else {
      const read = READERS[name](raw === '' ? '1' : raw, lang);
      if ('error' in read) errors.push(read.error);
      else got[name] = read.value;
    }
  }
  const from = got.from as number | undefined;
  const to = got.to as number | undefined;
  if (from !== undefined && to !== undefined && from > to) errors.push(say(lang, 'yearOrder', { from, to }));
  const spec: EmbedSpec = {
    indicator: (got.indicator as string | undefined) ?? DEFAULT_INDICATOR,
    regions: (got.regions as string[] | undefined) ?? [...DEFAULT_REGIONS],
    measure: (got.measure as string | undefined) ?? null,
    unit: (got.unit as string | undefined) ?? null,
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    stances: (got.stance as Stance[] | undefined) ?? [],
    lang,
    theme: (got.theme as EmbedTheme | undefined) ?? 'light',
    plain: (got.plain as boolean | undefined) ?? false,
    targets: (got.targets as boolean | undefined) ?? false,
    ...(got.height !== undefined && { height: got.height as number }),
    id: (got.id as string | undefined) ?? null,
  };
  return { spec, errors, given: new Set(Object.keys(got) as Param[]) };
}

/**
 * Reads an embed's parameters without the catalogs: formats, ranges, lengths
 * and repeats. Cheap and query-free, so a hostile URL is refused before the
 * database starts. Unknown parameter names are ignored.
 */
export function readEmbedParams(params: URLSearchParams): EmbedCheck {
  const { spec, errors } = readAll(params);
  return errors.length ? { errors, lang: spec.lang } : { spec, lang: spec.lang };
}

/**
 * Reads and checks an embed's parameters: {@link readEmbedParams}, and the
 * indicator and regions it names looked up in the catalogs. Every problem is
 * reported, each naming its parameter and quoting the bad value.
 */
export function parseEmbedParams(params: URLSearchParams, catalogs: EmbedCatalogs): EmbedCheck {
  const { spec, errors, given } = readAll(params);
  const { lang } = spec;
  if (given.has('indicator') && !catalogs.indicators.some((i) => i.indicator === spec.indicator)) {
    errors.push(say(lang, 'unknownIndicator', { value: echo(spec.indicator) }));
  }
  const known = new Set(catalogs.regions.map((r) => r.region));
  if (given.has('regions')) {
    for (const r of spec.regions) if (!known.has(r)) errors.push(say(lang, 'unknownRegion', { value: echo(r) }));
  } else if (spec.regions.some((r) => known.has(r))) {
    // The default regions are a suggestion: those without figures in this data are left out, not refused.
    spec.regions = spec.regions.filter((r) => known.has(r));
  }
  return errors.length ? { errors, lang } : { spec, lang };
}

/**
 * The embed view's address for a chart.
 * @param siteUrl Where Kelan is served, with its base path: `https://example.org/kelan`.
 * @param p The chart: an indicator, and any of regions, from, to, measure, unit,
 *   stances, lang, theme, plain, targets, height, id; what is left out takes the embed's default.
 */
export function embedUrl(siteUrl: string, p: EmbedParams): string {
  const q = new URLSearchParams({ indicator: p.indicator });
  if (p.regions) q.set('regions', p.regions.join(','));
  if (p.from !== undefined) q.set('from', String(p.from));
  if (p.to !== undefined) q.set('to', String(p.to));
  if (p.measure) q.set('measure', p.measure);
  if (p.unit) q.set('unit', p.unit);
  if (p.stances?.length) q.set('stance', p.stances.join(','));
  if (p.lang) q.set('lang', p.lang);
  if (p.theme) q.set('theme', p.theme);
  if (p.plain) q.set('plain', '1');
  if (p.targets) q.set('targets', '1');
  if (p.height !== undefined) q.set('height', String(p.height));
  if (p.id) q.set('id', p.id);
  return `${siteUrl.replace(/\/+$/, '')}/embed?${q}`.replace(/%2C/g, ',');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * The HTML a host page pastes: an iframe of the embed and the host script that
 * sizes it to its content (`embed.js`, served beside the embed view).
 * @param embedUrl An absolute embed address, as {@link embedUrl} makes it.
 * @param title The frame's accessible name, e.g. the chart's title.
 * @param height The frame's height in pixels until the embed posts its own (kept within 100–5000).
 */
export function embedSnippet(embedUrl: string, title: string, height: number): string {
  const script = new URL('embed.js', embedUrl).href;
  const h = Number.isFinite(height) ? Math.round(Math.min(FRAME_HEIGHTS.max, Math.max(FRAME_HEIGHTS.min, height))) : DEFAULT_FRAME_HEIGHT;
  return (
    `<iframe src="${escapeHtml(embedUrl)}" title="${escapeHtml(title)}" data-kelan-embed style="width:100%;border:0" height="${h}" loading="lazy"></iframe>` +
    `<script src="${escapeHtml(script)}" async></script>`
  );
}

/** The compare view's address (without the base path) for an embed's chart, optionally with a figure open. */
export function fullViewHref(spec: EmbedSpec, figure: string | null = null): string {
  const { indicator, measure, unit, regions, lang } = spec;
  return `/?${stateToParams({ indicator, measure, unit, regions, indicators: [], figure, lang }, 'compare')}`;
}

/**
 * The embed's one-line source note: the newest source's issuer, how many
 * documents, the data version and the day it was built —
 * `来源:湖北省科学技术厅 等 3 份文件 · 数据版本 d9094500ce56 · 生成于 2026-11-29`.
 * @param sources The chart's sources, newest first (as `sourcesOf` orders them).
 */
export function sourceNote(sources: ReadonlyArray<Pick<SourceDoc, 'issuer'>>, data: DataVersion, lang: Lang): string {
  const parts: string[] = [];
  if (sources.length) {
    const n = sources.length;
    // 等 3 份文件 counts every document; "and 2 more" counts the others.
    const more = n === 1 ? '' : n === 2 && lang === 'en' ? say(lang, 'oneMoreSource') : t(lang, 'moreSources').replace('{n}', String(lang === 'zh' ? n : n - 1));
    parts.push(`${t(lang, 'sources')}${lang === 'zh' ? '：' : ': '}${sources[0].issuer || t(lang, 'unknown')}${more ? ` ${more}` : ''}`);
  }
  parts.push(`${t(lang, 'dataVersion')} ${data.version}`, `${t(lang, 'builtOn')} ${data.built}`);
  return parts.join(' · ');
}
