import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { corpusDigest, extractorVersion, OutcomeCache } from '../cache/cache.ts';
import { Outcomes } from '../outcomes.ts';
import { readSources } from '../read/sources.ts';
import { catalogs, keptOf, peersOf, writeJson, type PipelineReport, type Refused, type Waited } from '../run.ts';
import { quote } from '../write/parquet.ts';
import { readCorrections } from '../corrections/corrections.ts';
import { commitOutput, rollForward } from '../write/commit.ts';
import { buildTables, openDuck, PartWriter, type Built, type Kept } from '../write/parts.ts';
import type { IssuerOf } from '../pool/extract.ts';

/** What a shard's run leaves beside its Parquet files (partition-k-of-n.json). */
interface Partition extends PipelineReport {
  pass_of_refused: Array<1 | 2>;
  issuers: Array<IssuerOf & { file: string }>;
  waited: Waited[];
  inputs: Array<{ file: string; digest: string | undefined }>;
}

/** Where the partitions are, where to write, and what a merge may need to extract again. */
export interface MergeOptions {
  partitions: string[];
  output: string;
  /** The corpus, needed only when a document waited for issuers that another shard holds. */
  input?: string;
  cache?: string;
  workers?: number | 'auto';
  now?: () => number;
  /** Folder of reviewers' corrections, applied to the merged tables. */
  corrections?: string;
}

const PARTITION = /^partition-([0-9]+)-of-([0-9]+)\.json$/;
const byFile = <T extends { file: string }>(a: T, b: T) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
const samePeers = (a: IssuerOf[], b: IssuerOf[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Builds the dashboard's tables from shards' partitions (any folders holding
 * partition-k-of-n.json with its figures- and documents-k-of-n.parquet), with the same
 * rows as one run over the whole corpus: a document that did not name its issuer is
 * extracted again when the issuers of all shards give it other 索引号 peers than its own shard did.
 */
export async function mergePartitions(opts: MergeOptions): Promise<PipelineReport> {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  const found: Array<{ dir: string; suffix: string; k: number; n: number; p: Partition }> = [];
  for (const dir of opts.partitions) {
    if (!existsSync(dir)) throw new Error(`partition folder not found: ${dir}`);
    for (const name of readdirSync(dir).sort()) {
      const m = PARTITION.exec(name);
      if (!m) continue;
      const p = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Partition;
      found.push({ dir, suffix: `-${m[1]}-of-${m[2]}`, k: Number(m[1]), n: Number(m[2]), p });
    }
  }
  if (found.length === 0) throw new Error(`no partition-k-of-n.json in ${opts.partitions.join(', ')}`);
  const n = found[0].n;
  const version = found[0].p.extractor_version;
  const warnings: string[] = [];
  for (const f of found) {
    if (f.n !== n) throw new Error(`partition ${f.k} of ${f.n} in ${f.dir} is of another split than ${n}`);
    if (f.p.extractor_version !== version) throw new Error(`partition ${f.k} of ${f.n} in ${f.dir} was extracted by extractor ${f.p.extractor_version}, not ${version}`);
  }
  const ks = new Set(found.map((f) => f.k));
  if (ks.size !== found.length) throw new Error(`a shard given twice: ${found.map((f) => `${f.k} in ${f.dir}`).join(', ')}`);
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !ks.has(k));
  if (missing.length) warnings.push(`shards missing: ${missing.join(', ')} of ${n}; their documents are not in the output`);
  for (const w of found[0].p.warnings ?? []) if (!w.startsWith('cache entry')) warnings.push(w);

  // Issuers of every shard, in corpus order, as one run would see them.
  const issuers = found.flatMap((f) => f.p.issuers).sort(byFile);
  const redo = found.flatMap((f) => f.p.waited).filter((w) => !samePeers(w.peers, peersOf(issuers, w.indexPrefix))).sort(byFile);
  if (redo.length && !opts.input) throw new Error(`documents whose issuer other shards name must be extracted again: pass --in with the corpus (${redo.map((w) => w.file).join(', ')})`);

  const refused: Refused[] = found.flatMap((f) => f.p.refused.map((refusal, i) => ({ refusal, pass: f.p.pass_of_refused[i] })));
  const stageMs: Record<string, number> = {};
  for (const f of found) for (const [s, ms] of Object.entries(f.p.stage_ms)) stageMs[s] = (stageMs[s] ?? 0) + ms;
  const redone = new Set(redo.map((w) => w.docId));
  rollForward(opts.output);
  const read = readCorrections(opts.corrections);
  const tmp = join(opts.output, `.tmp-${process.pid}`);
  const staged = join(tmp, 'out');
  rmSync(tmp, { recursive: true, force: true });
  const duck = await openDuck(join(tmp, 'spill'));
  let extracted = 0;
  let built: Built;
  try {
    // Each partition is a part: its documents are kept but for those extracted again.
    const kept: Kept[] = [];
    for (const f of found) {
      const files = { figures: join(f.dir, `figures${f.suffix}.parquet`), documents: join(f.dir, `documents${f.suffix}.parquet`) };
      const rows = (await duck.conn.runAndReadAll(`SELECT file, doc_id, source_url, genre FROM read_parquet(${quote(files.documents)})`)).getRowObjectsJson() as
        Array<{ file: string; doc_id: string; source_url: string | null; genre: string | null }>;
      for (const r of rows) if (!redone.has(r.doc_id)) kept.push({ ...files, file: r.file, source_url: r.source_url, genre: r.genre });
    }
    if (redo.length) {
      const input = opts.input!;
      const cache = opts.cache ? new OutcomeCache(opts.cache, extractorVersion()) : undefined;
      if (cache && cache.version !== version) throw new Error(`the partitions were extracted by extractor ${version}, this one is ${cache.version}`);
      const outcomes: Outcomes = new Outcomes(input, cache, opts.workers ?? 1, (o) => parts.add(o), now);
      const parts: PartWriter = new PartWriter(cache?.parts ?? join(tmp, 'parts'), duck.conn, (o) => outcomes.store(o));
      await outcomes.start(redo.length, 0);
      const redoFiles = new Set(redo.map((w) => w.file));
      for (let i = refused.length - 1; i >= 0; i--) if (refused[i].pass === 2 && redoFiles.has(refused[i].refusal.file)) refused.splice(i, 1);
      try {
        const again = await Promise.all(redo.map(async (w) => {
          const f = { path: join(input, w.file), file: w.file };
          const key = outcomes.keyOf(f);
          await outcomes.get(f, key);
          return outcomes.get(f, key, peersOf(issuers, w.indexPrefix));
        }));
        await parts.flush();
        const { sources } = readSources(input, redo.map((w) => join(input, w.file)));
        kept.push(...keptOf(again.filter((o) => !o.refusal), sources));
        for (const o of again) if (o.refusal) refused.push({ refusal: o.refusal, pass: 2 });
      } finally {
        await outcomes.close();
      }
      extracted = outcomes.extracted.size;
    }
    const t = now();
    built = await buildTables(duck.conn, kept, staged, tmp, { catalogs: catalogs(), corrections: read.corrections });
    stageMs.write = (stageMs.write ?? 0) + now() - t;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    duck.close();
  }
  // One run refuses while reading, in corpus order, then while finishing waiting documents.
  refused.sort((a, b) => a.pass - b.pass || byFile(a.refusal, b.refusal));
  const report: PipelineReport = {
    started: new Date(started).toISOString(), input: found.map((f) => relative('.', f.dir) || '.').filter((d, i, a) => a.indexOf(d) === i).join(', '),
    output: opts.output, documents_read: built.documents, documents_refused: refused.length, refused: refused.map((r) => r.refusal),
    figures_written: built.figures, stage_ms: stageMs, data_version: built.dataVersion,
    documents_extracted: found.reduce((s, f) => s + f.p.documents_extracted, 0),
    documents_cached: found.reduce((s, f) => s + f.p.documents_cached, 0), documents_extracted_again: extracted,
    workers: Math.max(...found.map((f) => f.p.workers)), extractor_version: version, warnings,
    // The digest one run over the shards' documents would give: their inputs in corpus order.
    inputs_sha256: corpusDigest(found.flatMap((f) => f.p.inputs).sort(byFile)),
  };
  if (built!.corrections) report.corrections = { ...built!.corrections, refused: read.refused };
  writeJson(staged, 'run.json', report);
  commitOutput(staged, opts.output);
  rmSync(tmp, { recursive: true, force: true });
  return report;
}
