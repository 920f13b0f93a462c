/**
 * `npm run bench`: the pipeline's throughput (MB/s of raw bytes), documents and
 * figures per second, peak memory and ratio to merely reading and decoding, its
 * incremental rerun and its sharded run, at several generated corpus sizes; then
 * the built dashboard in headless Chromium on the seeds and on a million
 * generated figures (bench/browser.ts); then issue 10's goals, each judged from
 * what was measured (bench/goals.ts). Figures are reported, never asserted.
 */
import { availableParallelism, loadavg } from 'node:os';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../src/lib/types.ts';
import type { BrowserResults } from './browser.ts';
import { existingCorpus, generateCorpus, type CorpusSpec, type Manifest } from './corpus.ts';
import { derive, evaluateGoals, goalCounts, ok, type GoalRow, type Outcome, type PipelineResults, type SizeResult } from './goals.ts';
import { chromiumVersion, LoadSampler, loadText, machine, machineLine, type LoadSummary, type Machine } from './machine.ts';
import { measure, othersCores, type Measured } from './measure.ts';
import { hotspots } from './profile.ts';
import { mb, num, percent, table } from './report.ts';
import { harvestSentences, type Pool, type Sources } from './sources.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench/out');
const PROFILES = join(OUT, 'profile');
const SOURCE_DIRS = [join(ROOT, 'seeds'), join(ROOT, 'seeds/dev'), join(ROOT, 'seeds/dev2')];
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The sizes run without --sizes; 1 GB is opt-in (--sizes 10,100,1000): on this 2-core machine it takes about an hour more. */
const DEFAULT_SIZES = [10, 100];
const GB_SIZE = 1000;
/** Chart switches per cold browser run: the issue's median and worst of 20. */
const SWITCHES = 20;

const USAGE = `usage: npm run bench -- [--sizes A,B,C | --mb N] [--keep] [--seed N] [--profile] [--browser-only | --no-browser] [--runs N] [--switches N] [--figures N] | --judge
  --sizes A,B,C   corpus sizes in MB (10^6 bytes) of raw input, each generated and run in turn (default ${DEFAULT_SIZES.join(',')};
                  add ${GB_SIZE} for the 1 GB corpus, left out by default for the time it takes)
  --mb N          one size, as --sizes N
  --keep          reuse each corpus generated earlier with the same size and seed
  --seed N        seed of the corpus generator and of the browser bench's figures (default 1729)
  --profile       also write a CPU profile of each size's one-thread pipeline run, and of the page's main thread in one more cold run
                  per site, and list their hottest functions (slows the pipeline down, so its times and goals are inflated)
  --browser-only  only the browser bench (the pipeline's numbers in results.json are kept and judged again)
  --no-browser    only the pipeline bench (the browser's numbers in results.json are kept and judged again)
  --runs N        cold browser runs per site (default 3)
  --switches N    chart switches per cold browser run (default ${SWITCHES})
  --figures N     figures in the generated browser data set (default 1000000; reused when it exists with the same seed)
  --judge         run nothing: judge the goals again from bench/out/results.json and print them`;

interface Args {
  sizes: number[];
  keep: boolean;
  seed: number;
  profile: boolean;
  pipeline: boolean;
  browser: boolean;
  runs: number;
  switches: number;
  figures: number;
  judge: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { sizes: DEFAULT_SIZES, keep: false, seed: 1729, profile: false, pipeline: true, browser: true, runs: 3, switches: SWITCHES, figures: 1_000_000, judge: false };
  const value = (i: number, flag: string) => {
    if (i >= argv.length) throw new Error(`${flag} needs a value\n${USAGE}`);
    return argv[i];
  };
  let sizesText: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--sizes' || k === '--mb') sizesText = value(++i, k);
    else if (k === '--seed') a.seed = Number(value(++i, k));
    else if (k === '--keep') a.keep = true;
    else if (k === '--profile') a.profile = true;
    else if (k === '--browser-only') a.pipeline = false;
    else if (k === '--no-browser') a.browser = false;
    else if (k === '--runs') a.runs = Number(value(++i, k));
    else if (k === '--switches') a.switches = Number(value(++i, k));
    else if (k === '--figures') a.figures = Number(value(++i, k));
    else if (k === '--judge') a.judge = true;
    else if (k === '--help' || k === '-h') { console.log(USAGE); process.exit(0); }
    else throw new Error(`unknown argument: ${k}\n${USAGE}`);
  }
  if (sizesText !== null) {
    const sizes = sizesText.split(',').map((s) => Number(s.trim()));
    if (sizes.length === 0 || !sizes.every((n) => n > 0)) throw new Error(`--sizes needs positive numbers of MB separated by commas, not ${sizesText}`);
    a.sizes = [...new Set(sizes)].sort((x, y) => x - y);
  }
  if (!Number.isInteger(a.seed)) throw new Error(`--seed needs an integer`);
  if (!a.pipeline && !a.browser) throw new Error(`--browser-only and --no-browser leave nothing to run\n${USAGE}`);
  if (!(Number.isInteger(a.runs) && a.runs > 0)) throw new Error(`--runs needs a positive integer`);
  if (!(Number.isInteger(a.switches) && a.switches > 0)) throw new Error(`--switches needs a positive integer`);
  if (!(Number.isInteger(a.figures) && a.figures > 0)) throw new Error(`--figures needs a positive integer`);
  return a;
}

const count = (p: Pool): number => p.sentences.length + p.lines.length;
const secs = (msValue: number) => num(msValue / 1000, 2);
const rss = (r: Measured) => (r.max_rss_kb * 1024) / 1e6;
const sizeLabel = (mbValue: number) => (mbValue >= 1000 ? `${num(mbValue / 1000, mbValue % 1000 === 0 ? 0 : 2)} GB` : `${num(mbValue, mbValue < 10 ? 1 : 0)} MB`);

/** The corpus `spec` asks for: reused when `keep` and it is on disk, else generated (with the seconds it took). */
function corpus(spec: CorpusSpec, keep: boolean): { manifest: Manifest; generatedS: number | null } {
  const kept = keep ? existingCorpus(spec) : undefined;
  if (kept) return { manifest: kept, generatedS: null };
  const t = performance.now();
  const manifest = generateCorpus(spec);
  return { manifest, generatedS: (performance.now() - t) / 1000 };
}

/** Reads every corpus file once, so that neither task pays for a cold disk cache. */
function warmCache(dir: string): void {
  for (const name of readdirSync(dir)) readFileSync(join(dir, name));
}

/** run.json's stage times, and the time between them (per-document glue) that no stage counts. */
function stagesOf(report: RunReport, wallMs: number): { stage: string; ms: number; share: number }[] {
  const timed = Object.entries(report.stage_ms).map(([stage, ms]) => ({ stage, ms, share: ms / wallMs }));
  const between = wallMs - timed.reduce((s, t) => s + t.ms, 0);
  return [...timed, { stage: '(between stages)', ms: between, share: between / wallMs }];
}

/** The profile the pipeline's main thread wrote into `dir` (tsx's loader thread writes a smaller one of its own). */
function pipelineProfile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).map((n) => join(dir, n)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

/** A run's result, or its failure printed and recorded: one failed run (a heap out of memory on 1 GB) does not end the bench. */
async function attempt(label: string, run: Promise<Measured>): Promise<Outcome> {
  try {
    return await run;
  } catch (e) {
    const error = (e as Error).message;
    console.log(`  ${label} FAILED: ${error.split('\n').slice(0, 6).join('\n    ')}`);
    return { error };
  }
}

function sameTables(a: string, b: string): boolean {
  return ['figures', 'documents', 'indicators', 'regions'].every((name) => {
    try {
      return readFileSync(join(a, `${name}.parquet`)).equals(readFileSync(join(b, `${name}.parquet`)));
    } catch {
      return false;
    }
  });
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.judge) return judgeAgain();
  const sampler = new LoadSampler();
  sampler.start();
  const m = machine();
  const chromium = args.browser ? chromiumVersion(CHROMIUM) : '';
  const [l1, l5, l15] = loadavg();
  console.log(`Kelan benchmark: npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd());
  console.log(machineLine(m) + (chromium ? ` · ${chromium}` : ''));
  console.log(`load average at the start: ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)} (1, 5, 15 min) on ${m.cores} cores; ` +
    `sampled every 5 s while the bench runs (the bench's own processes count in it)`);

  const previous = previousResults();
  const pipeline = args.pipeline ? await pipelineBench(args, m, sampler) : previous.pipeline;
  let browser = previous.browser;
  if (args.browser) {
    // Loaded only here: the browser half builds the site from src/, which --no-browser does not need to compile.
    const { browserBench, browserReport } = await import('./browser.ts');
    const t = performance.now();
    try {
      browser = await browserBench({ root: ROOT, out: OUT, seed: args.seed, figures: args.figures, runs: args.runs, switches: args.switches, profile: args.profile,
        log: (line) => console.log(line) });
      console.log(browserReport(browser));
    } catch (e) {
      // A site that cannot be built or served ends the browser half, not the bench: the goals are still judged and written.
      const error = (e as Error).message;
      console.log(`\nbrowser: FAILED: ${error}`);
      browser = { measured_at: new Date().toISOString(), chromium, view: '', switch_to: [], cold_runs: args.runs, switches: args.switches, build: '', sites: [], error };
    }
    console.log(`load average (1 min) during the browser bench: ${loadText(sampler.summary(t, performance.now()))}`);
  }
  sampler.stop();
  const goals = evaluateGoals(pipeline, browser);
  console.log(goalsReport(goals, {
    pipeline: !pipeline ? null : args.pipeline ? 'this run' : `an earlier run (${pipeline.measured_at})`,
    browser: !browser ? null : args.browser ? 'this run' : `an earlier run (${browser.measured_at})`,
    profiled: args.profile,
  }));
  const load = sampler.summary();
  console.log(`\nload average (1 min) during the whole bench: ${loadText(load)} on ${m.cores} cores`);

  const results = {
    measured_at: new Date().toISOString(), command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd(), machine: m, chromium: chromium || null,
    load, pipeline: pipeline ?? null, pipeline_from: args.pipeline ? 'this run' : pipeline ? 'an earlier run' : null,
    browser: browser ?? null, browser_from: args.browser ? 'this run' : browser ? 'an earlier run' : null, goals,
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${relative(ROOT, join(OUT, 'results.json'))}`);
}

/** The goals judged again from the last results.json, as the code judges them now; its measurements are not touched. */
function judgeAgain(): void {
  const file = join(OUT, 'results.json');
  let r: Record<string, unknown> & { command?: string; measured_at?: string; machine?: Machine; chromium?: string | null; load?: LoadSummary };
  try {
    r = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`--judge needs ${relative(ROOT, file)}, from an earlier npm run bench`);
  }
  const { pipeline, browser } = previousResults();
  console.log(`goals judged again from ${relative(ROOT, file)}: ${r.command ?? 'npm run bench'}, written ${r.measured_at ?? '(unknown)'}`);
  if (r.machine) console.log(machineLine(r.machine) + (r.chromium ? ` · ${r.chromium}` : ''));
  const goals = evaluateGoals(pipeline, browser);
  console.log(goalsReport(goals, {
    pipeline: pipeline ? `the run measured at ${pipeline.measured_at}` : null,
    browser: browser ? `the run measured at ${browser.measured_at}` : null,
    profiled: pipeline?.profiled ?? false,
  }));
  if (r.load) console.log(`\nload average (1 min) during that bench: ${loadText(r.load)}`);
  writeFileSync(file, JSON.stringify({ ...r, goals }, null, 2) + '\n');
  console.log(`wrote the goals into ${relative(ROOT, file)}`);
}

/** results.json as an earlier run left it (its pipeline half only when it has sizes), so that one half can be rerun alone. */
function previousResults(): { pipeline?: PipelineResults; browser?: BrowserResults } {
  try {
    const r = JSON.parse(readFileSync(join(OUT, 'results.json'), 'utf8')) as { pipeline?: PipelineResults; browser?: BrowserResults };
    return { pipeline: Array.isArray(r.pipeline?.sizes) ? r.pipeline : undefined, browser: r.browser?.sites ? r.browser : undefined };
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------
// The pipeline

async function pipelineBench(args: Args, m: Machine, sampler: LoadSampler): Promise<PipelineResults> {
  const cores = availableParallelism();
  console.log('\nKelan pipeline benchmark (MB = 10^6 bytes of raw input; times are wall clock inside each task process unless said otherwise)');
  console.log(`sizes ${args.sizes.map(sizeLabel).join(', ')}; each run in its own process: read + decode, the pipeline on one thread, on ${cores} cores, ` +
    `on ${cores} cores filling a fresh cache, its rerun after one document changed, ${cores} shards at once and their merge`);
  if (!args.sizes.some((s) => s >= GB_SIZE)) console.log(`1 GB is opt-in: --sizes ${[...args.sizes, GB_SIZE].join(',')} (an estimate of its time follows the runs)`);
  const sources = harvestSentences(SOURCE_DIRS);
  console.log(`corpora from ${count(sources.simplified)} Simplified and ${count(sources.traditional)} Traditional sentences and lines of ` +
    `${SOURCE_DIRS.map((d) => relative(ROOT, d)).join(', ')}, seed ${args.seed}`);
  rmSync(PROFILES, { recursive: true, force: true });
  const idle = await attempt('idle', measure(['idle'], { cwd: ROOT }));

  const sizes: SizeResult[] = [];
  for (const size of args.sizes) sizes.push(await sizeBench(size, args, sources, cores, sampler));

  console.log(`\n${summaryTable(sizes, cores)}`);
  const biggest = sizes[sizes.length - 1];
  if (!args.sizes.some((s) => s >= GB_SIZE)) console.log(gbEstimate(biggest));
  return {
    measured_at: new Date().toISOString(), machine: m, cores, seed: args.seed, profiled: args.profile, idle, sizes,
    load: sampler.summary(),
  };
}

/** Every run at one corpus size. */
async function sizeBench(size: number, args: Args, sources: Sources, cores: number, sampler: LoadSampler): Promise<SizeResult> {
  const started = performance.now();
  const spec: CorpusSpec = { dir: join(OUT, 'corpus', `${size}mb-seed${args.seed}`), seed: args.seed, targetBytes: Math.round(size * 1e6), sources };
  const runDir = join(OUT, 'runs', `${size}mb`);
  const data = join(runDir, 'data');
  const dataAll = join(runDir, 'data-all');
  const cache = join(runDir, 'cache');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });

  console.log(`\n=== ${sizeLabel(size)} ${'='.repeat(60)}`);
  const { manifest, generatedS } = corpus(spec, args.keep);
  const forms = Object.entries(manifest.forms).map(([f, n]) => `${f} ${n}`).join(', ');
  console.log(`corpus  ${relative(ROOT, spec.dir)}: ${num(manifest.documents)} documents, ${num(mb(manifest.bytes), 2)} MB (${forms})`);
  console.log(`        sha256 ${manifest.sha256.slice(0, 16)}…, ${generatedS === null ? 'reused (--keep): same size, seed and generator' : `generated in ${generatedS.toFixed(1)} s`}`);
  warmCache(spec.dir);
  const bytes = manifest.bytes;

  const read = await attempt('read + decode', measure(['read', spec.dir], { cwd: ROOT }));
  const profileDir = join(PROFILES, `${size}mb`);
  const profileFlags = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const one = await attempt('pipeline, one thread', measure(['pipeline', spec.dir, data], { cwd: ROOT, nodeFlags: profileFlags }));
  let stages: SizeResult['stages'] = [];
  if (ok(one)) {
    const runJson = JSON.parse(readFileSync(join(data, 'run.json'), 'utf8')) as RunReport;
    stages = stagesOf(runJson, one.ms);
    console.log(`pipeline stages, one thread (stage_ms of ${relative(ROOT, join(data, 'run.json'))}; share of its wall time)`);
    console.log(table(
      ['stage', 'ms', 'share', 'MB/s'],
      [
        ...stages.map((s) => [s.stage, num(s.ms), percent(s.ms, one.ms), s.ms > 0 ? num(mb(bytes) / (s.ms / 1000), 1) : '—']),
        ['total', num(one.ms), '100.0%', num(mb(bytes) / (one.ms / 1000), 2)],
      ],
      ['l', 'r', 'r', 'r'],
    ));
    const between = stages.find((x) => x.stage === '(between stages)');
    if (between && between.ms < 0) console.log('(stage times overlap: the run times stages that proceed side by side, so they sum past its wall time)');
    if (runJson.documents_refused > 0) {
      console.log(`refused ${runJson.documents_refused}:`);
      for (const r of runJson.refused.slice(0, 10)) console.log(`  ${r.file}: ${r.reason}`);
    }
  }
  const profileFile = args.profile ? pipelineProfile(profileDir) : undefined;
  if (profileFile) {
    console.log(`hottest functions by self time (${relative(ROOT, profileFile)}; profiling slows the pipeline, so its times are inflated)`);
    console.log(table(['function', 'file', 'self ms', 'share'], hotspots(profileFile, ROOT).map((h) => [h.name, h.where, num(h.ms), percent(h.share, 1)]), ['l', 'l', 'r', 'r']));
  }

  const workers = ['--workers', String(cores)];
  const all = await attempt(`pipeline, ${cores} cores`, measure(['pipeline', spec.dir, dataAll, ...workers], { cwd: ROOT }));
  const allIdentical = ok(one) && ok(all) ? sameTables(data, dataAll) : null;
  const cold = await attempt('cold run filling the cache', measure(['pipeline', spec.dir, dataAll, ...workers, '--cache', cache], { cwd: ROOT }));
  let rerun: Outcome = { error: 'not run: the cold run failed' };
  if (ok(cold)) {
    // One document changed: a sentence appended to the first text file, which is restored after.
    const changed = join(spec.dir, readdirSync(spec.dir).filter((n) => n.endsWith('.txt')).sort()[0]);
    const before = statSync(changed).size;
    appendFileSync(changed, '\n2025年，全市新增高新技术企业321家。\n');
    try {
      rerun = await attempt('rerun after one change', measure(['pipeline', spec.dir, dataAll, ...workers, '--cache', cache], { cwd: ROOT }));
    } finally {
      truncateSync(changed, before);
    }
  }

  // Shards as a batch scheduler would run them: all at once, one thread each, then the merge.
  const n = cores;
  const parts = Array.from({ length: n }, (_, i) => join(runDir, 'parts', String(i + 1)));
  const t = performance.now();
  const shardRuns = await Promise.all(parts.map((p, i) =>
    attempt(`shard ${i + 1}/${n}`, measure(['pipeline', spec.dir, p, '--workers', '1', '--shard', `${i + 1}/${n}`], { cwd: ROOT }))));
  const shardsMs = performance.now() - t;
  const merged = join(runDir, 'data-merged');
  const merge: Outcome = shardRuns.every(ok)
    ? await attempt('merge', measure(['merge', spec.dir, merged, '--parts', parts.join(',')], { cwd: ROOT }))
    : { error: 'not run: a shard failed' };
  const shardsOk = shardRuns.every(ok);
  const busy = shardsOk && shardRuns.every((r) => (r as Measured).machine_busy_ms !== null)
    ? Math.max(...shardRuns.map((r) => (r as Measured).machine_busy_ms!)) : null;
  const shards: SizeResult['shards'] = {
    n, wall_ms: shardsMs, runs: shardRuns, merge,
    identical: ok(one) && ok(merge) ? sameTables(data, merged) : null,
    others_cores: shardsOk ? othersCores(busy, shardRuns.reduce((s, r) => s + (r as Measured).cpu_ms, 0), shardsMs) : null,
  };

  const load = sampler.summary(started, performance.now());
  const partial: Omit<SizeResult, 'derived'> = {
    mb: size, corpus: { dir: relative(ROOT, spec.dir), documents: manifest.documents, bytes, forms: manifest.forms, sha256: manifest.sha256, generated_s: generatedS },
    read, one_thread: one, all_cores: all, cold_cache: cold, rerun, shards, all_cores_identical: allIdentical,
    stages: stages.map((s) => ({ ...s, ms: Math.round(s.ms) })), load,
  };
  const result: SizeResult = { ...partial, derived: derive(partial, cores) };
  console.log(runsTable(result, cores));
  const d = result.derived;
  if (d.rerun_share !== null) {
    console.log(`rerun after one change ÷ the cold run: ${num(100 * d.rerun_share!, 1)}% inside the process, ${num(100 * d.rerun_share_process!, 1)}% counting Node and tsx starting` +
      `${ok(one) && ok(rerun) ? `; ÷ one thread without a cache: ${percent(rerun.ms, one.ms)}` : ''}`);
  }
  console.log(`${n} shards at once: ${d.shards_s === null ? 'failed' : `${num(d.shards_s, 2)} s (slowest ${secs(Math.max(...shardRuns.map((r) => (ok(r) ? r.ms : NaN))))} s)`}` +
    `, merge ${d.merge_s === null ? 'failed' : `${num(d.merge_s, 2)} s (${ok(merge) ? merge.extracted ?? 0 : 0} extracted again)`}` +
    `; merged tables ${shards.identical === null ? 'not compared with the one-thread run\'s (a run failed)' : `${shards.identical ? 'byte-identical to' : 'DIFFER from'} the one-thread run's`}` +
    `; ${cores}-core tables ${allIdentical === null ? 'not compared (a run failed)' : `${allIdentical ? 'byte-identical to' : 'DIFFER from'} the one-thread run's`}`);
  console.log(`load average (1 min) during ${sizeLabel(size)}: ${loadText(load)}`);
  return result;
}

/** One size's runs, a row each. */
function runsTable(s: SizeResult, cores: number): string {
  const mbv = mb(s.corpus.bytes);
  const rows: [string, Outcome][] = [
    ['read + decode', s.read], ['pipeline, one thread, no cache', s.one_thread], [`pipeline, ${cores} cores, no cache`, s.all_cores],
    [`pipeline, ${cores} cores, cold cache`, s.cold_cache], ['rerun after one change', s.rerun],
    ...(s.shards?.runs.map((r, i) => [`shard ${i + 1}/${s.shards!.n} (all at once)`, r] as [string, Outcome]) ?? []),
    ...(s.shards ? [['merge', s.shards.merge] as [string, Outcome]] : []),
  ];
  return table(
    ['run', 'documents', 'extracted', 'figures', 'wall s', 'process s', 'CPU s', 'MB/s', 'docs/s', 'figures/s', 'peak RSS MB', 'others\' cores'],
    rows.map(([label, r]) => ok(r)
      ? [label, num(r.documents), num(r.extracted ?? null), num(r.figures), secs(r.ms), secs(r.process_ms), secs(r.cpu_ms), num(mbv / (r.ms / 1000), 2),
        num(r.documents / (r.ms / 1000), 1), r.figures === null ? '—' : num(r.figures / (r.ms / 1000)), num(rss(r)), num(othersCores(r.machine_busy_ms, r.cpu_ms, r.process_ms), 2)]
      : [label, r.error.startsWith('not run') ? 'not run' : 'FAILED', '', '', '', '', '', '', '', '', '', '']),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

/** The figures issue 10 asks for, a column per size. */
function summaryTable(sizes: SizeResult[], cores: number): string {
  const col = (f: (s: SizeResult) => string) => sizes.map(f);
  const d = (s: SizeResult) => s.derived;
  const f = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? 'failed' : num(v, digits));
  const rows: string[][] = [
    ['corpus: documents · MB', ...col((s) => `${num(s.corpus.documents)} · ${num(d(s).raw_mb, 1)}`)],
    ['figures written', ...col((s) => f(d(s).figures))],
    ['read + decode: MB/s', ...col((s) => f(d(s).read?.mb_per_s, 1))],
    ['one thread: MB/s', ...col((s) => f(d(s).one_thread?.mb_per_s, 2))],
    ['  MB per CPU-second', ...col((s) => f(d(s).one_thread?.mb_per_cpu_s, 2))],
    ['  documents/s', ...col((s) => f(d(s).one_thread?.documents_per_s, 1))],
    ['  figures/s', ...col((s) => f(d(s).one_thread?.figures_per_s))],
    ['  peak RSS, MB', ...col((s) => f(d(s).one_thread?.peak_rss_mb))],
    [`${cores} cores: MB/s`, ...col((s) => f(d(s).all_cores?.mb_per_s, 2))],
    ['  MB/s per core', ...col((s) => f(d(s).all_cores?.mb_per_s_per_core, 2))],
    ['  MB per CPU-second', ...col((s) => f(d(s).all_cores?.mb_per_cpu_s, 2))],
    ['  documents/s', ...col((s) => f(d(s).all_cores?.documents_per_s, 1))],
    ['  figures/s', ...col((s) => f(d(s).all_cores?.figures_per_s))],
    ['  peak RSS, MB', ...col((s) => f(d(s).all_cores?.peak_rss_mb))],
    ['  cores other work kept busy', ...col((s) => f(d(s).all_cores?.others_cores, 2))],
    ['one thread ÷ read + decode, time', ...col((s) => (d(s).ratio_to_read === null ? 'failed' : `×${num(d(s).ratio_to_read, 1)}`))],
    ['rerun after one change ÷ cold run', ...col((s) => (d(s).rerun_share === null ? 'failed' : `${num(100 * d(s).rerun_share!, 1)}%`))],
    ['  counting Node + tsx starting', ...col((s) => (d(s).rerun_share_process === null ? 'failed' : `${num(100 * d(s).rerun_share_process!, 1)}%`))],
    [`${cores} shards at once + merge, s`, ...col((s) => (d(s).shards_s === null ? 'failed' : `${num(d(s).shards_s, 2)} + ${f(d(s).merge_s, 2)}`))],
    ['  merged = one run, byte for byte', ...col((s) => (s.shards?.identical === null || !s.shards ? 'not compared' : s.shards.identical ? 'yes' : 'NO'))],
    [`${cores} cores = one thread, byte for byte`, ...col((s) => (s.all_cores_identical === null ? 'not compared' : s.all_cores_identical ? 'yes' : 'NO'))],
    ['load average (1 min), median', ...col((s) => (s.load.samples ? `${num(s.load.median, 2)} (${num(s.load.min, 2)}–${num(s.load.max, 2)})` : '—'))],
  ];
  const lines = [
    `pipeline at ${sizes.length === 1 ? 'one size' : `${sizes.length} sizes`} (MB/s of raw input; wall time inside each process; per core = ÷ ${cores} cores)`,
    table(['', ...sizes.map((s) => sizeLabel(s.mb))], rows, ['l', ...sizes.map(() => 'r' as const)]),
  ];
  if (sizes.length >= 2) {
    const [a, b] = [sizes[0], sizes[sizes.length - 1]];
    const ratio = (k: 'one_thread' | 'all_cores') => (a.derived[k] && b.derived[k] ? `×${num(b.derived[k]!.peak_rss_mb / a.derived[k]!.peak_rss_mb, 2)}` : 'failed');
    lines.push(`peak RSS at ${sizeLabel(b.mb)} ÷ at ${sizeLabel(a.mb)} (corpus ×${num(b.corpus.bytes / a.corpus.bytes, 1)}): one thread ${ratio('one_thread')}, ${cores} cores ${ratio('all_cores')}`);
  }
  return lines.join('\n');
}

/** How long the 1 GB size would take here, scaled from the largest size run. */
function gbEstimate(s: SizeResult | undefined): string {
  if (!s) return '';
  const runs: Outcome[] = [s.read, s.one_thread, s.all_cores, s.cold_cache, s.rerun, ...(s.shards ? [s.shards.merge] : [])];
  const measured = runs.filter(ok).reduce((sum, r) => sum + r.process_ms, 0) + (s.shards?.wall_ms ?? 0);
  const factor = GB_SIZE / s.mb;
  const minutes = (measured * factor) / 60_000;
  return `1 GB not run (opt in with --sizes …,${GB_SIZE}): its runs would take about ${num(minutes)} min here, ` +
    `scaled ×${num(factor, 1)} from the ${sizeLabel(s.mb)} runs (more if memory or other work grows with it)`;
}

// ---------------------------------------------------------------------------
// The goals

function goalsReport(rows: GoalRow[], from: { pipeline: string | null; browser: string | null; profiled: boolean }): string {
  const lines = [
    `\nissue 10's goals, judged from what was measured (${goalCounts(rows)})`,
    `pipeline figures from ${from.pipeline ?? 'no run'}; browser figures from ${from.browser ?? 'no run'}` +
      (from.profiled ? '; --profile was on, so times are inflated' : ''),
    table(['#', 'goal', 'target', 'measured', 'status'], rows.map((r, i) => [String(i + 1), r.goal, r.target, r.measured, r.status]), ['r', 'l', 'l', 'l', 'l']),
    'how each was measured and judged:',
    ...rows.map((r, i) => `${String(i + 1).padStart(3)}. ${r.basis}`),
  ];
  return lines.join('\n');
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});
