/**
 * What the bench measured, turned into the figures issue 10 sets goals for,
 * and each goal judged MET or MISSED from them. Nothing here runs anything or
 * holds a measured number: `derive` computes per corpus size, `evaluateGoals`
 * reads results.json's shape (pipeline sizes, browser sites) and says for each
 * goal what was measured, against what, on what basis, and whether it was met.
 */
import type { BrowserResults, SiteResult } from './browser.ts';
import type { LoadSummary, Machine } from './machine.ts';
import type { Measured } from './measure.ts';
import { num } from './report.ts';

/** A run that completed, or why it did not. */
export type Outcome = Measured | { error: string };

export const ok = (o: Outcome | null | undefined): o is Measured => !!o && !('error' in o);

/** One corpus size's runs, as the pipeline bench records them. */
export interface SizeResult {
  /** The size asked for, in MB (10^6 bytes). */
  mb: number;
  corpus: { dir: string; documents: number; bytes: number; forms: Record<string, number>; sha256: string; generated_s: number | null };
  read: Outcome;
  /** One thread, no cache: the one-machine run the others are checked against. */
  one_thread: Outcome;
  /** `--workers` = the cores, no cache. */
  all_cores: Outcome;
  /** All cores filling a fresh cache, then the rerun after one document changed, with the same flags. */
  cold_cache: Outcome;
  rerun: Outcome;
  /** n shards at once (one thread each), then their merge; `identical`: the merged tables are the one-thread run's bytes. */
  shards: { n: number; wall_ms: number; runs: Outcome[]; merge: Outcome; identical: boolean | null; others_cores: number | null } | null;
  /** The all-cores run's tables are the one-thread run's bytes. */
  all_cores_identical: boolean | null;
  stages: { stage: string; ms: number; share: number }[];
  /** The 1-minute load average while this size's runs ran. */
  load: LoadSummary;
  derived: Derived;
}

/** What pipelineBench writes into results.json. */
export interface PipelineResults {
  measured_at: string;
  machine: Machine;
  cores: number;
  seed: number;
  profiled: boolean;
  idle: Outcome;
  sizes: SizeResult[];
  load: LoadSummary;
}

/** A run's rates. */
export interface Rates {
  wall_s: number;
  mb_per_s: number;
  /** MB/s divided by the cores the run was given: the machine's for the all-cores run (the issue's "per core"), 1 for one thread. */
  mb_per_s_per_core: number;
  /** MB per second of CPU the run used: what one core does while it runs, whatever else the machine does. */
  mb_per_cpu_s: number;
  documents_per_s: number;
  figures_per_s: number | null;
  peak_rss_mb: number;
  /** Cores other work kept busy meanwhile. */
  others_cores: number | null;
}

/** The figures a size is summarised by; null where its run failed. */
export interface Derived {
  raw_mb: number;
  documents: number;
  figures: number | null;
  read: Rates | null;
  one_thread: Rates | null;
  all_cores: Rates | null;
  /** One thread's wall time ÷ read + decode's (both one thread, inside their processes). */
  ratio_to_read: number | null;
  /** The rerun after one change ÷ the cold run with the same flags: inside the process, and counting Node and tsx starting. */
  rerun_share: number | null;
  rerun_share_process: number | null;
  rerun_extracted: number | null;
  /** The shards' wall time (all at once) and the merge's. */
  shards_s: number | null;
  merge_s: number | null;
}

function rates(r: Outcome, bytes: number, cores: number): Rates | null {
  if (!ok(r)) return null;
  const s = r.ms / 1000;
  const mbps = bytes / 1e6 / s;
  const others = r.machine_busy_ms === null ? null : Math.max(0, r.machine_busy_ms - r.cpu_ms) / r.process_ms;
  return {
    wall_s: s, mb_per_s: mbps, mb_per_s_per_core: mbps / cores, mb_per_cpu_s: r.cpu_ms > 0 ? bytes / 1e6 / (r.cpu_ms / 1000) : NaN,
    documents_per_s: r.documents / s, figures_per_s: r.figures === null ? null : r.figures / s, peak_rss_mb: (r.max_rss_kb * 1024) / 1e6,
    others_cores: others,
  };
}

/** The figures of one size from its runs. */
export function derive(s: Omit<SizeResult, 'derived'>, cores: number): Derived {
  const bytes = s.corpus.bytes;
  const one = ok(s.one_thread) ? s.one_thread : null;
  const read = ok(s.read) ? s.read : null;
  const cold = ok(s.cold_cache) ? s.cold_cache : null;
  const rerun = ok(s.rerun) ? s.rerun : null;
  const merge = s.shards && ok(s.shards.merge) ? s.shards.merge : null;
  const shardsOk = s.shards !== null && s.shards.runs.every(ok);
  return {
    raw_mb: bytes / 1e6, documents: s.corpus.documents, figures: one?.figures ?? null,
    read: rates(s.read, bytes, 1), one_thread: rates(s.one_thread, bytes, 1), all_cores: rates(s.all_cores, bytes, cores),
    ratio_to_read: one && read ? one.ms / read.ms : null,
    rerun_share: cold && rerun ? rerun.ms / cold.ms : null,
    rerun_share_process: cold && rerun ? rerun.process_ms / cold.process_ms : null,
    rerun_extracted: rerun?.extracted ?? null,
    shards_s: shardsOk ? s.shards!.wall_ms / 1000 : null,
    merge_s: merge ? merge.ms / 1000 : null,
  };
}

// ---------------------------------------------------------------------------

export type Status = 'MET' | 'MISSED' | 'FAILED' | 'NOT MEASURED' | 'NOT JUDGED';

/** One goal of the issue's table. */
export interface GoalRow {
  goal: string;
  target: string;
  measured: string;
  status: Status;
  /** Which runs the figure comes from, and how it is judged. */
  basis: string;
}

const mbText = (mb: number) => (mb >= 1000 ? `${num(mb / 1000, mb % 1000 === 0 ? 0 : 2)} GB` : `${num(mb, mb < 10 ? 1 : 0)} MB`);
const ms = (v: number) => `${num(v)} ms`;
const bytesText = (n: number) => (n < 1e6 ? `${num(n / 1e3, 1)} kB` : `${num(n / 1e6, 2)} MB`);
const errorOf = (o: Outcome | null | undefined): string => (o && 'error' in o ? briefError(o.error) : 'did not run');

/**
 * A failure in a line: the error the task's stderr ended on (its first line
 * naming an error, without the bench's own prefix), and how the process ended;
 * not the task's command line, whose paths say nothing.
 */
export function briefError(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return 'failed';
  const ended = /\((exit status \d+|killed by \w+)\)/.exec(lines[0])?.[1];
  const rest = lines.slice(1).map((l) => l.replace(/^bench( task)?:\s*/, ''));
  const telling = rest.find((l) => /\b[A-Za-z]*Error\b|FATAL|Killed|heap|ENOSPC|ENOMEM|out of memory/i.test(l) && !/^at /.test(l)) ?? rest[rest.length - 1];
  const text = ended ? (telling ? `${telling} (${ended})` : ended) : telling ? `${lines[0]} ${telling}` : lines[0];
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

const judge = (met: boolean): Status => (met ? 'MET' : 'MISSED');

/** The figures the browser goals are set for. */
export const MILLION = 1_000_000;

/** The least span between the smallest and the largest corpus for the flat-memory goal to be judged. */
export const MEMORY_SPAN = 10;

/** Every goal of issue 10's table, judged from `pipeline` and `browser` (either may be absent: NOT MEASURED). */
export function evaluateGoals(pipeline: PipelineResults | null | undefined, browser: BrowserResults | null | undefined): GoalRow[] {
  return [...pipelineGoals(pipeline), recognizersGoal(), ...browserGoals(browser)];
}

function pipelineGoals(p: PipelineResults | null | undefined): GoalRow[] {
  const goals = {
    perCore: { goal: 'pipeline throughput per core', target: '≥ 10 MB/s per core' },
    read: { goal: 'pipeline time ÷ read + decode', target: '≤ 5×' },
    memory: { goal: 'peak memory flat in corpus size', target: 'largest ≤ 1.5× smallest' },
    rerun: { goal: 'rerun after one document changed', target: '< 5% of a full run' },
    shards: { goal: 'sharded run + merge = one run (item 5)', target: 'byte-identical tables' },
  };
  const sizes = [...(p?.sizes ?? [])].sort((a, b) => a.corpus.bytes - b.corpus.bytes || a.mb - b.mb);
  if (!p || sizes.length === 0) {
    return Object.values(goals).map((g) => ({ ...g, measured: '—', status: 'NOT MEASURED' as Status, basis: 'the pipeline half did not run' }));
  }
  const largest = sizes[sizes.length - 1];
  const smallest = sizes[0];
  const at = `at ${mbText(largest.mb)}`;
  const d = largest.derived;
  const rows: GoalRow[] = [];
  /** Where the largest size failed: the same figure at the largest size where it was measured, as context (the goal stays FAILED). */
  const below = (f: (x: Derived) => string | null): string => {
    for (const x of [...sizes].reverse().slice(1)) {
      const v = f(x.derived);
      if (v !== null) return ` (${mbText(x.mb)}: ${v})`;
    }
    return '';
  };

  // Throughput: the pipeline on all cores, MB/s ÷ the machine's cores, as the issue computes it.
  if (d.all_cores) {
    rows.push({
      ...goals.perCore, status: judge(d.all_cores.mb_per_s_per_core >= 10),
      measured: `${num(d.all_cores.mb_per_s_per_core, 2)} MB/s per core (${num(d.all_cores.mb_per_s, 2)} MB/s on ${p.cores} cores)`,
      basis: `${at}, --workers ${p.cores}, no cache: MB/s ÷ ${p.cores} cores${d.one_thread ? `; one thread alone ${num(d.one_thread.mb_per_s, 2)} MB/s` : ''}` +
        `${d.all_cores.others_cores !== null ? `; other work kept ${num(d.all_cores.others_cores, 2)} cores busy meanwhile` : ''}`,
    });
  } else rows.push({ ...goals.perCore, measured: `failed ${at}${below((x) => (x.all_cores ? `${num(x.all_cores.mb_per_s_per_core, 2)} MB/s per core` : null))}`, status: 'FAILED', basis: `${at}, --workers ${p.cores}: ${errorOf(largest.all_cores)}` });

  if (d.ratio_to_read !== null) {
    rows.push({
      ...goals.read, status: judge(d.ratio_to_read <= 5), measured: `×${num(d.ratio_to_read, 1)}`,
      basis: `${at}: one-thread pipeline ÷ reading and decoding the same files in one thread, wall time inside each process`,
    });
  } else rows.push({ ...goals.read, measured: `failed ${at}${below((x) => (x.ratio_to_read === null ? null : `×${num(x.ratio_to_read, 1)}`))}`, status: 'FAILED', basis: `${at}: ${errorOf(ok(largest.one_thread) ? largest.read : largest.one_thread)}` });

  // Memory: needs two sizes far enough apart to say anything about growth.
  if (sizes.length < 2) {
    rows.push({ ...goals.memory, measured: '—', status: 'NOT MEASURED', basis: 'needs two corpus sizes (--sizes)' });
  } else {
    const kinds = [['one thread', 'one_thread'], ['all cores', 'all_cores']] as const;
    const failed = kinds.filter(([, k]) => !largest.derived[k] || !smallest.derived[k]);
    const span = largest.mb / smallest.mb;
    if (failed.length > 0) {
      const errors = failed.map(([label, k]) => ({ label, at: mbText(largest.derived[k] ? smallest.mb : largest.mb), error: errorOf(largest.derived[k] ? smallest[k] : largest[k]) }));
      // As context, the growth up to the largest size where both kinds of run completed.
      const upTo = [...sizes].reverse().slice(1).find((x) => x !== smallest && kinds.every(([, k]) => x.derived[k] && smallest.derived[k]));
      const context = upTo ? ` (${mbText(upTo.mb)} ÷ ${mbText(smallest.mb)}: ${kinds.map(([label, k]) => `${label} ×${num(upTo.derived[k]!.peak_rss_mb / smallest.derived[k]!.peak_rss_mb, 2)}`).join(', ')})` : '';
      rows.push({
        ...goals.memory, status: 'FAILED', measured: `failed: ${errors.map((e) => `${e.label} at ${e.at}`).join(', ')}${context}`,
        basis: `peak RSS at ${mbText(largest.mb)} ÷ at ${mbText(smallest.mb)}: ${errors.map((e) => `${e.label}: ${e.error}`).join('; ')}`,
      });
    } else {
      const ratios = kinds.map(([label, k]) => ({ label, big: largest.derived[k]!.peak_rss_mb, small: smallest.derived[k]!.peak_rss_mb }))
        .map((r) => ({ ...r, ratio: r.big / r.small }));
      const worst = Math.max(...ratios.map((r) => r.ratio));
      rows.push({
        ...goals.memory,
        measured: ratios.map((r) => `${r.label} ×${num(r.ratio, 2)} (${num(r.small)} → ${num(r.big)} MB)`).join('; '),
        status: span < MEMORY_SPAN ? 'NOT JUDGED' : judge(worst <= 1.5),
        basis: `peak RSS at ${mbText(largest.mb)} ÷ at ${mbText(smallest.mb)}, no cache; judged on the larger ratio` +
          (span < MEMORY_SPAN ? `; not judged: the sizes span ×${num(span, 1)}, less than ×${MEMORY_SPAN}` : ''),
      });
    }
  }

  if (d.rerun_share !== null && d.rerun_share_process !== null) {
    const worst = Math.max(d.rerun_share, d.rerun_share_process);
    rows.push({
      ...goals.rerun, status: judge(worst < 0.05),
      measured: `${num(100 * d.rerun_share, 1)}% (${num(100 * d.rerun_share_process, 1)}% counting Node and tsx starting)`,
      basis: `${at}, --workers ${p.cores} with a cache: the rerun (${num(d.rerun_extracted)} extracted) ÷ the cold run filling the cache; judged on both clocks`,
    });
  } else rows.push({ ...goals.rerun, measured: `failed ${at}${below((x) => (x.rerun_share === null ? null : `${num(100 * x.rerun_share, 1)}%`))}`, status: 'FAILED', basis: `${at}: ${errorOf(ok(largest.cold_cache) ? largest.rerun : largest.cold_cache)}` });

  const checked = sizes.map((s) => ({ s, identical: s.shards?.identical ?? null }));
  const differ = checked.filter((c) => c.identical === false);
  const unknown = checked.filter((c) => c.identical === null);
  rows.push({
    ...goals.shards,
    status: differ.length ? 'MISSED' : unknown.length ? 'FAILED' : 'MET',
    measured: checked.map((c) => `${mbText(c.s.mb)} ${c.identical === null ? 'failed' : c.identical ? 'identical' : 'DIFFERENT'}`).join('; '),
    basis: `${sizes[0].shards?.n ?? p.cores} shards at once, one thread each, then --merge; compared byte for byte with the one-thread run's four tables` +
      unknown.map((c) => `; ${mbText(c.s.mb)}: ${shardError(c.s)}`).join(''),
  });
  return rows;
}

function shardError(s: SizeResult): string {
  if (!s.shards) return errorOf(s.one_thread);
  const bad = [...s.shards.runs, s.shards.merge].find((r) => !ok(r));
  return bad ? errorOf(bad) : errorOf(s.one_thread);
}

function recognizersGoal(): GoalRow {
  return {
    goal: 'vs Microsoft Recognizers-Text (numbers, %, currency)', target: '≥ 100× faster', measured: '—', status: 'NOT MEASURED',
    basis: 'bench/ has no Recognizers-Text comparison (the issue\'s 19.8× was measured outside it); it would need @microsoft/recognizers-text-suite as a dependency and a task running it over the same corpus',
  };
}

/** The seeds site and the million-figure site of a browser run. */
export function sitesOf(b: BrowserResults): { seeds?: SiteResult; million?: SiteResult } {
  const seeds = b.sites.find((s) => (s.role ?? (s.name === 'seeds' ? 'seeds' : 'million')) === 'seeds');
  const million = b.sites.find((s) => (s.role ?? (s.name === 'seeds' ? 'seeds' : 'million')) === 'million');
  return { seeds, million };
}

function browserGoals(b: BrowserResults | null | undefined): GoalRow[] {
  const g = {
    seeds: { goal: 'first chart, seeds, cold', target: '≤ 300 ms, before DuckDB loads' },
    first: { goal: '1,000,000 figures: first chart', target: '≤ 0.5 s' },
    interactive: { goal: '1,000,000 figures: interactive', target: '≤ 1.5 s' },
    bytes: { goal: '1,000,000 figures: Parquet before the first chart', target: '< 1 MB' },
    switch: { goal: '1,000,000 figures: chart switch', target: '≤ 50 ms' },
    click: { goal: '1,000,000 figures: click → figure panel', target: '≤ 100 ms' },
  };
  if (!b) return Object.values(g).map((x) => ({ ...x, measured: '—', status: 'NOT MEASURED' as Status, basis: 'the browser half did not run' }));
  if (b.error && b.sites.length === 0) {
    return Object.values(g).map((x) => ({ ...x, measured: 'failed', status: 'FAILED' as Status, basis: `the browser half stopped before measuring: ${briefError(b.error!)}` }));
  }
  const { seeds, million } = sitesOf(b);
  const failed = (x: { goal: string; target: string }, s: SiteResult | undefined): GoalRow => ({
    ...x, measured: s?.error ? 'failed' : '—', status: s?.error ? 'FAILED' : 'NOT MEASURED',
    basis: !s ? 'site not measured' : `${s.name}: no complete cold run${s.error ? `: ${briefError(s.error)}` : ''}`,
  });
  const rows: GoalRow[] = [];
  const runs = (s: SiteResult) => `${s.runs.length} cold runs, median (worst)`;

  if (seeds?.summary) {
    const sm = seeds.summary;
    const before = seeds.runs.filter((r) => r.wasm_loaded_ms === null || r.first_chart_ms < r.wasm_loaded_ms).length;
    rows.push({
      ...g.seeds, status: judge(sm.first_chart_ms.median <= 300 && before === seeds.runs.length),
      measured: `${ms(sm.first_chart_ms.median)} (${ms(sm.first_chart_ms.max)}); before the DuckDB wasm arrived in ${before} of ${seeds.runs.length} runs`,
      basis: `${runs(seeds)}: navigation start → the first chart point in the page; judged on the median and on every run's chart preceding the wasm`,
    });
  } else rows.push(failed(g.seeds, seeds));

  if (million?.summary) {
    const m = million.summary;
    const what = `${runs(million)}, ${num(million.figures)} figures`;
    // The goals are a million figures': a smaller set (--figures) is measured and shown, not judged.
    const small = million.figures < MILLION;
    const judgeM = (met: boolean): Status => (small ? 'NOT JUDGED' : judge(met));
    const first = rows.length;
    rows.push({ ...g.first, status: judgeM(m.first_chart_ms.median <= 500), measured: `${ms(m.first_chart_ms.median)} (${ms(m.first_chart_ms.max)})`, basis: `${what}; judged on the median` });
    rows.push({
      ...g.interactive, status: judgeM(m.interactive_ms.median <= 1500), measured: `${ms(m.interactive_ms.median)} (${ms(m.interactive_ms.max)})`,
      basis: `${what}: navigation start → the figure panel open after a click on a point; judged on the median`,
    });
    const fc = m.first_chart_bytes;
    if (fc) {
      rows.push({
        ...g.bytes, status: judgeM(fc.parquet.median < 1e6),
        measured: `${bytesText(fc.parquet.median)} (${bytesText(fc.parquet.max)}); all bytes ${bytesText(fc.total.median)}`,
        basis: `${runs(million)}: response bodies on the wire of requests started before the first chart point; judged on the Parquet median`,
      });
    } else rows.push({ ...g.bytes, measured: '—', status: 'NOT MEASURED', basis: 'this browser run recorded no bytes before the first chart' });
    rows.push({
      ...g.switch, status: judgeM(m.switch_ms.median <= 50), measured: `median ${ms(m.switch_ms.median)}, worst ${ms(m.switch_ms.max)}`,
      basis: `${m.switch_ms.n} switches (${million.runs.length} cold runs × ${Math.round(m.switch_ms.n / Math.max(1, million.runs.length))}): the select's change event → the chart's new points; judged on the median`,
    });
    rows.push({
      ...g.click, status: judgeM(m.click_to_panel_ms.median <= 100), measured: `median ${ms(m.click_to_panel_ms.median)}, worst ${ms(m.click_to_panel_ms.max)}`,
      basis: `${m.click_to_panel_ms.n} clicks, the first on the app's chart in each cold run; judged on the median`,
    });
    if (small) for (const r of rows.slice(first)) r.basis += `; not judged: measured on ${num(million.figures)} figures, not ${num(MILLION)}`;
  } else for (const x of [g.first, g.interactive, g.bytes, g.switch, g.click]) rows.push(failed(x, million));
  return rows;
}

/** `N met, N missed …` over the rows. */
export function goalCounts(rows: GoalRow[]): string {
  const order: Status[] = ['MET', 'MISSED', 'FAILED', 'NOT JUDGED', 'NOT MEASURED'];
  return order.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ');
}
