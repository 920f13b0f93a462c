/**
 * `npm run bench`: the pipeline's throughput (MB/s of raw bytes) and peak memory
 * on a generated corpus of at least 100 MB, beside merely reading and decoding
 * the same files; then the built dashboard in headless Chromium on the seeds and
 * on a million generated figures (bench/browser.ts). Figures and ratios are
 * reported, never asserted.
 */
import { arch, availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../src/lib/types.ts';
import { browserBench, browserReport } from './browser.ts';
import { existingCorpus, generateCorpus, type CorpusSpec, type Manifest } from './corpus.ts';
import { measure } from './measure.ts';
import { hotspots, type Hotspot } from './profile.ts';
import { mb, num, percent, table } from './report.ts';
import { harvestSentences, type Pool } from './sources.ts';
import type { TaskResult } from './task.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench/out');
const DATA = join(OUT, 'data');
const PROFILES = join(OUT, 'profile');
const SOURCE_DIRS = [join(ROOT, 'seeds'), join(ROOT, 'seeds/dev'), join(ROOT, 'seeds/dev2')];

const USAGE = `usage: npm run bench -- [--mb N] [--keep] [--seed N] [--profile] [--browser-only | --no-browser] [--runs N] [--figures N]
  --mb N          corpus size in MB (10^6 bytes) of raw input (default 105)
  --keep          reuse the corpus generated earlier with the same size and seed
  --seed N        seed of the corpus generator and of the browser bench's figures (default 1729)
  --profile       also write a CPU profile of the pipeline, and of the page's main thread in one more cold run
                  per site, and list their hottest functions (slows the pipeline down)
  --browser-only  only the browser bench (the pipeline's numbers in results.json are kept)
  --no-browser    only the pipeline bench
  --runs N        cold browser runs per site (default 3)
  --figures N     figures in the generated browser data set (default 1000000; reused when it exists with the same seed)`;

interface Args {
  mb: number;
  keep: boolean;
  seed: number;
  profile: boolean;
  pipeline: boolean;
  browser: boolean;
  runs: number;
  figures: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { mb: 105, keep: false, seed: 1729, profile: false, pipeline: true, browser: true, runs: 3, figures: 1_000_000 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--mb') a.mb = Number(argv[++i]);
    else if (k === '--seed') a.seed = Number(argv[++i]);
    else if (k === '--keep') a.keep = true;
    else if (k === '--profile') a.profile = true;
    else if (k === '--browser-only') a.pipeline = false;
    else if (k === '--no-browser') a.browser = false;
    else if (k === '--runs') a.runs = Number(argv[++i]);
    else if (k === '--figures') a.figures = Number(argv[++i]);
    else if (k === '--help' || k === '-h') { console.log(USAGE); process.exit(0); }
    else throw new Error(`unknown argument: ${k}\n${USAGE}`);
  }
  if (!(a.mb > 0)) throw new Error(`--mb needs a positive number, not ${argv[argv.indexOf('--mb') + 1]}`);
  if (!Number.isInteger(a.seed)) throw new Error(`--seed needs an integer, not ${argv[argv.indexOf('--seed') + 1]}`);
  if (!a.pipeline && !a.browser) throw new Error(`--browser-only and --no-browser leave nothing to run\n${USAGE}`);
  if (!(Number.isInteger(a.runs) && a.runs > 0)) throw new Error(`--runs needs a positive integer, not ${argv[argv.indexOf('--runs') + 1]}`);
  if (!(Number.isInteger(a.figures) && a.figures > 0)) throw new Error(`--figures needs a positive integer, not ${argv[argv.indexOf('--figures') + 1]}`);
  return a;
}

/** One measured task, in the units the bench reports. */
interface Row {
  raw_mb: number;
  documents: number;
  refused: number;
  figures: number | null;
  wall_s: number;
  mb_per_s: number;
  peak_rss_mb: number;
}

function rowOf(r: TaskResult, bytes: number): Row {
  return {
    raw_mb: mb(bytes), documents: r.documents, refused: r.refused, figures: r.figures,
    wall_s: r.ms / 1000, mb_per_s: mb(bytes) / (r.ms / 1000), peak_rss_mb: (r.max_rss_kb * 1024) / 1e6,
  };
}

function machine() {
  const cpu = cpus();
  return {
    node: process.version, os: `${platform()} ${release()} ${arch()}`,
    cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, ram_gb: totalmem() / 2 ** 30,
  };
}

const count = (p: Pool): number => p.sentences.length + p.lines.length;

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

function taskTable(rows: Record<'idle' | 'read' | 'pipeline', Row>): string {
  const cells = (label: string, r: Row) => [label, num(r.raw_mb, 2), num(r.documents), num(r.refused), num(r.figures), num(r.wall_s, 2), num(r.mb_per_s, 2), num(r.peak_rss_mb)];
  return table(
    ['task', 'raw MB', 'documents', 'refused', 'figures', 'wall s', 'MB/s', 'peak RSS MB'],
    [
      ['idle (node + tsx)', '—', '—', '—', '—', num(rows.idle.wall_s, 2), '—', num(rows.idle.peak_rss_mb)],
      cells('read + decode', rows.read),
      cells('pipeline', rows.pipeline),
    ],
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

/** run.json's stage times, and the time between them (per-document glue) that no stage counts. */
function stagesOf(report: RunReport, wallMs: number): { stage: string; ms: number; share: number }[] {
  const timed = Object.entries(report.stage_ms).map(([stage, ms]) => ({ stage, ms, share: ms / wallMs }));
  const between = wallMs - timed.reduce((s, t) => s + t.ms, 0);
  return [...timed, { stage: '(between stages)', ms: between, share: between / wallMs }];
}

/** The profile the pipeline's main thread wrote (tsx's loader thread writes a smaller one of its own). */
function pipelineProfile(): string | undefined {
  if (!existsSync(PROFILES)) return undefined;
  return readdirSync(PROFILES).map((n) => join(PROFILES, n)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const m = machine();
  if (!args.pipeline) {
    console.log('Kelan browser benchmark');
    console.log(`node ${m.node} · ${m.os} · ${m.cpu} · ${m.cores} cores · ${m.ram_gb.toFixed(1)} GB RAM`);
  }
  const results: Record<string, unknown> = args.pipeline ? await pipelineBench(args, m) : previousResults();
  if (args.browser) {
    const browser = await browserBench({ root: ROOT, out: OUT, seed: args.seed, figures: args.figures, runs: args.runs, profile: args.profile,
      log: (line) => console.log(line) });
    console.log(browserReport(browser));
    results.browser = browser;
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${relative(ROOT, join(OUT, 'results.json'))}`);
}

/** results.json as an earlier run left it, so that --browser-only keeps the pipeline's numbers. */
function previousResults(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(OUT, 'results.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function pipelineBench(args: Args, m: ReturnType<typeof machine>): Promise<Record<string, unknown>> {
  console.log('Kelan pipeline benchmark (MB = 10^6 bytes of raw input; times are wall clock inside each task process)');
  console.log(`node ${m.node} · ${m.os} · ${m.cpu} · ${m.cores} cores · ${m.ram_gb.toFixed(1)} GB RAM`);

  const sources = harvestSentences(SOURCE_DIRS);
  const spec: CorpusSpec = { dir: join(OUT, 'corpus', `${args.mb}mb-seed${args.seed}`), seed: args.seed, targetBytes: Math.round(args.mb * 1e6), sources };
  const { manifest, generatedS } = corpus(spec, args.keep);
  const forms = Object.entries(manifest.forms).map(([f, n]) => `${f} ${n}`).join(', ');
  console.log(`\ncorpus  ${relative(ROOT, spec.dir)}  seed ${args.seed}, from ${count(sources.simplified)} Simplified and ${count(sources.traditional)} Traditional sentences and lines of ${SOURCE_DIRS.map((d) => relative(ROOT, d)).join(' and ')}`);
  console.log(`        ${num(manifest.documents)} documents, ${num(mb(manifest.bytes), 2)} MB: ${forms}`);
  console.log(generatedS === null ? '        reused (--keep): same size, seed and generator' : `        generated in ${generatedS.toFixed(1)} s`);
  warmCache(spec.dir);

  rmSync(PROFILES, { recursive: true, force: true });
  const idle = await measure(['idle'], { cwd: ROOT });
  const read = await measure(['read', spec.dir], { cwd: ROOT });
  const profileFlags = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : [];
  const pipeline = await measure(['pipeline', spec.dir, DATA], { cwd: ROOT, nodeFlags: profileFlags });
  const runJson = JSON.parse(readFileSync(join(DATA, 'run.json'), 'utf8')) as RunReport;

  const rows = { idle: rowOf(idle, 0), read: rowOf(read, manifest.bytes), pipeline: rowOf(pipeline, manifest.bytes) };
  const ratios = {
    time: rows.pipeline.wall_s / rows.read.wall_s,
    throughput: rows.pipeline.mb_per_s / rows.read.mb_per_s,
    peak_rss: rows.pipeline.peak_rss_mb / rows.read.peak_rss_mb,
  };
  console.log(`\n${taskTable(rows)}`);
  console.log(`\npipeline ÷ read + decode:  time ×${ratios.time.toFixed(2)}   MB/s ×${ratios.throughput.toFixed(3)}   peak RSS ×${ratios.peak_rss.toFixed(2)}`);

  const stages = stagesOf(runJson, pipeline.ms);
  console.log(`\npipeline stages (stage_ms from ${relative(ROOT, join(DATA, 'run.json'))}; share of the pipeline's wall time)`);
  console.log(table(
    ['stage', 'ms', 'share', 'MB/s'],
    [
      ...stages.map((s) => [s.stage, num(s.ms), percent(s.ms, pipeline.ms), s.ms > 0 ? num(mb(manifest.bytes) / (s.ms / 1000), 1) : '—']),
      ['total', num(pipeline.ms), '100.0%', num(rows.pipeline.mb_per_s, 2)],
    ],
    ['l', 'r', 'r', 'r'],
  ));
  if (runJson.documents_refused > 0) {
    console.log(`\nrefused ${runJson.documents_refused}:`);
    for (const r of runJson.refused.slice(0, 10)) console.log(`  ${r.file}: ${r.reason}`);
  }

  const scale = await scaleBench(spec.dir, manifest.bytes, pipeline);

  let profile: { file: string; top: Hotspot[] } | null = null;
  const profileFile = args.profile ? pipelineProfile() : undefined;
  if (profileFile) {
    profile = { file: relative(ROOT, profileFile), top: hotspots(profileFile, ROOT) };
    console.log(`\nhottest functions by self time (${profile.file}; profiling slows the pipeline, so its times above are inflated)`);
    console.log(table(['function', 'file', 'self ms', 'share'], profile.top.map((h) => [h.name, h.where, num(h.ms), percent(h.share, 1)]), ['l', 'l', 'r', 'r']));
  }

  return {
    measured_at: new Date().toISOString(), machine: m,
    corpus: { dir: relative(ROOT, spec.dir), ...manifest, generated_s: generatedS },
    tasks: rows, ratios_pipeline_to_read: ratios,
    stages: stages.map((s) => ({ ...s, ms: Math.round(s.ms) })), profile, scale,
  };
}

/**
 * The pipeline on every core, and incremental: a run on all cores (no cache), a cold
 * run that fills a fresh cache, then a rerun after one document changed (a sentence
 * appended; the file is restored after), as a share of the one-thread run.
 */
async function scaleBench(dir: string, bytes: number, one: TaskResult) {
  const oneThreadMs = one.ms;
  const cores = availableParallelism();
  const cache = join(OUT, 'cache');
  rmSync(cache, { recursive: true, force: true });
  const all = await measure(['pipeline', dir, join(OUT, 'data-all'), '--workers', String(cores)], { cwd: ROOT });
  const cold = await measure(['pipeline', dir, join(OUT, 'data-all'), '--workers', String(cores), '--cache', cache], { cwd: ROOT });
  const changed = join(dir, readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()[0]);
  const size = statSync(changed).size;
  appendFileSync(changed, '\n2025年，全市新增高新技术企业321家。\n');
  let rerun: TaskResult;
  try {
    rerun = await measure(['pipeline', dir, join(OUT, 'data-all'), '--workers', String(cores), '--cache', cache], { cwd: ROOT });
  } finally {
    truncateSync(changed, size);
  }
  const s = (r: TaskResult) => r.ms / 1000;
  console.log(`\npipeline on ${cores} cores and incremental (goal: a rerun after one change < 5% of a full run)`);
  console.log(table(
    ['run', 'extracted', 'wall s', 'MB/s', 'peak RSS MB', 'of one thread'],
    [
      ['one thread, no cache', num(one.extracted ?? null), num(oneThreadMs / 1000, 2), num(mb(bytes) / (oneThreadMs / 1000), 2), num((one.max_rss_kb * 1024) / 1e6), '100.0%'],
      ...([['all cores, no cache', all], ['all cores, cold cache', cold], ['rerun after one change', rerun]] as const).map(([label, r]) =>
        [label, num(r.extracted ?? null), num(s(r), 2), num(mb(bytes) / s(r), 2), num((r.max_rss_kb * 1024) / 1e6), percent(r.ms, oneThreadMs)]),
    ],
    ['l', 'r', 'r', 'r', 'r', 'r'],
  ));
  // The rerun against the cold run of the same flags, and against the one-thread run (the other runs share the machine's load).
  const ratio = rerun.ms / cold.ms;
  console.log(`rerun after one change ÷ cold run with the cache: ${(ratio * 100).toFixed(1)}%, ÷ one thread without: ${(100 * rerun.ms / oneThreadMs).toFixed(1)}% (goal < 5%: ${ratio < 0.05 ? 'met' : 'missed'})`);

  // Shards as a batch scheduler would run them: all at once, one thread each, then the merge.
  const n = cores;
  const parts = Array.from({ length: n }, (_, i) => join(OUT, 'parts', String(i + 1)));
  rmSync(join(OUT, 'parts'), { recursive: true, force: true });
  const t = performance.now();
  const shards = await Promise.all(parts.map((p, i) => measure(['pipeline', dir, p, '--workers', '1', '--shard', `${i + 1}/${n}`], { cwd: ROOT })));
  const shardsMs = performance.now() - t;
  const merge = await measure(['merge', dir, join(OUT, 'data-merged'), '--parts', parts.join(',')], { cwd: ROOT });
  const identical = ['figures', 'documents', 'indicators', 'regions'].every((name) =>
    readFileSync(join(DATA, `${name}.parquet`)).equals(readFileSync(join(OUT, 'data-merged', `${name}.parquet`))));
  console.log(`${n} shards at once: ${(shardsMs / 1000).toFixed(2)} s (slowest ${(Math.max(...shards.map((r) => r.ms)) / 1000).toFixed(2)} s), merge ${(merge.ms / 1000).toFixed(2)} s` +
    ` (${merge.extracted ?? 0} extracted again); merged tables ${identical ? 'byte-identical to' : 'DIFFER from'} one run's`);
  return { cores, all_cores: all, cold_cache: cold, rerun_after_one_change: rerun, rerun_ratio: ratio,
    shards: { n, wall_ms: shardsMs, runs: shards, merge, identical } };
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});
