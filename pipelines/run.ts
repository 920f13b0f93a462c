import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Refusal, RunReport } from '../src/lib/types.ts';
import { indicatorRows } from '../src/lib/indicators.ts';
import { regions } from './figures/catalog/regions.ts';
import { blankSetAside } from './clean/set-aside.ts';
import { inferIssuers } from './metadata/metadata.ts';
import { type Prepared } from './prepare.ts';
import { corpusDigest, extractorVersion, fileDigest, OutcomeCache } from './cache/cache.ts';
import { Outcomes, type CorpusFile } from './outcomes.ts';
import type { IssuerOf, Outcome } from './pool/extract.ts';
import { inShard, shardSuffix, type Shard } from './shard/shard.ts';
import { readCorrections, type CorrectionsReport } from './corrections/corrections.ts';
import { commitOutput, rollForward } from './write/commit.ts';
import { buildTables, openDuck, partFiles, PartWriter, SIZES, type Built, type Kept, type Sizes } from './write/parts.ts';
import { listDocuments } from './read/read.ts';
import { readSources, type Source } from './read/sources.ts';

export { figuresOf, prepare, type Prepared } from './prepare.ts';

/** Where to read, where to write, and the side effects a run may have. */
export interface RunOptions {
  input: string;
  output: string;
  /** Called after each document with how many of how many are done. */
  progress?: (done: number, total: number) => void;
  /** The clock, for stage timings and run.json's start time. */
  now?: () => number;
  /** Folder of the extraction cache; none when absent. */
  cache?: string;
  /**
   * Worker threads extracting documents; 1 (the default) extracts in this thread;
   * 'auto' as many as the cores that have enough to extract to pay a thread's start.
   */
  workers?: number | 'auto';
  /** Extract only this shard's documents and write a partition (see shard/merge.ts). */
  shard?: Shard;
  /** The size of batches and of documents' row groups (write/parts.ts); the output does not depend on them. */
  sizes?: Partial<Sizes>;
  /** Folder of reviewers' corrections (`*.jsonl`, see corrections/corrections.ts); none when absent. */
  corrections?: string;
}

/** run.json: the contract's report, with what came from the cache and how many threads extracted. */
export interface PipelineReport extends RunReport {
  documents_extracted: number;
  documents_cached: number;
  workers: number;
  extractor_version: string;
  shard?: string;
  /** A merge's documents extracted again because other shards named their issuer. */
  documents_extracted_again?: number;
  /** SHA-256 over every input file's path and bytes: two runs over the same inputs say the same. */
  inputs_sha256: string;
  /** What became of the reviewers' corrections: applied, orphaned, refused lines, rejected figures. */
  corrections?: CorrectionsReport;
}

/** A refusal and the pass that made it: reading (1) or finishing a waiting document (2). */
export interface Refused { refusal: Refusal; pass: 1 | 2 }

/** A document that waited for the run's issuers, and the peers it was finished with. */
export interface Waited { file: string; docId: string; indexPrefix: string | null; peers: IssuerOf[] }

/** What extraction gave for a set of documents, before it is written. */
export interface Extracted {
  kept: Outcome[];
  refused: Refused[];
  issuers: Array<IssuerOf & { file: string }>;
  waited: Waited[];
  stageMs: Record<string, number>;
  /** Each file's path and the digest of its bytes, in corpus order. */
  inputs: Array<{ file: string; digest: string | undefined }>;
}

const sizeOf = (path: string) => { try { return statSync(path).size; } catch { return 0; } };

/** The metadata stage's second pass: issuers inferred across the documents of a run. */
export function inferAcross(docs: Prepared[]): void {
  inferIssuers(docs.map((p) => ({ docId: p.raw.docId, meta: p.meta, text: blankSetAside(p.norm.text, p.setAside) })));
}

/** The run's documents that name their issuer under the 索引号 prefix of a waiting one. */
export const peersOf = (issuers: IssuerOf[], prefix: string | null): IssuerOf[] =>
  prefix === null ? [] : issuers.filter((d) => d.indexPrefix === prefix).map(({ docId, indexPrefix, issuer, issuerPolluted }) => ({ docId, indexPrefix, issuer, issuerPolluted }));

/** Maps `items` through `f` with at most `width` calls under way, in order of start. */
async function mapWindow<T, R>(items: T[], width: number, f: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

/**
 * Extracts `files` (in corpus order) and assembles their outcomes in that order, as one
 * thread reading them one by one would: duplicates refused after the first, then the
 * documents that do not name their issuer finished with those of their 索引号 prefix.
 * Only a few documents are under way at once, and their rows go to the run's part
 * writer as they come, so memory does not grow with the corpus.
 */
export async function extractFiles(files: CorpusFile[], outcomes: Outcomes, progress?: (done: number, total: number) => void): Promise<Extracted> {
  const stageMs: Record<string, number> = { read: 0, clean: 0, normalize: 0, metadata: 0, sentences: 0, figures: 0, write: 0 };
  const addTimes = (o: Outcome) => { for (const [stage, ms] of Object.entries(o.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms; };
  const digests = files.map((f) => fileDigest(f.path));
  const keys = files.map((f, i) => outcomes.keyOf(f, digests[i]));
  const hits = files.map((f, i) => outcomes.lookup(f, keys[i]));
  const missing = files.filter((_, i) => !hits[i]);
  await outcomes.start(missing.length, missing.reduce((s, f) => s + sizeOf(f.path), 0));
  let done = 0;
  const first = await mapWindow(files, outcomes.threads * 4, async (f, i) => {
    const o = hits[i] ?? await outcomes.extract(f, keys[i]);
    progress?.(++done, files.length);
    return o;
  });
  const x: Extracted = { kept: [], refused: [], issuers: [], waited: [], stageMs, inputs: files.map((f, i) => ({ file: f.file, digest: digests[i] })) };
  const seen = new Map<string, string>();
  const waiting: number[] = [];
  for (const [i, o] of first.entries()) {
    addTimes(o);
    if (o.docId === undefined) { x.refused.push({ refusal: o.refusal!, pass: 1 }); continue; }
    const also = seen.get(o.docId);
    if (also !== undefined) { x.refused.push({ refusal: { file: o.file, reason: `duplicate document id ${o.docId}: also ${also}` }, pass: 1 }); continue; }
    seen.set(o.docId, o.file);
    if (o.issuer) x.issuers.push({ ...o.issuer, file: o.file });
    if (o.waiting) waiting.push(i);
    else if (o.refusal) x.refused.push({ refusal: o.refusal, pass: 1 });
    else x.kept.push(o);
  }
  const finished = await mapWindow(waiting, outcomes.threads * 4, (i) => {
    const o = first[i];
    const peers = peersOf(x.issuers, o.waiting!.indexPrefix);
    x.waited.push({ file: o.file, docId: o.docId!, indexPrefix: o.waiting!.indexPrefix, peers });
    return outcomes.get(files[i], keys[i], peers);
  });
  for (const o of finished) {
    addTimes(o);
    if (o.refusal) x.refused.push({ refusal: o.refusal, pass: 2 });
    else x.kept.push(o);
  }
  return x;
}

/** The kept documents as the table builder takes them: their part's files and their source fields. */
export const keptOf = (kept: Outcome[], sources: Map<string, Source>): Kept[] =>
  kept.map((o) => {
    if (o.part === undefined) throw new Error(`${o.file}: its rows were not written`);
    const source = sources.get(o.file);
    return { ...partFiles(o.part), file: o.file, source_url: source?.url ?? null, genre: source?.genre ?? null };
  });

/** The catalogs every output carries. */
export const catalogs = () => ({ indicators: indicatorRows(), regions: regions().map(({ names: _n, ...r }) => r) });

/** Writes `value` as JSON to `output/name`, through a temporary name. */
export function writeJson(output: string, name: string, value: unknown): void {
  mkdirSync(output, { recursive: true });
  const tmp = join(output, `.${name}.${process.pid}`);
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, join(output, name));
}

/**
 * Runs the pipeline over every document under `input` and writes figures,
 * documents, indicators and regions as Parquet, with run.json, into `output`.
 * A document that cannot be read or extracted is refused by name; the others go on.
 * A document whose bytes, path and extractor version are in the cache is not extracted again.
 * With `shard`, only the shard's documents, written as a partition for merge.ts.
 */
export async function runPipeline(opts: RunOptions): Promise<PipelineReport> {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  if (!existsSync(opts.input) || !statSync(opts.input).isDirectory()) throw new Error(`input folder not found: ${opts.input}`);

  const all = listDocuments(opts.input).map((path) => ({ path, file: relative(opts.input, path).split('\\').join('/') }));
  const { sources, warnings } = readSources(opts.input, all.map((f) => f.path));
  const files = opts.shard ? all.filter((f) => inShard(basename(f.path), opts.shard!)) : all;
  const version = extractorVersion();
  const cache = opts.cache ? new OutcomeCache(opts.cache, version) : undefined;
  // What a killed run left: its commit finished, its working folders removed.
  rollForward(opts.output);
  const read = readCorrections(opts.shard ? undefined : opts.corrections);
  const tmp = join(opts.output, `.tmp-${process.pid}`);
  const staged = join(tmp, 'out');
  rmSync(tmp, { recursive: true, force: true });
  const duck = await openDuck(join(tmp, 'spill'));
  let x: Extracted;
  let built: Built | undefined;
  let unreadable: Error | undefined;
  const outcomes: Outcomes = new Outcomes(opts.input, cache, opts.workers ?? 1, (o) => parts.add(o), now);
  const sizes = { ...SIZES, ...opts.sizes };
  const parts: PartWriter = new PartWriter(cache?.parts ?? join(tmp, 'parts'), duck.conn, (o) => outcomes.store(o), sizes);
  try {
    try {
      x = await extractFiles(files, outcomes, opts.progress);
      await parts.flush();
    } finally {
      await outcomes.close();
    }
    const t = now();
    try {
      built = await buildTables(duck.conn, keptOf(x.kept, sources), staged, tmp,
        opts.shard ? { suffix: shardSuffix(opts.shard), keepFile: true, sizes } : { catalogs: catalogs(), sizes, corrections: read.corrections });
    } catch (e) {
      if (!cache) throw e;
      unreadable = e as Error;
    }
    x.stageMs.write += now() - t + parts.ms;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    duck.close();
  }
  if (!built) {
    // A part of the cache that cannot be read costs a run without the cache, never the output.
    rmSync(tmp, { recursive: true, force: true });
    const again = await runPipeline({ ...opts, cache: undefined });
    again.warnings = [`the cache's rows could not be read (${unreadable!.message.split('\n')[0]}); every document was extracted again`, ...(again.warnings ?? [])];
    return again;
  }

  const refused = x.refused.map((r) => r.refusal);
  const report: PipelineReport = {
    started: new Date(started).toISOString(), input: opts.input, output: opts.output,
    documents_read: built.documents, documents_refused: refused.length, refused,
    figures_written: built.figures, stage_ms: x.stageMs, data_version: built.dataVersion,
    documents_extracted: outcomes.extracted.size, documents_cached: outcomes.cached, workers: outcomes.threads, extractor_version: version,
    inputs_sha256: corpusDigest(x.inputs), warnings: [...warnings, ...(cache?.warnings ?? [])],
  };
  if (built.corrections) report.corrections = { ...built.corrections, refused: read.refused };
  if (opts.shard) {
    report.shard = `${opts.shard.k}/${opts.shard.n}`;
    writeJson(staged, `partition${shardSuffix(opts.shard)}.json`, { ...report, pass_of_refused: x.refused.map((r) => r.pass), issuers: x.issuers, waited: x.waited, inputs: x.inputs });
  } else {
    writeJson(staged, 'run.json', report);
  }
  commitOutput(staged, opts.output);
  rmSync(tmp, { recursive: true, force: true });
  return report;
}
