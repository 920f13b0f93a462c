import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DocumentRow, FigureRow, Refusal, RunReport } from '../src/lib/types.ts';
import { indicatorRows } from '../src/lib/indicators.ts';
import { regions } from './figures/catalog/regions.ts';
import { blankSetAside } from './clean/set-aside.ts';
import { inferIssuers } from './metadata/metadata.ts';
import { type Prepared } from './prepare.ts';
import { documentKey, extractorVersion, finishedKey, OutcomeCache } from './cache/cache.ts';
import type { IssuerOf, Outcome } from './pool/extract.ts';
import { inProcess, workerPool } from './pool/pool.ts';
import { writeParquet } from './write/parquet.ts';
import { listDocuments } from './read/read.ts';
import { readSources } from './read/sources.ts';

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
  /** Worker threads extracting documents; 1 (the default) extracts in this thread. */
  workers?: number;
}

/** run.json: the contract's report, with what came from the cache and how many threads extracted. */
export interface PipelineReport extends RunReport {
  documents_extracted: number;
  documents_cached: number;
  workers: number;
  extractor_version: string;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/** The metadata stage's second pass: issuers inferred across the documents of a run. */
export function inferAcross(docs: Prepared[]): void {
  inferIssuers(docs.map((p) => ({ docId: p.raw.docId, meta: p.meta, text: blankSetAside(p.norm.text, p.setAside) })));
}

/**
 * Runs the pipeline over every document under `input` and writes figures,
 * documents, indicators and regions as Parquet, with run.json, into `output`.
 * A document that cannot be read or extracted is refused by name; the others go on.
 * A document whose bytes, path and extractor version are in the cache is not extracted again.
 */
export async function runPipeline(opts: RunOptions): Promise<PipelineReport> {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  if (!existsSync(opts.input) || !statSync(opts.input).isDirectory()) throw new Error(`input folder not found: ${opts.input}`);
  const stageMs: Record<string, number> = { read: 0, clean: 0, normalize: 0, metadata: 0, sentences: 0, figures: 0, write: 0 };

  const files = listDocuments(opts.input).map((path) => ({ path, file: relative(opts.input, path).split('\\').join('/') }));
  const { sources, warnings } = readSources(opts.input, files.map((f) => f.path));
  const version = extractorVersion();
  const cache = opts.cache ? new OutcomeCache(opts.cache, version) : undefined;
  const workers = Math.max(1, Math.min(opts.workers ?? 1, files.length));
  const extractor = workers > 1 ? workerPool(workers) : inProcess(now);
  const extracted = new Set<string>();
  const cached = new Set<string>();
  const outcome = async (path: string, file: string, key: string | undefined, peers?: IssuerOf[]): Promise<Outcome> => {
    const hit = key ? cache?.get(key, file) : undefined;
    if (hit) { cached.add(file); return hit; }
    const o = await extractor.extract(path, opts.input, file, peers);
    extracted.add(file);
    if (key) cache?.put(key, o);
    return o;
  };
  const keyOf = (path: string, file: string) => {
    if (!cache) return undefined;
    try { return documentKey(file, readFileSync(path)); } catch { return undefined; }
  };

  const refused: Refusal[] = [];
  const figures: FigureRow[] = [];
  const documents: DocumentRow[] = [];
  const keep = (o: Outcome) => {
    if (o.refusal) { refused.push(o.refusal); return; }
    for (const f of o.figures!) figures.push(f);
    const source = sources.get(o.file);
    documents.push({ ...o.document!, source_url: source?.url ?? null, genre: source?.genre ?? null });
  };
  const waiting: Array<{ o: Outcome; path: string; key?: string }> = [];
  try {
    let done = 0;
    const keys = files.map((f) => keyOf(f.path, f.file));
    const first = await Promise.all(files.map(async (f, i) => {
      const o = await outcome(f.path, f.file, keys[i]);
      opts.progress?.(++done, files.length);
      return o;
    }));
    // Assembled in file order, as one thread reading them one by one would.
    const seen = new Map<string, string>();
    const issuers: IssuerOf[] = [];
    for (const [i, o] of first.entries()) {
      for (const [stage, ms] of Object.entries(o.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
      if (o.docId === undefined) { refused.push(o.refusal!); continue; }
      const also = seen.get(o.docId);
      if (also !== undefined) { refused.push({ file: o.file, reason: `duplicate document id ${o.docId}: also ${also}` }); continue; }
      seen.set(o.docId, o.file);
      if (o.issuer) issuers.push(o.issuer);
      if (o.waiting) waiting.push({ o, path: files[i].path, key: keys[i] });
      else keep(o);
    }
    // A document that does not name its issuer is finished with the run's documents of its 索引号 prefix that do.
    const finished = await Promise.all(waiting.map(({ o, path, key }) => {
      const prefix = o.waiting!.indexPrefix;
      const peers = prefix === null ? [] : issuers.filter((d) => d.indexPrefix === prefix);
      return outcome(path, o.file, key && finishedKey(key, peers), peers);
    }));
    for (const o of finished) {
      for (const [stage, ms] of Object.entries(o.stageMs)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
      keep(o);
    }
  } finally {
    await extractor.close();
  }
  documents.sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
  figures.sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : a.raw_start - b.raw_start || a.raw_end - b.raw_end));

  const dataVersion = hash(figures.map((f) => `${f.figure_id}|${f.indicator}|${f.region}|${f.year}|${f.value}`).join('\n')).slice(0, 12);
  const t = now();
  await writeParquet(opts.output, { figures, documents, indicators: indicatorRows(), regions: regions().map(({ names: _n, ...r }) => r) });
  stageMs.write += now() - t;

  const report: PipelineReport = {
    started: new Date(started).toISOString(), input: opts.input, output: opts.output,
    documents_read: documents.length, documents_refused: refused.length, refused,
    figures_written: figures.length, stage_ms: stageMs, data_version: dataVersion,
    documents_extracted: extracted.size, documents_cached: [...cached].filter((f) => !extracted.has(f)).length, workers, extractor_version: version,
    warnings: [...warnings, ...(cache?.warnings ?? [])],
  };
  mkdirSync(opts.output, { recursive: true });
  const tmp = join(opts.output, `.run.json.${process.pid}`);
  writeFileSync(tmp, JSON.stringify(report, null, 2) + '\n');
  renameSync(tmp, join(opts.output, 'run.json'));
  return report;
}
