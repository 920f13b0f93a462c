/**
 * A fuzz of every view's URL parameters: cases drawn from a fixed seed, each a
 * URL of one view (compare, small multiples, table, document, documents library,
 * report, embed) whose parameters mix valid values (ids, years, limits and
 * choices from src/lib/params.ts and from the data) with hostile ones (SQL,
 * markup, `javascript:`, NUL, bidi and zero-width characters, overlong values,
 * numbers out of range, NaN, huge id lists, repeated parameters, raw percent
 * escapes). The cases are made here; the browser test (url-fuzz.test.ts) opens
 * each one by a link click in one page (SvelteKit's client-side navigation, and a
 * full load every so often) and judges what the page then shows with
 * {@link verdict}.
 */
import { MEASURES, STANCES, UNITS, LANGS, YEARS, MAX_IDS, TARGET_STATUSES } from '../../src/lib/params.ts';
import { SORTABLE, DOCUMENT_SORTS, TARGET_SORTABLE } from '../../src/lib/db/queries.ts';
import { MARK, RUN } from './payload-corpus.ts';
import { readParquet } from '../helpers/parquet.ts';

/** The seed the cases are drawn from (KELAN_FUZZ_SEED to explore others). */
export const FUZZ_SEED = Number(process.env.KELAN_FUZZ_SEED ?? 11);


export type Route = 'compare' | 'multiples' | 'table' | 'doc' | 'docs' | 'report' | 'embed' | 'targets';

/** Each view's path and the parameters it reads. */
export const ROUTES: Record<Route, { path: string; params: string[] }> = {
  compare: { path: '/', params: ['indicator', 'measure', 'unit', 'regions', 'figure', 'lang', 'targets', 'share', 'national', 'derived'] },
  multiples: { path: '/multiples', params: ['indicators', 'regions', 'lang'] },
  table: { path: '/table', params: ['region', 'indicator', 'year', 'stance', 'q', 'sort', 'dir', 'page', 'lang'] },
  doc: { path: '/doc', params: ['doc', 'figure', 'raw', 'lang'] },
  docs: { path: '/docs', params: ['q', 'region', 'genre', 'sort', 'dir', 'lang'] },
  report: { path: '/report', params: ['indicators', 'regions', 'from', 'to', 'lang'] },
  embed: { path: '/embed', params: ['indicator', 'regions', 'from', 'to', 'measure', 'unit', 'stance', 'lang', 'theme', 'plain', 'height', 'id'] },
  targets: { path: '/targets', params: ['region', 'indicator', 'status', 'sort', 'dir', 'page', 'lang'] },
};

/** How many cases of each view (the oEmbed endpoint's are counted apart). */
export const CASES_PER_ROUTE: Record<Route, number> = { compare: 170, multiples: 100, table: 140, doc: 130, docs: 120, report: 100, embed: 150, targets: 110 };

/** Values the data holds: what a valid URL names. */
export interface Known {
  indicators: string[];
  regions: string[];
  docs: string[];
  figures: string[];
  genres: string[];
  words: string[];
}

/** The ids, documents, figures, genres and title words of the data folder `data` (Parquet files read with DuckDB). */
export async function knownValues(data: string): Promise<Known> {
  const column = async (file: string, sql: string) => (await readParquet<{ v: string }>(`${data}/${file}`, sql)).map((r) => r.v);
  const titles = await column('documents.parquet', 'SELECT title AS v FROM t ORDER BY doc_id');
  return {
    indicators: await column('indicators.parquet', 'SELECT indicator AS v FROM t ORDER BY 1'),
    regions: await column('regions.parquet', 'SELECT region AS v FROM t ORDER BY 1'),
    docs: await column('documents.parquet', 'SELECT doc_id AS v FROM t ORDER BY 1'),
    figures: await column('figures.parquet', 'SELECT figure_id AS v FROM t ORDER BY 1 LIMIT 400'),
    genres: await column('documents.parquet', 'SELECT DISTINCT genre AS v FROM t WHERE genre IS NOT NULL ORDER BY 1'),
    words: ['科技', '高新技术企业', '2022', '湖北', '亿元', 'wuhan', ...titles.map((t) => t.slice(0, 4)).filter(Boolean)],
  };
}

/** A fuzz case: the view, the path and query a link gives, and whether it is opened by a full page load. */
export interface FuzzCase {
  n: number;
  route: Route;
  href: string;
  full: boolean;
}

/** mulberry32: a small seeded generator, so that a failing case is found again from the seed and its number. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fixed hostile values, whatever the parameter. */
export const HOSTILE: readonly string[] = [
  "' OR 1=1 --", "'; DROP TABLE figures; --", '" OR ""="', "hubei' OR '1'='1", '1; SELECT * FROM documents', "x') UNION SELECT raw_text FROM documents --",
  '%', '_', '%%', '\\', "''", '"', '`', ';', '--', '/*', '*/',
  `<script>${RUN}</script>`, `<img src=x onerror="${RUN}" class="${MARK}">`, `"><svg onload=${RUN} class=${MARK}>`, `<b class="${MARK}">b</b>`,
  `javascript:${RUN}`, 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', `{{constructor.constructor('${RUN}')()}}`, '${7*7}', '#{7*7}',
  '../../etc/passwd', '..%2f..%2fetc%2fpasswd', '/etc/passwd', 'C:\\Windows\\win.ini', 'file:///etc/passwd', '//example.org', 'https://example.org/x',
  '%00', '\u0000', 'a\u0000b', '\u0007', '\r\n', '\t', ' ', '   ', '', ',', ',,,', ', ,',
  '\u202ehubei', 'hub\u200bei', 'wuhan\u200d', '\ufeffhubei', 'ｈｕｂｅｉ', 'HUBEI', 'Hubei', 'hubei ', ' hubei', 'hubei\n', 'é', 'e\u0301', '湖北', '高新技术企业', '📈', '\ud83d', '\udfff', '\uffff', '\ufffd',
  'NaN', 'Infinity', '-Infinity', '-1', '-0', '0', '1e309', '-1e309', '1e3', '2e3', '0x7E4', '0b11111101000', '0o3750', '1_000', '2020.0', '2020.5', ' 2020', '2020 ', '+2020', '２０２０', '٢٠٢٠', '२०२०',
  '99999', '100000', '99999999999999999999', '9007199254740993', String(2 ** 31), String(-(2 ** 31)), String(YEARS.min - 1), String(YEARS.max + 1), '1949', '1948',
  'null', 'undefined', 'true', 'false', '[]', '{}', '[object Object]', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
];

/** Parameter names a view does not read, or writes them oddly. */
const STRANGE_NAMES = ['foo', '__proto__', 'constructor', 'indicator[]', 'regions[0]', 'INDICATOR', ' indicator', 'lang ', '', '%00', '<b>', 'q\u0000'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** A string of random code points: ASCII, CJK, combining, bidi and zero-width marks, astral characters, lone surrogates. */
function noise(r: () => number, length: number): string {
  const ranges: Array<[number, number]> = [[0x20, 0x7e], [0x4e00, 0x9fff], [0x300, 0x36f], [0x200b, 0x200f], [0x202a, 0x202e], [0x1f300, 0x1f64f], [0xd800, 0xdfff], [0, 0x1f], [0xff01, 0xff5e]];
  let out = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = pick(r, ranges);
    out += String.fromCodePoint(int(r, lo, hi));
  }
  return out;
}

/** A value the parameter may validly hold. */
function valid(r: () => number, name: string, known: Known): string {
  const ids = (pool: string[]) => Array.from({ length: int(r, 1, 4) }, () => pick(r, pool)).join(',');
  switch (name) {
    case 'indicator': return pick(r, known.indicators);
    case 'indicators': return ids(known.indicators);
    case 'region': return pick(r, known.regions);
    case 'regions': return ids(known.regions);
    case 'measure': return pick(r, MEASURES);
    case 'unit': return pick(r, UNITS);
    case 'stance': return r() < 0.7 ? pick(r, STANCES) : [...new Set([pick(r, STANCES), pick(r, STANCES)])].join(',');
    case 'lang': return pick(r, LANGS);
    case 'year': case 'from': case 'to': return String(int(r, 2010, 2030));
    case 'figure': return pick(r, known.figures);
    case 'doc': return pick(r, known.docs);
    case 'genre': return pick(r, known.genres);
    case 'q': return pick(r, known.words);
    case 'sort': return pick(r, [...SORTABLE, ...DOCUMENT_SORTS, ...TARGET_SORTABLE]);
    case 'status': return pick(r, TARGET_STATUSES);
    case 'targets': case 'share': case 'national': return pick(r, ['1', '0']);
    case 'derived': return `${pick(r, known.figures)}.${pick(r, known.figures)}`;
    case 'dir': return pick(r, ['asc', 'desc']);
    case 'page': return String(int(r, 1, 6));
    case 'raw': return pick(r, ['1', '0']);
    case 'theme': return pick(r, ['light', 'dark', 'auto']);
    case 'plain': return pick(r, ['1', '0', 'true', 'false']);
    case 'height': return String(int(r, 200, 2000));
    case 'id': return pick(r, ['chart-1', 'a', 'kelan_embed', 'x'.repeat(64)]);
    default: return pick(r, known.words);
  }
}

/** A hostile value: a fixed one, noise, an overlong one, a huge id list, or a valid one damaged. */
function hostile(r: () => number, name: string, known: Known): string {
  const roll = r();
  if (roll < 0.45) return pick(r, HOSTILE);
  if (roll < 0.55) return noise(r, int(r, 1, 40));
  if (roll < 0.62) return pick(r, ['x', 'a,', '湖', '\u200b', '%', "'"]).repeat(int(r, 300, 6000));
  if (roll < 0.72) {
    // Huge id lists: valid ids over and over, or many well-formed ids the data does not have.
    const n = int(r, MAX_IDS + 1, 3000);
    return r() < 0.5
      ? Array.from({ length: n }, () => pick(r, [...known.indicators, ...known.regions])).join(',')
      : Array.from({ length: n }, (_, i) => `id_${i}`).join(',');
  }
  const v = valid(r, name, known);
  // A valid value with something wrong with it.
  switch (int(r, 0, 7)) {
    case 0: return v.toUpperCase();
    case 1: return `${v},${pick(r, HOSTILE)}`;
    case 2: return `${pick(r, HOSTILE)},${v}`;
    case 3: return `${v}${pick(r, ["'", '"', '%00', '\u0000', '<', '\u202e', ' ', '--'])}`;
    case 4: return `${v},${v},${v}`;
    case 5: return v.split('').reverse().join('');
    case 6: return /^\d+$/.test(v) ? String(-Number(v)) : `-${v}`;
    default: return `${v}${'0'.repeat(int(r, 1, 30))}`;
  }
}

/** Raw query-string pieces that URLSearchParams would never write: bad and partial percent escapes, encoded separators. */
const RAW_VALUES = ['%00', '%zz', '%', '%E4%B8', '%C0%AF', '%ED%A0%80', '%FF%FE', '%25', '%2C%2C', 'hubei%2Cwuhan', 'a+b', '%20hubei', '%E2%80%AE', '%0A', '%3Cscript%3E', '&&', '=', '==', '%26indicator%3Dx'];

function query(r: () => number, route: Route, known: Known): string {
  const names = ROUTES[route].params;
  const pairs: Array<[string, string]> = [];
  for (let k = int(r, 0, 4); k > 0; k--) {
    const name = r() < 0.06 ? pick(r, STRANGE_NAMES) : pick(r, names);
    const roll = r();
    pairs.push([name, roll < 0.45 ? valid(r, name, known) : hostile(r, name, known)]);
    // The same parameter twice, with another value.
    if (r() < 0.12) pairs.push([name, r() < 0.5 ? valid(r, name, known) : hostile(r, name, known)]);
  }
  if (r() < 0.1) {
    // Written by hand: raw escapes the browser keeps as they are.
    const name = pick(r, names);
    return [new URLSearchParams(pairs).toString(), `${name}=${pick(r, RAW_VALUES)}`].filter(Boolean).join(pick(r, ['&', '&', '&&']));
  }
  return new URLSearchParams(pairs).toString();
}

/** The cases of every view, shuffled so that each view is entered from the others, reproducible from `seed`. */
export function fuzzCases(known: Known, seed = FUZZ_SEED): FuzzCase[] {
  const r = random(seed);
  const routes = (Object.keys(CASES_PER_ROUTE) as Route[]).flatMap((route) => Array.from({ length: CASES_PER_ROUTE[route] }, () => route));
  for (let i = routes.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [routes[i], routes[j]] = [routes[j], routes[i]];
  }
  return routes.map((route, n) => {
    const q = query(r, route, known);
    // A full page load every so often: a link from another site, or a reload.
    const href = `${ROUTES[route].path}${q ? `?${q}` : ''}`;
    return { n, route, href, full: n % 40 === 0 && href.length <= LONGEST_URL };
  });
}

/** oEmbed paths: every catalog indicator, and hostile names. */
export function oembedCases(known: Known, seed = FUZZ_SEED): string[] {
  const r = random(seed ^ 0x5eed);
  const names = [...known.indicators, ...HOSTILE.slice(0, 40).map((h) => new URLSearchParams({ h }).toString().slice(2)), 'x'.repeat(300), '..%2f..%2frun', '%2e%2e', 'index', '_app', 'data'];
  while (names.length < 60) names.push(new URLSearchParams({ h: noise(r, int(r, 1, 20)) }).toString().slice(2));
  return names.map((n) => `/oembed/${n}.json`);
}

/**
 * Installed in the page before any script (addInitScript): counts the fetches and
 * DuckDB-WASM requests in flight, and keeps every error DuckDB answers, so that a
 * case can wait until the page's work is done and see whether a query failed.
 */
export const INSTRUMENT = `(() => {
  const state = { fetches: 0, duck: new Set(), duckErrors: [], violations: [] };
  window.__kelanFuzz = state;
  const fetch = window.fetch;
  window.fetch = function (...args) {
    state.fetches++;
    return fetch.apply(this, args).finally(() => state.fetches--);
  };
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const m = e.data;
        if (!m || typeof m.requestId !== 'number' || m.type === 'LOG' || m.type === 'INSTANTIATE_PROGRESS') return;
        state.duck.delete(m.requestId);
        if (m.type === 'ERROR') state.duckErrors.push(String(m.data && m.data.message || m.data));
      });
    }
    postMessage(m, ...rest) {
      if (m && typeof m.messageId === 'number') state.duck.add(m.messageId);
      return super.postMessage(m, ...rest);
    }
  };
  document.addEventListener('securitypolicyviolation', (e) => state.violations.push(e.violatedDirective + ' ' + e.blockedURI));
})()`;

/** What a case's page shows once its work is done. */
export interface Verdict {
  url: string;
  settled: boolean;
  ms: number;
  pwned: boolean;
  injected: number;
  /** Texts of the view's error states (a failed query or an exception shown to the reader). */
  errors: string[];
  /** Texts of the messages shown instead of (or above) the view. */
  messages: string[];
  /** The HTTP status of SvelteKit's error page (+error.svelte) when the page shows it instead of the view. */
  pageError: string | null;
  /** Whether the view itself is there (a chart, table, document, report …). */
  normal: boolean;
  duckErrors: string[];
  violations: string[];
}

/**
 * Runs in the page (a string, so that no build step can add helpers to it): follows a link to
 * `href` (SvelteKit navigates client-side) unless `loaded` (the page was just opened at it), waits
 * until the URL is the link's and no fetch, DuckDB request or loading message is left for two
 * frames in a row, then reads what the view shows, as a {@link Verdict}.
 */
export const VISIT = `async ({ href, loaded, timeout }) => {
  const state = window.__kelanFuzz;
  state.duckErrors.length = 0;
  state.violations.length = 0;
  const start = performance.now();
  let want = location.href;
  if (!loaded) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'fuzz';
    (document.querySelector('body > div') || document.body).append(a);
    want = a.href;
    a.click();
    a.remove();
  }
  const LOADING = /正在加载|正在生成|Loading|Preparing/;
  const busy = () => state.fetches > 0 || state.duck.size > 0 || !!document.querySelector('[aria-busy=true]')
    || [...document.querySelectorAll('[data-testid=status]')].some((e) => LOADING.test(e.textContent || ''));
  let calm = 0;
  let settled = false;
  while (performance.now() - start < timeout) {
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    calm = location.href === want && !busy() ? calm + 1 : 0;
    if (calm >= 2) { settled = true; break; }
  }
  const text = (e) => (e.innerText || e.textContent || '').trim();
  const errors = [...document.querySelectorAll('.status.error, .message.error, [role=alert]:not([data-testid=embed-error]):not([data-testid=status]):not([data-testid=page-error])')].map(text);
  const embedErrors = [...document.querySelectorAll('[data-testid=embed-error] li')].map(text).filter((t) => /^(查询出错|The query failed)/.test(t));
  const normalOf = {
    '/': '[data-testid=chart] .live svg',
    '/multiples': '.grid .panel',
    '/table': '[data-testid=figures-table]',
    '/doc': '[data-testid=document-text]',
    '/docs': '[data-testid=docs-table]',
    '/report': 'article.report',
    '/embed': '[data-testid=chart] svg',
    '/targets': '[data-testid=targets-table]',
  };
  const selector = normalOf[location.pathname.replace(/\.html$/, '')];
  return {
    url: location.href,
    settled,
    ms: Math.round(performance.now() - start),
    pwned: window.__kelanPwned !== undefined,
    injected: document.querySelectorAll('.kelanpwn, a[href^="javascript:" i], iframe, object, embed').length,
    errors: [...errors, ...embedErrors],
    messages: [...document.querySelectorAll('[data-testid=status], [data-testid=embed-error], [data-testid=report-ignored], [data-testid=page-error]')].map(text),
    pageError: document.querySelector('[data-testid=page-error]')?.getAttribute('data-status') ?? null,
    normal: !!selector && !!document.querySelector(selector),
    duckErrors: [...state.duckErrors],
    violations: [...state.violations],
  };
}`;

/** The longest link a server is sure to take: the local server's limit is 16 KB; 8 KB is common. */
export const LONGEST_URL = 8000;

/** Words a message must never show unless the URL itself carried them: signs of a value the code lost track of. */
const LOST = ['undefined', 'NaN', '[object Object]', 'null'];

/** Why a case's outcome is wrong, or null when it is right. */
export function judge(c: FuzzCase, v: Verdict): string | null {
  if (!v.settled) return `did not settle within the time (${v.ms} ms)`;
  if (v.pwned) return 'a payload ran';
  if (v.injected) return `${v.injected} element(s) made from the URL (markup, javascript: link, frame)`;
  if (v.violations.length) return `CSP violations: ${v.violations.join(' | ')}`;
  if (v.duckErrors.length) return `a DuckDB query failed: ${v.duckErrors[0].slice(0, 300)}`;
  if (v.errors.length) return `an error shown: ${v.errors[0].slice(0, 300)}`;
  if (!v.normal && !v.messages.some((m) => m.length > 0)) return 'neither the view nor a message is shown';
  // Only a link longer than servers take (the compare page's data is fetched with the link's query) may end on the error page.
  if (v.pageError !== null && !(c.href.length > LONGEST_URL && ['414', '431'].includes(v.pageError))) return `the error page (HTTP ${v.pageError})`;
  let asked = c.href;
  try {
    asked = decodeURIComponent(c.href.replace(/\+/g, ' '));
  } catch {
    // Raw escapes: compare with the link as written.
  }
  for (const m of v.messages) {
    if (m.length > 2000) return `a message of ${m.length} characters`;
    if (/\bat \S+ \(|\.js:\d+:\d+|\bError:/.test(m)) return `a message shows an error's internals: ${m.slice(0, 300)}`;
    const lost = LOST.find((w) => m.includes(w) && !asked.includes(w));
    if (lost) return `a message says "${lost}": ${m.slice(0, 300)}`;
  }
  return null;
}
