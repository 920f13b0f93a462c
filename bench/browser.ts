/**
 * The dashboard as an analyst meets it: the built site served on localhost by
 * scripts/serve.ts and driven in headless Chromium, on the seeds' figures and on
 * a generated set of a million. For each, cold runs with a fresh profile give
 * the time to the first chart, the time until a click on a point opens its
 * figure, the bytes the cold load transferred, and the latency of switching the
 * chart to another indicator. Figures are reported, never asserted.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { chromiumVersion } from './machine.ts';
import { runPipeline } from '../pipelines/run.ts';
import { dataFiles, existingMillion, generateMillion, type MillionSpec } from './million.ts';
import { num, table } from './report.ts';
import { harvestSentences } from './sources.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
/** The compare view the runs open: the issue's three regions, high-tech enterprises (total). */
export const VIEW = '/?indicator=high_tech_enterprises&measure=total&unit=count&regions=hubei,wuhan,chongqing';
/** A chart switch goes to the first and back to the second, alternately. */
export const SWITCH_TO = ['tech_contract_turnover', 'high_tech_enterprises'];
const POINTS = '[data-testid=chart] svg [data-figure-id]';
/** The points of the chart the app drew (not the prerendered one): the ones a click reaches. */
const LIVE_POINTS = '[data-testid=chart] svg [data-figure-id]:not(.pre *)';
/** How long one step may take before the run is given up; the million-figure site is allowed to be slow. */
const STEP_TIMEOUT_MS = 300_000;
/** Network silence that ends a phase (the drill-down's queries may still be reading after the panel shows). */
const QUIET_MS = 500;

/** What a transfer is, for the byte split. */
export type Kind = 'wasm' | 'js' | 'parquet' | 'other';
const KINDS: Kind[] = ['wasm', 'js', 'parquet', 'other'];
type Bytes = Record<Kind | 'total', number>;

/** One cold run: fresh profile, navigation, first chart, a click, then the switches. Times are ms from navigation start. */
export interface ColdRun {
  first_chart_ms: number;
  /** The first animation frame after the points were inserted, roughly when they are painted. */
  first_chart_frame_ms: number | null;
  interactive_ms: number;
  click_to_panel_ms: number;
  points: number;
  /** When the wasm's request started and its response ended, and the first Parquet request and last Parquet response before the first chart. */
  wasm_started_ms: number | null;
  wasm_loaded_ms: number | null;
  parquet_first_ms: number | null;
  parquet_last_ms: number | null;
  /** Body bytes of the cold load, navigation through the figure panel and the network going quiet. */
  load_bytes: Bytes;
  /** Body bytes of the requests started before the first chart point was in the page. */
  first_chart_bytes: Bytes;
  /** Of which Parquet before the click (the first chart) and after it (the figure panel). */
  chart_parquet_bytes: number;
  panel_parquet_bytes: number;
  /** Parquet bytes per file over the cold load. */
  parquet_by_file: Record<string, number>;
  load_requests: number;
  load_parquet_requests: number;
  switches: { to: string; ms: number; points: number }[];
  /** Body bytes and requests of all the switches of this run. */
  switch_bytes: Bytes;
  switch_requests: number;
  switch_parquet_requests: number;
  problems: string[];
}

/** Median and range of a list of numbers. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** One site measured. */
export interface SiteResult {
  name: string;
  /** Which of the two sites: the seeds' data, or the generated million figures (absent in results of older benches). */
  role?: 'seeds' | 'million';
  dir: string;
  figures: number;
  documents: number;
  parquet_bytes: number;
  data_s: number | null;
  data_note: string;
  runs: ColdRun[];
  error: string | null;
  /** With --profile: the page's main thread in one more cold run, not counted in the numbers. */
  profile: PageProfile | null;
  summary: {
    first_chart_ms: Stat;
    first_chart_frame_ms: Stat;
    wasm_loaded_ms: Stat;
    parquet_first_ms: Stat;
    parquet_last_ms: Stat;
    chart_parquet_bytes: number;
    panel_parquet_bytes: number;
    interactive_ms: Stat;
    click_to_panel_ms: Stat;
    switch_ms: Stat;
    points: number;
    load_bytes: Bytes;
    /** Bytes of requests started before the first chart, per run: Parquet and all kinds. */
    first_chart_bytes?: { parquet: Stat; total: Stat };
    load_requests: number;
    load_parquet_requests: number;
    switch_parquet_bytes: Stat;
    switch_requests: number;
    switch_parquet_requests: number;
  } | null;
}

/** What `browser` in results.json holds. */
export interface BrowserResults {
  measured_at: string;
  chromium: string;
  view: string;
  switch_to: string[];
  cold_runs: number;
  /** Chart switches per cold run (5 in results of older benches). */
  switches?: number;
  build: string;
  sites: SiteResult[];
  /** Why the browser half stopped before measuring (a build that failed, no Chromium). */
  error?: string;
}

/** Options of {@link browserBench}. */
export interface BrowserOptions {
  root: string;
  out: string;
  seed: number;
  figures: number;
  runs: number;
  /** Chart switches per cold run. */
  switches: number;
  /** Also profile the page's main thread (one extra cold run per site) and list its hottest functions. */
  profile: boolean;
  log: (line: string) => void;
}

/** A main-thread CPU profile of the cold load (to interactive) and of one chart switch. */
export interface PageProfile {
  files: string[];
  phases: { phase: string; wall_ms: number; busy_ms: number; top: PageHotspot[] }[];
}

/** A function of the page by self time, with the start of its (minified) source to recognise it by. */
export interface PageHotspot {
  name: string;
  where: string;
  ms: number;
  source: string;
}

// ---------------------------------------------------------------------------
// The sites

/** What a site's build is made of, other than its data: a change to any of them makes the bench build the site again. */
const BUILD_INPUTS = ['src', 'scripts', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** The newest mtime (ms) of the files under `paths`, skipping `static/data` (each site brings its own). */
function newestInput(root: string): number {
  let newest = 0;
  const walk = (p: string) => {
    if (p === join(root, 'static', 'data') || !existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of BUILD_INPUTS) walk(join(root, p));
  return newest;
}

/**
 * SHA-256 over a data folder's Parquet files and the data version its run.json
 * names (absent counts too): what a site's pages are drawn from. The rest of
 * run.json (when, how long) changes with every run and is not.
 */
function dataDigest(data: string): string {
  const h = createHash('sha256');
  for (const n of dataFiles(data).filter((f) => f.endsWith('.parquet'))) h.update(`${n}\0`).update(readFileSync(join(data, n)));
  let version = 'absent';
  try {
    version = String((JSON.parse(readFileSync(join(data, 'run.json'), 'utf8')) as { data_version?: unknown }).data_version);
  } catch {
    // No run.json: the site has no data version.
  }
  return h.update(`run.json\0${version}`).digest('hex');
}

/**
 * The site as it would be deployed with `data`: a copy of the project's build
 * inputs (src, scripts, static without its data, the configs) in a temporary folder,
 * whose static/data is `data`, built by its own scripts/first-view.ts and
 * `vite build` into `out/site-<name>`. The compare page's prerendered chart is
 * thus drawn from the data the site serves, as `npm start` does for static/data,
 * and neither build/ nor static/data of the checkout is touched. Rebuilt only
 * when the inputs or the data changed since the last build (a stamp file).
 */
async function siteFor(root: string, out: string, name: string, data: string): Promise<{ dir: string; note: string }> {
  // Outside the checkout: Vite reads the tsconfig.json of the nearest folder above a module that includes it,
  // and for SvelteKit's generated modules that would be the checkout's, not the copy's.
  const scratch = join(tmpdir(), `kelan-bench-build-${name}-${createHash('sha256').update(out).digest('hex').slice(0, 8)}`);
  const site = join(out, `site-${name}`);
  const stampFile = join(out, `site-${name}.stamp.json`);
  const stamp = { inputs: newestInput(root), data: dataDigest(data) };
  try {
    const old = JSON.parse(readFileSync(stampFile, 'utf8')) as typeof stamp;
    if (old.inputs === stamp.inputs && old.data === stamp.data && existsSync(join(site, 'index.html'))) return { dir: site, note: 'build reused (same sources and data)' };
  } catch {
    // No stamp: build.
  }
  const t = performance.now();
  rmSync(stampFile, { force: true });
  rmSync(scratch, { recursive: true, force: true });
  rmSync(site, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const p of BUILD_INPUTS) {
    if (!existsSync(join(root, p))) continue;
    cpSync(join(root, p), join(scratch, p), { recursive: true, filter: (src) => src !== join(root, 'static', 'data') });
  }
  // node_modules hard-linked, not symlinked: Vite looks for a tsconfig.json above a module's real path,
  // which must be the copy's (its .svelte-kit is generated by this build), not the checkout's.
  try {
    execFileSync('cp', ['-al', join(root, 'node_modules'), join(scratch, 'node_modules')], { stdio: 'ignore' });
  } catch {
    rmSync(join(scratch, 'node_modules'), { recursive: true, force: true });
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  }
  const staticData = join(scratch, 'static', 'data');
  mkdirSync(staticData, { recursive: true });
  for (const n of dataFiles(data)) {
    mkdirSync(dirname(join(staticData, n)), { recursive: true });
    try {
      linkSync(join(data, n), join(staticData, n));
    } catch {
      copyFileSync(join(data, n), join(staticData, n));
    }
  }
  // The copy's own first-view.ts, so that the chart is drawn by the same sources the site is built from.
  const firstView = (await import(pathToFileURL(join(scratch, 'scripts', 'first-view.ts')).href)) as { writeFirstView(d: string): Promise<boolean> };
  if (!(await firstView.writeFirstView(staticData))) throw new Error(`${name}: no figures.parquet in ${data}`);
  const vite = join(createRequire(join(scratch, 'package.json')).resolve('vite/package.json'), '..', 'bin', 'vite.js');
  await new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'error'], {
      cwd: scratch, stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', KELAN_BUILD_DIR: site, KELAN_KIT_DIR: join(scratch, '.svelte-kit') },
    });
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (x: string) => (err += x));
    child.on('error', fail);
    // Vite's error without its stack frames.
    const brief = () => err.split('\n').filter((l) => l.trim() && !/^\s*(at |\d+: )/.test(l)).slice(0, 12).join('\n');
    child.on('exit', (code, signal) => (code === 0 ? ok() : fail(new Error(`vite build of the ${name} site in ${scratch} failed (${signal ?? `exit status ${code}`}): ${brief()}`))));
  });
  rmSync(scratch, { recursive: true, force: true });
  writeFileSync(stampFile, JSON.stringify(stamp) + '\n');
  return { dir: site, note: `built in ${((performance.now() - t) / 1000).toFixed(1)} s` };
}

/** Bytes of every Parquet file the data folder serves: the tables and the series. */
function parquetBytes(dir: string): number {
  return dataFiles(dir).filter((n) => n.endsWith('.parquet')).reduce((sum, n) => sum + statSync(join(dir, n)).size, 0);
}

// ---------------------------------------------------------------------------
// The server, as a child process

interface Server {
  url: string;
  stop(): Promise<void>;
}

/** Starts `tsx scripts/serve.ts <dir>` on a free port and resolves with its address once it prints it. */
function startServer(root: string, dir: string): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/serve.ts'), dir], {
    cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => { void stop(); reject(new Error(`serve.ts printed no address in 30 s: ${err.trim()}`)); }, 30_000);
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /serving at (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ url: m[1], stop }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.ts exited (${code}): ${err.trim().split('\n').slice(-5).join('\n')}`)); });
  });
}

// ---------------------------------------------------------------------------
// In the page

/**
 * Installed before the page's own scripts: stamps, with the page's clock (ms
 * since navigation start), when the first point enters the chart, when a point
 * is clicked, when the figure panel appears, when the indicator changes, and
 * when the chart's set of points differs from the one armed before a switch.
 * A string, so that the bundler's helpers never end up in the page.
 */
const INSTRUMENT = `(() => {
  if (window.__bench) return;
  performance.setResourceTimingBufferSize(1000000);
  const POINTS = ${JSON.stringify(POINTS)};
  const b = { firstPointAt: null, firstFrameAt: null, clickAt: null, panelAt: null, changeAt: null, armed: null, switchDoneAt: null, switchPoints: 0 };
  window.__bench = b;
  const signature = () => Array.from(document.querySelectorAll(POINTS), (el) => el.getAttribute('data-figure-id')).sort().join(',');
  const check = () => {
    const now = performance.now();
    if (b.firstPointAt === null && document.querySelector(POINTS)) {
      b.firstPointAt = now;
      requestAnimationFrame(() => setTimeout(() => { b.firstFrameAt = performance.now(); }, 0));
    }
    if (b.clickAt !== null && b.panelAt === null && document.querySelector('[data-testid=figure-panel]')) b.panelAt = now;
    if (b.armed !== null && b.switchDoneAt === null) {
      const sig = signature();
      if (sig && sig !== b.armed) { b.switchDoneAt = now; b.switchPoints = document.querySelectorAll(POINTS).length; }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  addEventListener('click', (e) => { if (e.target instanceof Element && e.target.closest('[data-figure-id]')) b.clickAt = performance.now(); }, true);
  addEventListener('change', (e) => { if (e.target instanceof Element && e.target.matches('select[data-testid=indicator]')) b.changeAt = performance.now(); }, true);
})();`;

/** Waits for the mark `name` and returns it; fails with the status line when the page settles on an error or empty state. */
async function mark(page: Page, name: string, what: string): Promise<number> {
  // A function, not a string: the site's Content-Security-Policy refuses the `new Function` a string predicate needs.
  const handle = await page.waitForFunction((key) => {
    const b = (window as unknown as { __bench?: Record<string, number | null> }).__bench;
    const at = b ? b[key] : null;
    if (at !== null && at !== undefined) return { at };
    const s = document.querySelector('[data-testid=status]');
    const text = s && s.textContent ? s.textContent.trim() : '';
    if (text && !/加载|载入|loading/i.test(text)) return { status: text };
    return null;
  }, name, { timeout: STEP_TIMEOUT_MS, polling: 100 }).catch((e: Error) => {
    throw new Error(`${what}: nothing within ${STEP_TIMEOUT_MS / 1000} s (${e.message.split('\n')[0]})`);
  });
  const r = (await handle.jsonValue()) as { at?: number; status?: string };
  if (r.at === undefined) throw new Error(`${what}: the page says ${r.status}`);
  return r.at;
}

/**
 * A point the mouse can hit, Hubei's 2020 actual first: scrolled into view, and
 * with no other mark (a qualifier's text) on top of its centre.
 */
const PICK_POINT = `(() => {
  const all = Array.from(document.querySelectorAll(${JSON.stringify(LIVE_POINTS)}));
  const preferred = all.filter((el) => el.getAttribute('data-region') === 'hubei' && el.getAttribute('data-year') === '2020' && el.getAttribute('data-stance') === 'actual');
  for (const el of [...preferred, ...all].slice(0, 400)) {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    const point = hit && hit.closest('[data-figure-id]');
    if (point) return { x, y, id: point.getAttribute('data-figure-id') };
  }
  return null;
})()`;

const ARM = `(() => {
  const b = window.__bench;
  b.armed = Array.from(document.querySelectorAll(${JSON.stringify(POINTS)}), (el) => el.getAttribute('data-figure-id')).sort().join(',');
  b.switchDoneAt = null;
  b.changeAt = null;
})()`;

// ---------------------------------------------------------------------------
// Bytes

function kindOf(url: string): Kind {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (/\.m?js$/.test(path)) return 'js';
  if (path.endsWith('.parquet')) return 'parquet';
  return 'other';
}

const noBytes = (): Bytes => ({ wasm: 0, js: 0, parquet: 0, other: 0, total: 0 });

/** One response as Resource Timing records it: what, its body bytes on the wire, and when (epoch ms). */
interface Transfer {
  kind: Kind;
  file: string;
  bytes: number;
  startedAt: number;
  endedAt: number;
}

/**
 * Every response of the page and of its workers, from their Resource Timing
 * entries: `encodedBodySize` is the body as it came over the wire (compressed
 * when it was sent precompressed), and 0 counts for a response from the cache
 * (`transferSize` 0). Most bytes are the DuckDB worker's (the wasm and every
 * Parquet range), which a CDP session on the page does not see, and for whose
 * synchronous XHRs Playwright's request sizes are sometimes 0; the entries match
 * the Range headers' lengths to the byte.
 */
const RESOURCES = `performance.getEntriesByType('resource').map((e) => ({
  name: e.name, bytes: e.transferSize > 0 ? e.encodedBodySize : 0,
  startedAt: performance.timeOrigin + e.startTime, endedAt: performance.timeOrigin + e.responseEnd,
}))`;
/** Room for every entry in the worker (the page's own is set by INSTRUMENT): the default 250 would drop later ranges. */
const BIG_BUFFER = 'performance.setResourceTimingBufferSize(1000000)';

async function transfers(page: Page): Promise<Transfer[]> {
  const lists = await Promise.all([page.evaluate(RESOURCES), ...page.workers().map((w) => w.evaluate(RESOURCES))]);
  return (lists as { name: string; bytes: number; startedAt: number; endedAt: number }[][]).flat().map((e) => ({
    ...e, kind: kindOf(e.name), file: new URL(e.name).pathname.split('/').pop() ?? '',
  }));
}

/**
 * Requests in flight, to wait for the network to go quiet. Playwright misses the
 * events of some of the worker's requests, so a long enough silence is quiet too.
 */
class Quiet {
  private inflight = 0;
  private lastChange = performance.now();

  constructor(page: Page) {
    const change = (d: number) => () => { this.inflight += d; this.lastChange = performance.now(); };
    page.on('request', change(1));
    page.on('requestfinished', change(-1));
    page.on('requestfailed', change(-1));
  }

  /** Resolves once no request has started or ended for `QUIET_MS` and none is in flight, or for 10 × `QUIET_MS`. */
  async wait(): Promise<void> {
    const until = performance.now() + STEP_TIMEOUT_MS;
    while (performance.now() < until) {
      const silent = performance.now() - this.lastChange;
      if ((this.inflight <= 0 && silent >= QUIET_MS) || silent >= 10 * QUIET_MS) return;
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
}

function tally(rows: Transfer[]): { bytes: Bytes; requests: number; parquetRequests: number } {
  const bytes = noBytes();
  let parquetRequests = 0;
  for (const r of rows) {
    bytes[r.kind] += r.bytes;
    bytes.total += r.bytes;
    if (r.kind === 'parquet' && r.bytes > 0) parquetRequests++;
  }
  return { bytes, requests: rows.length, parquetRequests };
}

// ---------------------------------------------------------------------------
// A CPU profile of the page's main thread (DuckDB runs in a worker, which it does not cover)

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Busy time and the hottest functions of a profile; `siteDir` gives each function's source text. */
function pageHotspots(profile: CpuProfile, siteDir: string, n = 8): { wall_ms: number; busy_ms: number; top: PageHotspot[] } {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const by = new Map<string, PageHotspot>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    total += us;
    const f = frames.get(id);
    if (!f) return;
    if (f.functionName === '(idle)') { idle += us; return; }
    const path = f.url ? new URL(f.url, 'http://x/').pathname : '';
    const where = path ? `${path.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
    const key = `${f.functionName}@${where}`;
    const spot = by.get(key) ?? { name: f.functionName || '(anonymous)', where, ms: 0, source: sourceAt(siteDir, path, f.lineNumber, f.columnNumber) };
    spot.ms += us / 1000;
    by.set(key, spot);
  });
  const top = [...by.values()].sort((a, b) => b.ms - a.ms).slice(0, n);
  return { wall_ms: total / 1000, busy_ms: (total - idle) / 1000, top };
}

const sources = new Map<string, string[]>();

/** The first characters of the function at `line`:`column` of a file the site serves. */
function sourceAt(siteDir: string, path: string, line: number, column: number): string {
  if (!path.endsWith('.js')) return '';
  const file = join(siteDir, path);
  if (!sources.has(file)) sources.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
  const text = sources.get(file)![line]?.slice(column, column + 90) ?? '';
  return text.replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------
// One cold run

/** What a profiled run writes: where, and which site's files name the functions. */
interface ProfileTarget {
  dir: string;
  siteDir: string;
  label: string;
}

async function coldRun(base: string, switchCount: number, profileTo?: ProfileTarget): Promise<{ run: ColdRun; userAgent: string; profile: PageProfile | null }> {
  const userData = mkdtempSync(join(tmpdir(), 'kelan-bench-profile-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  try {
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    await context.addInitScript({ content: INSTRUMENT });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message.split('\n')[0]}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.location().url ?? '')) problems.push(`console: ${m.text().split('\n')[0]}`); });
    const quiet = new Quiet(page);
    page.on('worker', (w) => { w.evaluate(BIG_BUFFER).catch(() => undefined); });
    const cdp = profileTo ? await context.newCDPSession(page) : null;
    const profiles: { phase: string; profile: CpuProfile }[] = [];
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }

    await page.goto(new URL(VIEW, base).href, { waitUntil: 'commit' });
    const firstChart = await mark(page, 'firstPointAt', 'first chart');
    const points = await page.locator(POINTS).count();
    // The first chart may be the one drawn at build time: a click waits for the app's own.
    await page.locator(LIVE_POINTS).first().waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    const target = (await page.evaluate(PICK_POINT)) as { x: number; y: number } | null;
    if (!target) throw new Error('no chart point can be clicked: every one is covered');
    await page.mouse.click(target.x, target.y);
    const interactive = await mark(page, 'panelAt', 'figure panel after a click');
    const marks = (await page.evaluate('({ ...window.__bench, armed: null, timeOrigin: performance.timeOrigin })')) as {
      clickAt: number; firstFrameAt: number | null; timeOrigin: number;
    };
    await quiet.wait();
    if (cdp) profiles.push({ phase: 'cold load to interactive', profile: ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile });
    // Responses that started before the click drew the first chart; the others opened the panel.
    const clickedAt = marks.timeOrigin + marks.clickAt;
    const loaded = await transfers(page);
    const chartRows = loaded.filter((r) => r.startedAt < clickedAt);
    const panelRows = loaded.filter((r) => r.startedAt >= clickedAt);
    const load = tally(loaded);
    const since = (epochMs: number) => (Number.isFinite(epochMs) ? epochMs - marks.timeOrigin : null);
    // The wasm may come after the click: DuckDB-WASM loads after the first paint.
    const wasm = loaded.find((r) => r.kind === 'wasm');
    const beforeChart = loaded.filter((r) => r.startedAt < marks.timeOrigin + firstChart);
    const chartParquet = chartRows.filter((r) => r.kind === 'parquet');
    const byFile: Record<string, number> = {};
    for (const r of [...chartRows, ...panelRows]) if (r.kind === 'parquet') byFile[r.file] = (byFile[r.file] ?? 0) + r.bytes;

    const switches: ColdRun['switches'] = [];
    // A profiled run makes one switch, to see where a switch's time goes; its time is not counted.
    for (let i = 0; i < (cdp ? 1 : switchCount); i++) {
      const to = SWITCH_TO[i % SWITCH_TO.length];
      await page.evaluate(ARM);
      if (cdp) await cdp.send('Profiler.start');
      await page.selectOption('select[data-testid=indicator]', to);
      await mark(page, 'switchDoneAt', `chart switch to ${to}`);
      if (cdp) profiles.push({ phase: `chart switch to ${to}`, profile: ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile });
      const m = (await page.evaluate('({ changeAt: window.__bench.changeAt, switchDoneAt: window.__bench.switchDoneAt, points: window.__bench.switchPoints })')) as {
        changeAt: number | null; switchDoneAt: number; points: number;
      };
      if (m.changeAt === null) throw new Error(`chart switch to ${to}: the indicator select fired no change event`);
      switches.push({ to, ms: m.switchDoneAt - m.changeAt, points: m.points });
      await quiet.wait();
    }
    const key = (r: Transfer) => `${r.file}|${r.startedAt}|${r.bytes}`;
    const before = new Set(loaded.map(key));
    const sw = tally((await transfers(page)).filter((r) => !before.has(key(r))));
    const userAgent = (await page.evaluate('navigator.userAgent')) as string;

    let profile: PageProfile | null = null;
    if (profileTo) {
      mkdirSync(profileTo.dir, { recursive: true });
      profile = { files: [], phases: [] };
      profiles.forEach(({ phase, profile: p }, i) => {
        const file = join(profileTo.dir, `browser-${profileTo.label}-${i === 0 ? 'load' : 'switch'}.cpuprofile`);
        writeFileSync(file, JSON.stringify(p));
        profile!.files.push(file);
        profile!.phases.push({ phase, ...pageHotspots(p, profileTo.siteDir) });
      });
    }
    return {
      userAgent,
      profile,
      run: {
        first_chart_ms: firstChart, first_chart_frame_ms: marks.firstFrameAt, interactive_ms: interactive,
        click_to_panel_ms: interactive - marks.clickAt, points,
        wasm_started_ms: wasm ? since(wasm.startedAt) : null,
        wasm_loaded_ms: wasm ? since(wasm.endedAt) : null,
        parquet_first_ms: chartParquet.length ? since(Math.min(...chartParquet.map((r) => r.startedAt))) : null,
        parquet_last_ms: chartParquet.length ? since(Math.max(...chartParquet.map((r) => r.endedAt))) : null,
        load_bytes: load.bytes, first_chart_bytes: tally(beforeChart).bytes, chart_parquet_bytes: tally(chartRows).bytes.parquet, panel_parquet_bytes: tally(panelRows).bytes.parquet,
        parquet_by_file: byFile, load_requests: load.requests, load_parquet_requests: load.parquetRequests,
        switches, switch_bytes: sw.bytes, switch_requests: sw.requests, switch_parquet_requests: sw.parquetRequests, problems: [...new Set(problems)],
      },
    };
  } finally {
    await context.close().catch(() => undefined);
    rmSync(userData, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------

export function stat(values: number[]): Stat {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
}

function summarize(runs: ColdRun[]): SiteResult['summary'] {
  if (runs.length === 0) return null;
  const median = (f: (r: ColdRun) => number) => stat(runs.map(f)).median;
  const load_bytes = noBytes();
  for (const k of [...KINDS, 'total'] as const) load_bytes[k] = median((r) => r.load_bytes[k]);
  return {
    first_chart_ms: stat(runs.map((r) => r.first_chart_ms)),
    first_chart_frame_ms: stat(runs.map((r) => r.first_chart_frame_ms ?? NaN)),
    wasm_loaded_ms: stat(runs.map((r) => r.wasm_loaded_ms ?? NaN)),
    parquet_first_ms: stat(runs.map((r) => r.parquet_first_ms ?? NaN)),
    parquet_last_ms: stat(runs.map((r) => r.parquet_last_ms ?? NaN)),
    chart_parquet_bytes: median((r) => r.chart_parquet_bytes),
    panel_parquet_bytes: median((r) => r.panel_parquet_bytes),
    interactive_ms: stat(runs.map((r) => r.interactive_ms)),
    click_to_panel_ms: stat(runs.map((r) => r.click_to_panel_ms)),
    switch_ms: stat(runs.flatMap((r) => r.switches.map((s) => s.ms))),
    points: median((r) => r.points),
    load_bytes,
    first_chart_bytes: { parquet: stat(runs.map((r) => r.first_chart_bytes.parquet)), total: stat(runs.map((r) => r.first_chart_bytes.total)) },
    load_requests: median((r) => r.load_requests),
    load_parquet_requests: median((r) => r.load_parquet_requests),
    switch_parquet_bytes: stat(runs.map((r) => r.switch_bytes.parquet / Math.max(1, r.switches.length))),
    switch_requests: median((r) => r.switch_requests / Math.max(1, r.switches.length)),
    switch_parquet_requests: median((r) => r.switch_parquet_requests / Math.max(1, r.switches.length)),
  };
}

async function measureSite(
  root: string, site: Omit<SiteResult, 'runs' | 'summary' | 'error' | 'profile'>, runs: number, switches: number, profileDir: string | null, log: (line: string) => void,
): Promise<{ result: SiteResult; userAgent: string }> {
  const server = await startServer(root, site.dir);
  const done: ColdRun[] = [];
  let error: string | null = null;
  let userAgent = '';
  let profile: PageProfile | null = null;
  try {
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      try {
        const r = await coldRun(server.url, switches);
        userAgent ||= r.userAgent;
        done.push(r.run);
        const sw = r.run.switches.map((s) => Math.round(s.ms)).join(', ');
        const swStat = stat(r.run.switches.map((s) => s.ms));
        log(`  ${site.name} cold run ${i + 1}/${runs}: first chart ${num(r.run.first_chart_ms)} ms, interactive ${num(r.run.interactive_ms)} ms, ` +
          `${r.run.switches.length} switches median ${num(swStat.median)} worst ${num(swStat.max)} ms (${sw}), click → panel ${num(r.run.click_to_panel_ms)} ms, ${num(r.run.points)} points (${((performance.now() - t) / 1000).toFixed(1)} s)`);
        for (const p of r.run.problems.slice(0, 3)) log(`    page: ${p}`);
      } catch (e) {
        error = (e as Error).message;
        log(`  ${site.name} cold run ${i + 1}/${runs} failed after ${((performance.now() - t) / 1000).toFixed(1)} s: ${error}`);
        break;
      }
    }
    if (profileDir && !error) {
      const label = site.name.startsWith('seeds') ? 'seeds' : 'million';
      const r = await coldRun(server.url, switches, { dir: profileDir, siteDir: join(root, site.dir), label });
      profile = r.profile;
      log(`  ${site.name} profiled run: wrote ${profile!.files.map((f) => relative(root, f)).join(', ')}`);
    }
  } finally {
    await server.stop();
  }
  return { result: { ...site, runs: done, error, profile, summary: summarize(done) }, userAgent };
}

/** Prepares both sites and measures them. */
export async function browserBench(o: BrowserOptions): Promise<BrowserResults> {
  const rel = (p: string) => relative(o.root, p);
  o.log('');
  let t = performance.now();
  const seedsData = join(o.out, 'seeds-data');
  rmSync(seedsData, { recursive: true, force: true });
  const report = await runPipeline({ input: join(o.root, 'seeds'), output: seedsData });
  const seedsS = (performance.now() - t) / 1000;
  const seedsSite = await siteFor(o.root, o.out, 'seeds', seedsData);
  const seeds = {
    name: 'seeds', role: 'seeds' as const, dir: rel(seedsSite.dir), figures: report.figures_written, documents: report.documents_read,
    parquet_bytes: parquetBytes(seedsData), data_s: seedsS, data_note: `pipeline over seeds/ in ${seedsS.toFixed(1)} s`,
  };
  o.log(`browser: seeds site ${rel(seedsSite.dir)}: data from the ${seeds.data_note}; ${seedsSite.note}`);

  const filler = harvestSentences([join(o.root, 'seeds')]);
  const spec: MillionSpec = {
    dir: join(o.out, 'million', `${o.figures}-seed${o.seed}`), seed: o.seed, figures: o.figures,
    filler: filler.simplified.sentences, fillerDigest: filler.digest,
  };
  let manifest = existingMillion(spec);
  let millionS: number | null = null;
  if (!manifest) {
    o.log(`browser: generating ${num(o.figures)} figures into ${rel(spec.dir)} (seed ${o.seed}) …`);
    t = performance.now();
    manifest = await generateMillion(spec);
    millionS = (performance.now() - t) / 1000;
  }
  const millionSite = await siteFor(o.root, o.out, 'million', spec.dir);
  const million = {
    name: `${num(manifest.figures)} figures`, role: 'million' as const, dir: rel(millionSite.dir), figures: manifest.figures, documents: manifest.documents,
    parquet_bytes: parquetBytes(spec.dir), data_s: millionS,
    data_note: millionS === null ? `reused ${rel(spec.dir)} (same seed and generator)` : `generated in ${millionS.toFixed(1)} s into ${rel(spec.dir)}`,
  };
  o.log(`browser: ${million.name} site ${rel(millionSite.dir)}: data ${million.data_note}; ${millionSite.note}`);
  const build = `each site built with its own data (prerendered chart drawn from it): seeds ${seedsSite.note}, million ${millionSite.note}`;

  const sites: SiteResult[] = [];
  let userAgent = '';
  for (const site of [seeds, million]) {
    const measured = await measureSite(o.root, site, o.runs, o.switches, o.profile ? join(o.out, 'profile') : null, o.log);
    userAgent ||= measured.userAgent;
    sites.push(measured.result);
  }
  return {
    measured_at: new Date().toISOString(), chromium: chromiumVersion(CHROMIUM) || userAgent, view: VIEW, switch_to: SWITCH_TO, cold_runs: o.runs,
    switches: o.switches, build, sites,
  };
}

// ---------------------------------------------------------------------------
// The table

/** Bytes as kB below a megabyte, else MB (10^3 and 10^6 bytes). */
function bytesText(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return n < 1e6 ? `${num(n / 1e3, 1)} kB` : `${num(n / 1e6, 2)} MB`;
}

function statText(s: Stat | undefined): string {
  if (!s || s.n === 0) return '—';
  return s.n === 1 ? num(s.median) : `${num(s.median)} (${num(s.min)}–${num(s.max)})`;
}

/** The browser numbers, one column per site. */
export function browserTable(r: BrowserResults): string {
  const col = (f: (s: SiteResult) => string) => r.sites.map((s) => (s.summary ? f(s) : s.error ? 'failed' : '—'));
  const sum = (s: SiteResult) => s.summary!;
  const rows: string[][] = [
    ['figures · documents', ...r.sites.map((s) => `${num(s.figures)} · ${num(s.documents)}`)],
    ['Parquet on disk', ...r.sites.map((s) => bytesText(s.parquet_bytes))],
    ['points in the first chart', ...col((s) => num(sum(s).points))],
    ['time to first chart, ms', ...col((s) => statText(sum(s).first_chart_ms))],
    ['  wasm downloaded, ms', ...col((s) => statText(sum(s).wasm_loaded_ms))],
    ['  first Parquet request, ms', ...col((s) => statText(sum(s).parquet_first_ms))],
    ['  last Parquet response, ms', ...col((s) => statText(sum(s).parquet_last_ms))],
    ['  next frame after the chart, ms', ...col((s) => statText(sum(s).first_chart_frame_ms))],
    ['time until interactive, ms', ...col((s) => statText(sum(s).interactive_ms))],
    ['  click → figure panel, ms', ...col((s) => statText(sum(s).click_to_panel_ms))],
    [`chart switch, ms (${r.switches ?? 5} per run)`, ...col((s) => statText(sum(s).switch_ms))],
    ['bytes, cold load: wasm', ...col((s) => bytesText(sum(s).load_bytes.wasm))],
    ['                  js', ...col((s) => bytesText(sum(s).load_bytes.js))],
    ['                  parquet', ...col((s) => bytesText(sum(s).load_bytes.parquet))],
    ['                    before the click', ...col((s) => bytesText(sum(s).chart_parquet_bytes))],
    ['                    click → panel', ...col((s) => bytesText(sum(s).panel_parquet_bytes))],
    ['                  other', ...col((s) => bytesText(sum(s).load_bytes.other))],
    ['                  total', ...col((s) => bytesText(sum(s).load_bytes.total))],
    ['bytes before the first chart: Parquet', ...col((s) => (sum(s).first_chart_bytes ? bytesText(sum(s).first_chart_bytes!.parquet.median) : '—'))],
    ['                              all', ...col((s) => (sum(s).first_chart_bytes ? bytesText(sum(s).first_chart_bytes!.total.median) : '—'))],
    ['requests, cold load (Parquet ranges)', ...col((s) => `${num(sum(s).load_requests)} (${num(sum(s).load_parquet_requests)})`)],
    ['per chart switch: Parquet bytes', ...col((s) => bytesText(sum(s).switch_parquet_bytes.median))],
    ['                  requests (Parquet ranges)', ...col((s) => `${num(sum(s).switch_requests, 1)} (${num(sum(s).switch_parquet_requests, 1)})`)],
  ];
  return table(['', ...r.sites.map((s) => s.name)], rows, ['l', ...r.sites.map(() => 'r' as const)]);
}

/** The lines printed around the table: what was measured, how, and any failure. */
export function browserReport(r: BrowserResults): string {
  const lines = [
    `\nbrowser: the built dashboard served by scripts/serve.ts on localhost, headless ${r.chromium || 'Chromium (version unknown)'}; ` +
      `${r.cold_runs} cold runs per site, each with a fresh profile: median (min–max)`,
    `         view ${r.view}; ${r.switches ?? 5} switches per cold run, alternately to ${r.switch_to.join(' and ')}; times from navigation start by the page's clock,`,
    `         a switch from the select's change event to the chart's new points; bytes are response bodies on the wire to interactive,`,
    `         from the Resource Timing entries of the page and of its DuckDB worker`,
    '',
    browserTable(r),
  ];
  for (const s of r.sites) {
    if (s.error) lines.push(`\n${s.name}: ${s.error}${s.runs.length ? ` (after ${s.runs.length} complete runs)` : ''}`);
    const problems = [...new Set(s.runs.flatMap((x) => x.problems))];
    if (problems.length) lines.push(`${s.name}: the page reported ${problems.slice(0, 5).join(' | ')}`);
  }
  for (const s of r.sites) {
    if (!s.profile) continue;
    for (const p of s.profile.phases) {
      lines.push(`\n${s.name}, ${p.phase}: the page's main thread was busy ${num(p.busy_ms)} of ${num(p.wall_ms)} ms ` +
        '(the rest it waited: for the network and for DuckDB in its worker, which this profile does not cover); hottest functions by self time:');
      lines.push(table(['function', 'where', 'self ms', 'source'], p.top.map((h) => [h.name, h.where, num(h.ms), h.source]), ['l', 'l', 'r', 'l']));
    }
  }
  return lines.join('\n');
}
