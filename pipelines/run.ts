import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { DocumentRow, FigureRow, Refusal, RunReport } from '../src/lib/types.ts';
import { indicatorRows } from '../src/lib/indicators.ts';
import { regions } from './figures/catalog/regions.ts';
import { blankSetAside } from './clean/set-aside.ts';
import { inferIssuers } from './metadata/metadata.ts';
import { type Prepared } from './prepare.ts';
import { extractorVersion, OutcomeCache } from './cache/cache.ts';
import { Outcomes, type CorpusFile } from './outcomes.ts';
import type { IssuerOf, Outcome } from './pool/extract.ts';
import { inShard, shardSuffix, type Shard } from './shard/shard.ts';
import { writeParquet } from './write/parquet.ts';
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
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const sizeOf = (path: string) => { try { return statSync(path).size; } catch { return 0; } };

/** The metadata stage's second pass: issuers inferred across the documents of a run. */
export function inferAcross(docs: Prepared[]): void {
  inferIssuers(docs.map((p) => ({ docId: p.raw.docId, meta: p.meta, text: blankSetAside(p.norm.text, p.setAside) })));
}

/** The run's documents that name their issuer under the 索引号 prefix of a waiting one. */
export const peersOf = (issuers: IssuerOf[], prefix: string | null): IssuerOf[] =>
  prefix === null ? [] : issuers.filter((d) => d.indexPrefix === prefix).map(({ docId, indexPrefix, issuer, issuerPolluted }) => ({ docId, indexPrefix, issuer, issuerPolluted }));

/**
 * Extracts `files` (in corpus order) and assembles their outcomes in that order, as one
 * thread reading them one by one would: duplicates refused after the first, then the
 * documents that do not name their issuer finished with those of their 索引号 prefix.
 */
export async function extractFiles(files: CorpusFile[], outcomes: Outcomes, progress?: (done: number, total: number) => void): Promise<Extracted> {
  const stageMs: Record<string, number> = { read: 0, clean: 0, normalize: 0, metadata: 0, sentences: 0, figures: 0, write: 0 };
  const addTimes = (o: Outcome) => { for (const [stage, ms] of Object.entries(o.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms; };
  const keys = files.map((f) => outcomes.keyOf(f));
  const hits = files.map((f, i) => outcomes.lookup(f, keys[i]));
  const missing = files.filter((_, i) => !hits[i]);
  outcomes.start(missing.length, missing.reduce((s, f) => s + sizeOf(f.path), 0));
  let done = 0;
  const first = await Promise.all(files.map(async (f, i) => {
    const o = hits[i] ?? await outcomes.extract(f, keys[i]);
    progress?.(++done, files.length);
    return o;
  }));
  const x: Extracted = { kept: [], refused: [], issuers: [], waited: [], stageMs };
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
  const finished = await Promise.all(waiting.map((i) => {
    const o = first[i];
    const peers = peersOf(x.issuers, o.waiting!.indexPrefix);
    x.waited.push({ file: o.file, docId: o.docId!, indexPrefix: o.waiting!.indexPrefix, peers });
    return outcomes.get(files[i], keys[i], peers);
  }));
  for (const o of finished) {
    addTimes(o);
    if (o.refusal) x.refused.push({ refusal: o.refusal, pass: 2 });
    else x.kept.push(o);
  }
  return x;
}

/** The figure and document rows of kept outcomes, in the order the tables are hashed. */
export function rowsOf(kept: Outcome[], sources: Map<string, Source>): { figures: FigureRow[]; documents: DocumentRow[] } {
  const figures: FigureRow[] = [];
  const documents: DocumentRow[] = [];
  for (const o of kept) {
    for (const f of o.figures!) figures.push(f);
    const source = sources.get(o.file);
    documents.push({ ...o.document!, source_url: source?.url ?? null, genre: source?.genre ?? null });
  }
  sortRows(figures, documents);
  return { figures, documents };
}

/** Sorts rows by document, and figures within one by their span. */
export function sortRows(figures: FigureRow[], documents: DocumentRow[]): void {
  documents.sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
  figures.sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : a.raw_start - b.raw_start || a.raw_end - b.raw_end));
}

/** The data's version: a hash of what each figure says, over figures sorted by sortRows. */
export const dataVersion = (figures: FigureRow[]) =>
  hash(figures.map((f) => `${f.figure_id}|${f.indicator}|${f.region}|${f.year}|${f.value}`).join('\n')).slice(0, 12);

/** Writes the four tables the dashboard reads. */
export const writeTables = (output: string, figures: FigureRow[], documents: DocumentRow[]) =>
  writeParquet(output, { figures, documents, indicators: indicatorRows(), regions: regions().map(({ names: _n, ...r }) => r) });

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
  const outcomes = new Outcomes(opts.input, cache, opts.workers ?? 1, now);
  let x: Extracted;
  try {
    x = await extractFiles(files, outcomes, opts.progress);
  } finally {
    await outcomes.close();
  }
  const { figures, documents } = rowsOf(x.kept, sources);

  const t = now();
  if (opts.shard) await writeParquet(opts.output, { figures, documents }, shardSuffix(opts.shard));
  else await writeTables(opts.output, figures, documents);
  x.stageMs.write += now() - t;

  const refused = x.refused.map((r) => r.refusal);
  const report: PipelineReport = {
    started: new Date(started).toISOString(), input: opts.input, output: opts.output,
    documents_read: documents.length, documents_refused: refused.length, refused,
    figures_written: figures.length, stage_ms: x.stageMs, data_version: dataVersion(figures),
    documents_extracted: outcomes.extracted.size, documents_cached: outcomes.cached, workers: outcomes.threads, extractor_version: version,
    warnings: [...warnings, ...(cache?.warnings ?? [])],
  };
  if (!opts.shard) {
    writeJson(opts.output, 'run.json', report);
    return report;
  }
  report.shard = `${opts.shard.k}/${opts.shard.n}`;
  writeJson(opts.output, `partition${shardSuffix(opts.shard)}.json`, { ...report, pass_of_refused: x.refused.map((r) => r.pass), issuers: x.issuers, waited: x.waited });
  return report;
}
