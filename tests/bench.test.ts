/**
 * The benchmark's own logic, not its speed: the corpus generator is
 * deterministic, and issue 10's goals are judged from the figures they are
 * given (bench/goals.ts), whatever those are. No time is measured here.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserResults, ColdRun, SiteResult, Stat } from '../bench/browser.ts';
import { existingCorpus, generateCorpus, type CorpusSpec } from '../bench/corpus.ts';
import { briefError, derive, evaluateGoals, goalCounts, type GoalRow, type Outcome, type PipelineResults, type SizeResult } from '../bench/goals.ts';
import type { Measured } from '../bench/measure.ts';
import { harvestSentences } from '../bench/sources.ts';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'kelan-bench-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bench corpus', () => {
  const sources = harvestSentences([join(root, 'seeds'), join(root, 'seeds/dev')]);
  const spec = (dir: string, seed: number, mb: number): CorpusSpec => ({ dir: join(work, dir), seed, targetBytes: mb * 1e6, sources });
  const files = (dir: string) => readdirSync(join(work, dir)).filter((n) => !n.startsWith('.')).sort();

  it('is the same bytes for the same seed and size, and others for another seed', () => {
    const a = generateCorpus(spec('a', 1729, 0.4));
    const b = generateCorpus(spec('b', 1729, 0.4));
    const c = generateCorpus(spec('c', 7, 0.4));
    expect(a.bytes).toBeGreaterThanOrEqual(0.4e6);
    expect(a.documents).toBeGreaterThan(1);
    expect(b).toEqual(a);
    expect(files('b')).toEqual(files('a'));
    for (const n of files('a')) expect(readFileSync(join(work, 'b', n)).equals(readFileSync(join(work, 'a', n))), n).toBe(true);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('grows by adding documents: a smaller corpus is the first files of a larger one of the same seed', () => {
    const small = generateCorpus(spec('small', 1729, 0.2));
    const large = generateCorpus(spec('large', 1729, 0.5));
    expect(large.documents).toBeGreaterThan(small.documents);
    const names = files('small');
    expect(files('large').slice(0, names.length)).toEqual(names);
    for (const n of names) expect(readFileSync(join(work, 'large', n)).equals(readFileSync(join(work, 'small', n))), n).toBe(true);
  });

  it('is reused only when every file is still there as written', () => {
    const s = spec('kept', 1729, 0.2);
    const m = generateCorpus(s);
    expect(existingCorpus(s)).toEqual(m);
    expect(existingCorpus({ ...s, seed: 1730 })).toBeUndefined();
    appendFileSync(join(s.dir, files('kept')[0]), 'x');
    expect(existingCorpus(s)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// Goals, from made-up results

const run = (o: { s: number; rssMb?: number; documents?: number; figures?: number | null; processS?: number; cpuS?: number; extracted?: number }): Measured => ({
  ms: o.s * 1000, documents: o.documents ?? 100, refused: 0, figures: o.figures === undefined ? 50_000 : o.figures, extracted: o.extracted,
  max_rss_kb: ((o.rssMb ?? 300) * 1e6) / 1024, cpu_ms: (o.cpuS ?? o.s) * 1000, process_ms: (o.processS ?? o.s + 0.5) * 1000, machine_busy_ms: null,
});

interface SizeOptions {
  mb: number;
  /** Wall seconds of the all-cores run (2 cores). */
  allS?: number;
  oneS?: number;
  readS?: number;
  oneRss?: number;
  allRss?: number;
  coldS?: number;
  rerunS?: number;
  rerunProcessS?: number;
  coldProcessS?: number;
  identical?: boolean | null;
  fail?: 'one_thread' | 'all_cores';
}

function size(o: SizeOptions): SizeResult {
  const failed: Outcome = { error: 'task pipeline failed (exit status 134):\nFATAL ERROR: Reached heap limit' };
  const partial: Omit<SizeResult, 'derived'> = {
    mb: o.mb,
    corpus: { dir: `bench/out/corpus/${o.mb}mb`, documents: o.mb * 10, bytes: o.mb * 1e6, forms: {}, sha256: '0'.repeat(64), generated_s: 1 },
    read: run({ s: o.readS ?? 1 }),
    one_thread: o.fail === 'one_thread' ? failed : run({ s: o.oneS ?? 10, rssMb: o.oneRss ?? 300 }),
    all_cores: o.fail === 'all_cores' ? failed : run({ s: o.allS ?? 6, rssMb: o.allRss ?? 400 }),
    cold_cache: run({ s: o.coldS ?? 10, processS: o.coldProcessS }),
    rerun: run({ s: o.rerunS ?? 1, processS: o.rerunProcessS, extracted: 1 }),
    shards: { n: 2, wall_ms: 5000, runs: [run({ s: 5 }), run({ s: 5 })], merge: run({ s: 1 }), identical: o.identical === undefined ? true : o.identical, others_cores: null },
    all_cores_identical: true, stages: [], load: { min: 1, median: 2, max: 3, samples: 10 },
  };
  return { ...partial, derived: derive(partial, 2) };
}

const pipelineOf = (...sizes: SizeResult[]): PipelineResults => ({
  measured_at: '2026-01-01T00:00:00Z', cores: 2, seed: 1729, profiled: false, idle: run({ s: 0 }), sizes, load: { min: 1, median: 2, max: 3, samples: 10 },
  machine: { node: 'v20', os: 'linux', cpu: 'cpu', cpu_id: null, hypervisor: null, cores: 2, ram_gb: 8 },
});

const row = (rows: GoalRow[], goal: string): GoalRow => {
  const r = rows.find((x) => x.goal.includes(goal));
  if (!r) throw new Error(`no goal ${goal} in ${rows.map((x) => x.goal).join(' | ')}`);
  return r;
};

describe('bench goals: the pipeline', () => {
  it('derives rates from a size\'s runs', () => {
    const d = size({ mb: 100, allS: 4, oneS: 8, readS: 2 }).derived;
    expect(d.all_cores!.mb_per_s).toBeCloseTo(25);
    expect(d.all_cores!.mb_per_s_per_core).toBeCloseTo(12.5);
    expect(d.one_thread!.mb_per_s).toBeCloseTo(12.5);
    expect(d.one_thread!.documents_per_s).toBeCloseTo(100 / 8);
    expect(d.one_thread!.figures_per_s).toBeCloseTo(50_000 / 8);
    expect(d.one_thread!.peak_rss_mb).toBeCloseTo(300);
    expect(d.ratio_to_read).toBeCloseTo(4);
    expect(d.rerun_share).toBeCloseTo(0.1);
    expect(d.rerun_share_process).toBeCloseTo(1.5 / 10.5);
  });

  it('judges throughput per core and the ratio to read + decode at the largest size', () => {
    const met = evaluateGoals(pipelineOf(size({ mb: 10, allS: 10 }), size({ mb: 100, allS: 4, oneS: 8, readS: 2 })), null);
    expect(row(met, 'per core').status).toBe('MET');
    expect(row(met, 'per core').measured).toContain('12.50 MB/s per core');
    expect(row(met, 'read + decode').status).toBe('MET');
    expect(row(met, 'read + decode').basis).toContain('at 100 MB');
    // 100 MB in 6 s on 2 cores is 8.33 MB/s per core; 10 s against 1 s of reading is ×10.
    const missed = evaluateGoals(pipelineOf(size({ mb: 10, allS: 0.1 }), size({ mb: 100, allS: 6, oneS: 10, readS: 1 })), null);
    expect(row(missed, 'per core').status).toBe('MISSED');
    expect(row(missed, 'per core').measured).toContain('8.33');
    expect(row(missed, 'read + decode').status).toBe('MISSED');
    expect(row(missed, 'read + decode').measured).toBe('×10.0');
  });

  it('judges memory flat on the larger of both ratios, only across a wide enough span of sizes', () => {
    const flat = evaluateGoals(pipelineOf(size({ mb: 10, oneRss: 300, allRss: 400 }), size({ mb: 100, oneRss: 420, allRss: 560 })), null);
    expect(row(flat, 'memory').status).toBe('MET');
    expect(row(flat, 'memory').measured).toContain('×1.40');
    const grows = evaluateGoals(pipelineOf(size({ mb: 10, oneRss: 300, allRss: 400 }), size({ mb: 100, oneRss: 420, allRss: 800 })), null);
    expect(row(grows, 'memory').status).toBe('MISSED');
    const close = evaluateGoals(pipelineOf(size({ mb: 10 }), size({ mb: 50 })), null);
    expect(row(close, 'memory').status).toBe('NOT JUDGED');
    expect(row(evaluateGoals(pipelineOf(size({ mb: 100 })), null), 'memory').status).toBe('NOT MEASURED');
  });

  it('counts a run that failed at the largest size as FAILED, not as met on a smaller one', () => {
    const rows = evaluateGoals(pipelineOf(size({ mb: 10 }), size({ mb: 100 }), size({ mb: 1000, fail: 'all_cores' })), null);
    expect(row(rows, 'per core').status).toBe('FAILED');
    // The largest size where it completed is shown beside the failure: 100 MB in 6 s on 2 cores.
    expect(row(rows, 'per core').measured).toBe('failed at 1 GB (100 MB: 8.33 MB/s per core)');
    expect(row(rows, 'per core').basis).toContain('FATAL ERROR: Reached heap limit (exit status 134)');
    expect(row(rows, 'memory').status).toBe('FAILED');
    expect(row(rows, 'memory').measured).toBe('failed: all cores at 1 GB (100 MB ÷ 10 MB: one thread ×1.00, all cores ×1.00)');
    // The one-thread run of 1 GB did complete: its ratio (10 s against 1 s of reading) is judged there.
    expect(row(rows, 'read + decode').status).toBe('MISSED');
    expect(row(rows, 'read + decode').basis).toContain('at 1 GB');
  });

  it('reduces a failure to the error it ended on and how the process ended', () => {
    const duck = 'task pipeline /x/corpus /x/data --workers 2 failed (exit status 1):\nbench task: Error: Out of Memory Error: could not allocate block of size 256.0 KiB (488.0 MiB/488.2 MiB used)\n\nPossible solutions:\n* Increasing the memory limit (SET memory_limit=\'...GB\')';
    expect(briefError(duck)).toBe('Error: Out of Memory Error: could not allocate block of size 256.0 KiB (488.0 MiB/488.2 MiB used) (exit status 1)');
    expect(briefError('task pipeline /x failed (killed by SIGKILL):\n')).toBe('killed by SIGKILL');
    expect(briefError('first chart: nothing within 300 s (Timeout)')).toBe('first chart: nothing within 300 s (Timeout)');
  });

  it('judges the rerun on both clocks, and the shards at every size', () => {
    const both = evaluateGoals(pipelineOf(size({ mb: 100, coldS: 100, rerunS: 3, coldProcessS: 101, rerunProcessS: 4 })), null);
    expect(row(both, 'rerun').status).toBe('MET');
    const startup = evaluateGoals(pipelineOf(size({ mb: 100, coldS: 100, rerunS: 3, coldProcessS: 101, rerunProcessS: 6 })), null);
    expect(row(startup, 'rerun').status).toBe('MISSED');
    expect(row(startup, 'rerun').measured).toContain('3.0%');
    const differ = evaluateGoals(pipelineOf(size({ mb: 10, identical: false }), size({ mb: 100 })), null);
    expect(row(differ, 'sharded').status).toBe('MISSED');
    expect(row(differ, 'sharded').measured).toContain('10 MB DIFFERENT');
    expect(row(evaluateGoals(pipelineOf(size({ mb: 10 }), size({ mb: 100 })), null), 'sharded').status).toBe('MET');
  });

  it('says NOT MEASURED for what did not run, and for the Recognizers-Text comparison bench/ does not have', () => {
    const rows = evaluateGoals(null, null);
    expect(rows.length).toBe(12);
    expect(rows.every((r) => r.status === 'NOT MEASURED')).toBe(true);
    expect(goalCounts(rows)).toBe('12 not measured');
  });
});

// ---------------------------------------------------------------------------

const stat = (values: number[]): Stat => {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
};

function coldRun(o: { first: number; wasm: number; interactive: number; click: number; switches: number[]; parquetBefore: number }): ColdRun {
  const bytes = { wasm: 0, js: 0, parquet: 0, other: 0, total: 0 };
  return {
    first_chart_ms: o.first, first_chart_frame_ms: null, interactive_ms: o.interactive, click_to_panel_ms: o.click, points: 30,
    wasm_started_ms: o.wasm - 100, wasm_loaded_ms: o.wasm, parquet_first_ms: null, parquet_last_ms: null,
    load_bytes: bytes, first_chart_bytes: { ...bytes, parquet: o.parquetBefore, total: o.parquetBefore + 3e6 }, chart_parquet_bytes: 0, panel_parquet_bytes: 0,
    parquet_by_file: {}, load_requests: 0, load_parquet_requests: 0,
    switches: o.switches.map((ms) => ({ to: 'x', ms, points: 10 })), switch_bytes: bytes, switch_requests: 0, switch_parquet_requests: 0, problems: [],
  };
}

function site(role: 'seeds' | 'million', runs: ColdRun[], error: string | null = null): SiteResult {
  return {
    name: role === 'seeds' ? 'seeds' : '1,000,000 figures', role, dir: '', figures: role === 'seeds' ? 121 : 1e6, documents: 1, parquet_bytes: 0,
    data_s: null, data_note: '', runs, error, profile: null,
    summary: runs.length === 0 ? null : {
      first_chart_ms: stat(runs.map((r) => r.first_chart_ms)), first_chart_frame_ms: stat([]), wasm_loaded_ms: stat(runs.map((r) => r.wasm_loaded_ms!)),
      parquet_first_ms: stat([]), parquet_last_ms: stat([]), chart_parquet_bytes: 0, panel_parquet_bytes: 0,
      interactive_ms: stat(runs.map((r) => r.interactive_ms)), click_to_panel_ms: stat(runs.map((r) => r.click_to_panel_ms)),
      switch_ms: stat(runs.flatMap((r) => r.switches.map((s) => s.ms))), points: 30, load_bytes: runs[0].load_bytes,
      first_chart_bytes: { parquet: stat(runs.map((r) => r.first_chart_bytes.parquet)), total: stat(runs.map((r) => r.first_chart_bytes.total)) },
      load_requests: 0, load_parquet_requests: 0, switch_parquet_bytes: stat([0]), switch_requests: 0, switch_parquet_requests: 0,
    },
  };
}

const browserOf = (...sites: SiteResult[]): BrowserResults => ({
  measured_at: '2026-01-01T00:00:00Z', chromium: 'Chromium 156', view: '/', switch_to: [], cold_runs: 3, switches: 20, build: '', sites,
});

describe('bench goals: the browser', () => {
  const fast = (first: number) => coldRun({ first, wasm: 900, interactive: 1200, click: 80, switches: [30, 40, 45, 120], parquetBefore: 200_000 });

  it('meets the seeds goal only when the chart came before the DuckDB wasm in every run', () => {
    const before = evaluateGoals(null, browserOf(site('seeds', [fast(200), fast(250), fast(280)])));
    expect(row(before, 'seeds').status).toBe('MET');
    expect(row(before, 'seeds').measured).toContain('3 of 3');
    const after = evaluateGoals(null, browserOf(site('seeds', [fast(200), fast(250), coldRun({ first: 280, wasm: 270, interactive: 900, click: 50, switches: [], parquetBefore: 0 })])));
    expect(row(after, 'seeds').status).toBe('MISSED');
    expect(row(after, 'seeds').measured).toContain('2 of 3');
    const slow = evaluateGoals(null, browserOf(site('seeds', [fast(400), fast(450), fast(200)])));
    expect(row(slow, 'seeds').status).toBe('MISSED');
  });

  it('judges the million-figure goals on their medians and shows the worst', () => {
    const rows = evaluateGoals(null, browserOf(site('million', [fast(450), fast(480), fast(700)])));
    expect(row(rows, '1,000,000 figures: first chart').status).toBe('MET');
    expect(row(rows, '1,000,000 figures: first chart').measured).toBe('480 ms (700 ms)');
    expect(row(rows, 'interactive').status).toBe('MET');
    expect(row(rows, 'Parquet before').status).toBe('MET');
    expect(row(rows, 'Parquet before').measured).toContain('200.0 kB');
    const sw = row(rows, 'chart switch');
    // 12 switches: median (40 + 45) / 2 = 42.5, worst 120.
    expect(sw.status).toBe('MET');
    expect(sw.measured).toBe('median 43 ms, worst 120 ms');
    expect(sw.basis).toContain('12 switches');
    expect(row(rows, 'click').status).toBe('MET');
    const heavy = evaluateGoals(null, browserOf(site('million', [coldRun({ first: 2000, wasm: 900, interactive: 3000, click: 400, switches: [500, 600], parquetBefore: 16.7e6 })])));
    for (const g of ['1,000,000 figures: first chart', 'interactive', 'Parquet before', 'chart switch', 'click']) expect(row(heavy, g).status, g).toBe('MISSED');
  });

  it('shows but does not judge a set smaller than a million figures', () => {
    const small = { ...site('million', [fast(450)]), figures: 20_000 };
    const rows = evaluateGoals(null, browserOf(small));
    for (const g of ['1,000,000 figures: first chart', 'interactive', 'Parquet before', 'chart switch', 'click']) {
      expect(row(rows, g).status, g).toBe('NOT JUDGED');
      expect(row(rows, g).basis, g).toContain('20,000 figures');
    }
    expect(row(rows, '1,000,000 figures: first chart').measured).toBe('450 ms (450 ms)');
  });

  it('reports a site that failed as FAILED and a site not run as NOT MEASURED', () => {
    const rows = evaluateGoals(null, browserOf(site('seeds', [fast(200)]), site('million', [], 'first chart: nothing within 300 s')));
    expect(row(rows, 'seeds').status).toBe('MET');
    expect(row(rows, 'chart switch').status).toBe('FAILED');
    expect(row(rows, 'chart switch').basis).toContain('nothing within 300 s');
    const seedsOnly = evaluateGoals(null, browserOf(site('seeds', [fast(200)])));
    expect(row(seedsOnly, 'interactive').status).toBe('NOT MEASURED');
    const stopped = evaluateGoals(null, { ...browserOf(), error: 'vite build of the seeds site failed (exit status 1):\n    at build (vite.js:1)\nError: Tsconfig not found' });
    expect(stopped.slice(6).map((r) => r.status)).toEqual(Array(6).fill('FAILED'));
    expect(row(stopped, 'seeds').basis).toContain('Tsconfig not found');
  });
});
